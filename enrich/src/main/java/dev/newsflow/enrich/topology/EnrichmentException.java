package dev.newsflow.enrich.topology;

/** An article that cannot be enriched, with a short machine-readable reason (a DLQ header and metric tag). */
public final class EnrichmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String TOO_LARGE = "too-large";
    public static final String ENGINE_ERROR = "engine-error";
    public static final String INVALID_ARTICLE = "invalid-article";

    private final String reason;

    public EnrichmentException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
