package dev.newsflow.enrich.topology;

import dev.newsflow.schemas.DeadLetterRecords.Reason;

/** An article that cannot be enriched, with a short machine-readable reason (a DLQ header and metric tag). */
public final class EnrichmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public EnrichmentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
