package dev.newsflow.ingest.publish;

/** What happened to one article handed to the publisher. */
public enum Outcome {
    /** Acknowledged by the broker (acks=all). */
    PUBLISHED,
    /** Same id and content hash as a version already published: not sent. */
    DUPLICATE,
    /** Could not be delivered (broker away past delivery.timeout.ms, record too large, ...). */
    UNDELIVERED,
    /** Input that can never become an article (no text, malformed): not retried. */
    INVALID
}
