package dev.newsflow.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends input records the sink cannot read or apply to the dead-letter topic, unchanged, with
 * the reason in {@code newsflow.dlq.*} headers (the same headers enrich writes), counts them,
 * and carries on: one bad record must not stop the store.
 */
public final class SinkDeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    /** Streams config key: the dead-letter topic name. */
    public static final String TOPIC = "newsflow.sink.dlq.topic";
    /** Streams config key: the {@link SinkStats} to count in (optional). */
    public static final String STATS = "newsflow.sink.dlq.stats";
    static final String PREFIX = "newsflow.dlq.";
    private static final Logger LOG = LoggerFactory.getLogger(SinkDeadLetters.class);
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private String topic;
    private SinkStats stats;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(TOPIC);
        topic = name == null ? null : name.toString();
        stats = configs.get(STATS) instanceof SinkStats given ? given : null;
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        count("unreadable", context, exception);
        return DeserializationExceptionHandler.Response.resume(
                deadLetter(context, record.key(), record.value(), "unreadable", exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        count("processing", context, exception);
        return ProcessingExceptionHandler.Response.resume(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), "processing", exception));
    }

    private void count(String reason, ErrorHandlerContext context, Exception exception) {
        if (stats != null) {
            stats.malformed();
        }
        LOG.warn("Record {}-{}@{} sent to the dead-letter topic ({}): {}", context.topic(), context.partition(),
                context.offset(), reason, exception.toString());
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                                                            String reason, Exception exception) {
        if (topic == null) {
            return List.of();
        }
        Headers headers = new RecordHeaders();
        for (Header header : context.headers()) {
            if (!header.key().startsWith(PREFIX)) {
                headers.add(header);
            }
        }
        String message = String.valueOf(exception.getMessage());
        put(headers, "stage", "sink");
        put(headers, "reason", reason);
        put(headers, "error.class", exception.getClass().getName());
        put(headers, "error.message", message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) : message);
        put(headers, "source.topic", context.topic());
        put(headers, "source.partition", String.valueOf(context.partition()));
        put(headers, "source.offset", String.valueOf(context.offset()));
        put(headers, "source.timestamp", String.valueOf(context.timestamp()));
        put(headers, "failed.at", Instant.now().toString());
        return List.of(new ProducerRecord<>(topic, null, key, value, headers));
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(PREFIX + name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
