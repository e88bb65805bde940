package dev.newsflow.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter record format every stage writes to {@code news.articles.dlq}: the original
 * key and value bytes unchanged, the original headers kept, and why in {@code newsflow.dlq.*}
 * headers.
 */
public final class DeadLetterRecords {
    public static final String HEADER_PREFIX = "newsflow.dlq.";
    /** Pipeline stage that gave up: "enrich" or "sink". */
    public static final String STAGE = HEADER_PREFIX + "stage";
    /** Step within the stage: "deserialize", "process" or "produce". */
    public static final String STEP = HEADER_PREFIX + "step";
    /** Short machine-readable reason, also the tag of the stage's DLQ metric. */
    public static final String REASON = HEADER_PREFIX + "reason";
    public static final String ERROR_CLASS = HEADER_PREFIX + "error.class";
    public static final String ERROR_MESSAGE = HEADER_PREFIX + "error.message";
    public static final String SOURCE_TOPIC = HEADER_PREFIX + "source.topic";
    public static final String SOURCE_PARTITION = HEADER_PREFIX + "source.partition";
    public static final String SOURCE_OFFSET = HEADER_PREFIX + "source.offset";
    public static final String SOURCE_TIMESTAMP = HEADER_PREFIX + "source.timestamp";
    public static final String FAILED_AT = HEADER_PREFIX + "failed.at";

    /** Where in a stage a record failed. */
    public enum Step { DESERIALIZE, PROCESS, PRODUCE }

    /**
     * Every reason a stage writes in {@link #REASON} (and tags its DLQ metric with). Dead-letter
     * records can only be built with one of these, and the README lists them all.
     */
    public enum Reason {
        /** enrich: the raw record is not a readable Article. */
        DESERIALIZATION("deserialization"),
        /** enrich: the NLP engine failed on the article. */
        ENGINE_ERROR("engine-error"),
        /** enrich: the body is longer than engine.max.chars. */
        TOO_LARGE("too-large"),
        /** enrich: the Article breaks the contract (no id). */
        INVALID_ARTICLE("invalid-article"),
        /** enrich: the enriched record could not be produced (e.g. too large for the topic). */
        PRODUCTION("production"),
        /** enrich: the enriched record could not be serialized. */
        SERIALIZATION("serialization"),
        /** sink: the enriched record is not a readable EnrichedArticle. */
        UNREADABLE("unreadable"),
        /** sink: applying the article to the stores failed. */
        PROCESSING("processing");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The header value and metric tag. */
        public String label() {
            return label;
        }
    }

    private static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetterRecords() {
    }

    /** Where the failed record was read from. */
    public record Source(String topic, int partition, long offset, long timestamp, Headers headers) {
    }

    public static ProducerRecord<byte[], byte[]> build(String dlqTopic, String stage, Step step, Reason reason,
                                                       Source source, byte[] key, byte[] value, Exception error) {
        Headers headers = new RecordHeaders();
        if (source.headers() != null) {
            for (Header header : source.headers()) {
                if (!header.key().startsWith(HEADER_PREFIX)) {
                    headers.add(header);
                }
            }
        }
        put(headers, STAGE, stage);
        put(headers, STEP, step.name().toLowerCase(Locale.ROOT));
        put(headers, REASON, reason.label());
        put(headers, ERROR_CLASS, error.getClass().getName());
        put(headers, ERROR_MESSAGE, message(error));
        put(headers, SOURCE_TOPIC, source.topic());
        put(headers, SOURCE_PARTITION, String.valueOf(source.partition()));
        put(headers, SOURCE_OFFSET, String.valueOf(source.offset()));
        put(headers, SOURCE_TIMESTAMP, String.valueOf(source.timestamp()));
        put(headers, FAILED_AT, Instant.now().toString());
        return new ProducerRecord<>(dlqTopic, null, source.timestamp() >= 0 ? source.timestamp() : null, key, value, headers);
    }

    /** The error's message with its causes, capped. */
    static String message(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != error; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text.toString();
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
