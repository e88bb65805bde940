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
    private final transient java.time.Duration retryAfter;

    public FetchException(Reason reason, String message) {
        this(reason, message, (java.time.Duration) null);
    }

    /** A refusal that says when to ask again (an HTTP {@code Retry-After}); {@code retryAfter} may be null. */
    public FetchException(Reason reason, String message, java.time.Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = null;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retriable() {
        return reason.retriable();
    }

    /** How long the server asked us to wait before the next request, when it said. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }
}
