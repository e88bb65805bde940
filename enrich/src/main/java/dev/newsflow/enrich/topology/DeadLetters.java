package dev.newsflow.enrich.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds dead-letter records: the original key and value bytes unchanged, the original
 * headers kept, and the reason in {@code newsflow.dlq.*} headers.
 */
public final class DeadLetters {
    public static final String HEADER_PREFIX = "newsflow.dlq.";
    public static final String STAGE = HEADER_PREFIX + "stage";
    public static final String REASON = HEADER_PREFIX + "reason";
    public static final String ERROR_CLASS = HEADER_PREFIX + "error.class";
    public static final String ERROR_MESSAGE = HEADER_PREFIX + "error.message";
    public static final String SOURCE_TOPIC = HEADER_PREFIX + "source.topic";
    public static final String SOURCE_PARTITION = HEADER_PREFIX + "source.partition";
    public static final String SOURCE_OFFSET = HEADER_PREFIX + "source.offset";
    public static final String SOURCE_TIMESTAMP = HEADER_PREFIX + "source.timestamp";
    public static final String FAILED_AT = HEADER_PREFIX + "failed.at";

    /** Where in the enrich stage the record failed. */
    public enum Stage { DESERIALIZE, PROCESS, PRODUCE }

    private static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetters() {
    }

    public static ProducerRecord<byte[], byte[]> record(String dlqTopic, Stage stage, String reason,
                                                        ErrorHandlerContext context, Exception error) {
        Headers headers = new RecordHeaders();
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                if (!header.key().startsWith(HEADER_PREFIX)) {
                    headers.add(header);
                }
            }
        }
        put(headers, STAGE, stage.name().toLowerCase(java.util.Locale.ROOT));
        put(headers, REASON, reason);
        put(headers, ERROR_CLASS, error.getClass().getName());
        put(headers, ERROR_MESSAGE, message(error));
        put(headers, SOURCE_TOPIC, context.topic());
        put(headers, SOURCE_PARTITION, String.valueOf(context.partition()));
        put(headers, SOURCE_OFFSET, String.valueOf(context.offset()));
        put(headers, SOURCE_TIMESTAMP, String.valueOf(context.timestamp()));
        put(headers, FAILED_AT, Instant.now().toString());
        return new ProducerRecord<>(dlqTopic, null, context.timestamp() >= 0 ? context.timestamp() : null,
                context.sourceRawKey(), context.sourceRawValue(), headers);
    }

    /** The reason for an exception: {@link EnrichmentException#reason()} or a generic one per stage. */
    public static String reasonOf(Exception error, String fallback) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EnrichmentException enrichment) {
                return enrichment.reason();
            }
        }
        return fallback;
    }

    private static String message(Throwable error) {
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
