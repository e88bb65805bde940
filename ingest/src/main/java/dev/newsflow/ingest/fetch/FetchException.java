package dev.newsflow.ingest.fetch;

/**
 * A fetch that failed, with a short machine-readable reason (used as a metric tag) and
 * whether trying again later may help.
 */
public class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a fetch failed; {@code retriable} says whether a later attempt may succeed. */
    public enum Reason {
        INVALID_URL(false), FORBIDDEN_ADDRESS(false), UNKNOWN_HOST(true), CONNECT(true), TIMEOUT(true),
        HTTP_CLIENT_ERROR(false), HTTP_SERVER_ERROR(true), RATE_LIMITED(true), TOO_MANY_REDIRECTS(false), TOO_LARGE(false),
        DECOMPRESSION_BOMB(false), BAD_CONTENT_TYPE(false), BAD_CONTENT(false), IO(true);

        private final boolean retriable;

        Reason(boolean retriable) {
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public FetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retriable() {
        return reason.retriable();
    }
}
