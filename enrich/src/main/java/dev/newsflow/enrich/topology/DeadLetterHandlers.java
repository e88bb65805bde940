package dev.newsflow.enrich.topology;

import java.util.List;
import java.util.Map;
import dev.newsflow.schemas.format.SchemaRegistryException;
import java.util.Objects;
import dev.newsflow.schemas.DeadLetterRecords.Reason;
import dev.newsflow.schemas.DeadLetterRecords.Step;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three Kafka Streams exception handlers of the enrich stage. Each answers with a
 * dead-letter record (KIP-1034: Streams produces it in the same transaction as the
 * output) and counts it by reason. Streams creates the handlers by reflection and hands
 * them its configs; {@link #configs} builds the entries they read.
 *
 * <p>The global thread that keeps the near-duplicate band index also calls the
 * deserialization and processing handlers (KIP-1270, switched on here). It cannot send
 * dead letters, and its records are fingerprints of articles already written, so a
 * fingerprint it cannot read or apply is skipped with one WARN line and a count
 * ({@code newsflow_enrich_dedup_index_skipped_total}): a later copy of that article is
 * then not marked. A registry outage still stops the stage.
 */
public final class DeadLetterHandlers {
    static final String DLQ_TOPIC = "newsflow.dlq.topic";
    static final String FAIL_ON_ENGINE_ERROR = "newsflow.dlq.fail.on.engine.error";
    static final String METRICS = "newsflow.dlq.metrics";
    /** The fingerprint topic the global thread reads into the band index; absent when detection is off. */
    static final String INDEX_TOPIC = "newsflow.dlq.index.topic";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /**
     * Streams configs that install the handlers; {@code indexTopic} is the fingerprint topic of
     * near-duplicate detection, or null when it is off.
     */
    public static Map<String, Object> configs(String dlqTopic, boolean failOnEngineError, EnrichMetrics metrics,
                                              String indexTopic) {
        Map<String, Object> configs = new java.util.HashMap<>(Map.of(
                "deserialization.exception.handler", Deserialization.class.getName(),
                "processing.exception.handler", Processing.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true,
                "production.exception.handler", Production.class.getName(),
                DLQ_TOPIC, dlqTopic,
                FAIL_ON_ENGINE_ERROR, failOnEngineError,
                METRICS, metrics));
        if (indexTopic != null) {
            configs.put(INDEX_TOPIC, indexTopic);
        }
        return configs;
    }

    /** Shared configuration of the three handlers. */
    abstract static class Base {
        String dlqTopic;
        boolean failOnEngineError;
        EnrichMetrics metrics;
        String indexTopic;

        public void configure(Map<String, ?> configs) {
            Object topic = configs.get(DLQ_TOPIC);
            if (topic == null) {
                throw new ConfigException(DLQ_TOPIC, null, "the dead-letter handlers need the DLQ topic name");
            }
            dlqTopic = topic.toString();
            failOnEngineError = Boolean.parseBoolean(String.valueOf(configs.get(FAIL_ON_ENGINE_ERROR)));
            Object registered = configs.get(METRICS);
            metrics = registered instanceof EnrichMetrics m ? m : EnrichMetrics.noop();
            Object index = configs.get(INDEX_TOPIC);
            indexTopic = index == null ? null : index.toString();
        }

        List<ProducerRecord<byte[], byte[]>> deadLetter(Step step, Reason reason,
                                                        ErrorHandlerContext context, Exception error) {
            metrics.deadLettered(reason.label(), context.topic() + "-" + context.partition() + "@" + context.offset());
            LOG.warn("Dead-lettering record {}-{}@{} at {}: {} ({})", context.topic(), context.partition(),
                    context.offset(), step, reason.label(), Objects.toString(error.getMessage(), error.getClass().getName()));
            return List.of(DeadLetters.record(dlqTopic, step, reason, context, error));
        }

        /**
         * Whether the record is the global thread's: read from the fingerprint topic (while
         * restoring, Streams names no processor node) or failed in the index processor.
         */
        boolean inBandIndex(ErrorHandlerContext context) {
            String node = context.processorNodeId();
            return indexTopic != null && indexTopic.equals(context.topic())
                    || node != null && node.startsWith(EnrichTopology.DEDUP_INDEX_UPDATE);
        }

        void skipInIndex(ErrorHandlerContext context, Exception error) {
            String what = context.topic() + "-" + context.partition() + "@" + context.offset();
            String cause = Objects.toString(error.getMessage(), error.getClass().getName());
            metrics.indexSkipped(what, cause);
            LOG.warn("Fingerprint {} left out of the near-duplicate index (a later copy of its article is not marked): {}",
                    what, cause);
        }
    }

    /** Bytes on the raw topic that are not a readable Article. */
    public static final class Deserialization extends Base implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            SchemaRegistryException outage = SchemaRegistryException.outageIn(exception);
            if (outage != null) {
                // Not bad data: the record's schema cannot be fetched now. Stopping leaves it uncommitted.
                LOG.error("Stopping at {}-{}@{} rather than dead-letter it: {}", context.topic(), context.partition(),
                        context.offset(), outage.getMessage());
                return Response.fail();
            }
            if (inBandIndex(context)) {
                skipInIndex(context, exception);
                return Response.resume();
            }
            return Response.resume(deadLetter(Step.DESERIALIZE, Reason.DESERIALIZATION, context, exception));
        }
    }

    /** An article the engine or the processor could not handle. */
    public static final class Processing extends Base implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (inBandIndex(context)) {
                skipInIndex(context, exception);
                return Response.resume();
            }
            Reason reason = DeadLetters.reasonOf(exception, Reason.ENGINE_ERROR);
            if (failOnEngineError && reason == Reason.ENGINE_ERROR) {
                LOG.error("Engine failed on {}-{}@{} and failure.policy=fail: stopping", context.topic(),
                        context.partition(), context.offset(), exception);
                return Response.fail();
            }
            return Response.resume(deadLetter(Step.PROCESS, reason, context, exception));
        }
    }

    /** An enriched record that could not be serialized or produced (e.g. too large for the topic). */
    public static final class Production extends Base implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (exception instanceof org.apache.kafka.common.errors.RetriableException) {
                return Response.retry();
            }
            return Response.resume(deadLetter(Step.PRODUCE, Reason.PRODUCTION, context, exception));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                                 SerializationExceptionOrigin origin) {
            return Response.resume(deadLetter(Step.PRODUCE, Reason.SERIALIZATION, context, exception));
        }
    }
}
