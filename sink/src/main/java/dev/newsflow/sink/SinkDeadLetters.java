package dev.newsflow.sink;

import dev.newsflow.schemas.DeadLetterRecords;
import dev.newsflow.schemas.format.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends input records the sink cannot read or apply to the dead-letter topic, unchanged, with
 * the reason in {@code newsflow.dlq.*} headers (the same headers enrich writes), counts them,
 * and carries on: one bad record must not stop the store.
 *
 * <p>Produce errors follow the pipeline's one policy (the same as enrich's): a retriable error
 * is retried; any other failure to write an output record ({@code news.entities.*}, a
 * repartition topic) dead-letters the enriched article that caused it (reason
 * {@code production}) and goes on. A changelog record is the exception: skipping it would leave
 * a store its changelog does not restore, so the sink stops instead.
 */
public final class SinkDeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler,
        ProductionExceptionHandler {
    /** Streams config key: the dead-letter topic name. */
    public static final String TOPIC = "newsflow.sink.dlq.topic";
    /** Streams config key: the {@link SinkStats} to count in (optional). */
    public static final String STATS = "newsflow.sink.dlq.stats";
    private static final Logger LOG = LoggerFactory.getLogger(SinkDeadLetters.class);

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
        SchemaRegistryException outage = SchemaRegistryException.outageIn(exception);
        if (outage != null) {
            // Not bad data: the record's schema cannot be fetched now. Stopping leaves it uncommitted.
            LOG.error("Stopping at {}-{}@{} rather than dead-letter it: {}", context.topic(), context.partition(),
                    context.offset(), outage.getMessage());
            return DeserializationExceptionHandler.Response.fail();
        }
        count(DeadLetterRecords.Reason.UNREADABLE, context, exception);
        return DeserializationExceptionHandler.Response.resume(
                deadLetter(context, record.key(), record.value(), DeadLetterRecords.Step.DESERIALIZE,
                        DeadLetterRecords.Reason.UNREADABLE, exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        count(DeadLetterRecords.Reason.PROCESSING, context, exception);
        return ProcessingExceptionHandler.Response.resume(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), DeadLetterRecords.Step.PROCESS,
                        DeadLetterRecords.Reason.PROCESSING, exception));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                           Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        return produceFailed(context, record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                                                        Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        return produceFailed(context, record.topic(), exception);
    }

    private ProductionExceptionHandler.Response produceFailed(ErrorHandlerContext context, String outputTopic,
                                                              Exception exception) {
        if (outputTopic != null && outputTopic.endsWith("-changelog")) {
            LOG.error("Cannot write to changelog {}: stopping, as skipping it would leave the store ahead of its changelog",
                    outputTopic, exception);
            return ProductionExceptionHandler.Response.fail();
        }
        count(DeadLetterRecords.Reason.PRODUCTION, context, exception);
        return ProductionExceptionHandler.Response.resume(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), DeadLetterRecords.Step.PRODUCE,
                        DeadLetterRecords.Reason.PRODUCTION, exception));
    }

    private void count(DeadLetterRecords.Reason reason, ErrorHandlerContext context, Exception exception) {
        if (stats != null) {
            stats.deadLettered(reason, context.topic() + "-" + context.partition() + "@" + context.offset());
        }
        LOG.warn("Record {}-{}@{} sent to the dead-letter topic ({}): {}", context.topic(), context.partition(),
                context.offset(), reason.label(), exception.toString());
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                                                            DeadLetterRecords.Step step, DeadLetterRecords.Reason reason,
                                                            Exception exception) {
        if (topic == null) {
            return List.of();
        }
        return List.of(DeadLetterRecords.build(topic, "sink", step, reason,
                new DeadLetterRecords.Source(context.topic(), context.partition(), context.offset(), context.timestamp(),
                        context.headers()),
                key, value, exception));
    }
}
