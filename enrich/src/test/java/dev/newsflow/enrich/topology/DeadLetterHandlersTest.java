package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.schemas.DeadLetterRecords;
import dev.newsflow.schemas.format.SchemaRegistryException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** Unreadable raw records: bad bytes go to the dead-letter topic; a registry that cannot answer now stops the stage instead. */
class DeadLetterHandlersTest {
    private static final byte[] VALUE = {0, 0, 0, 0, 9, 2, 'x'};

    private static final ErrorHandlerContext CONTEXT = context("news.articles.raw", 7, EnrichTopology.SOURCE, new TaskId(0, 0));

    private final DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();

    private DeserializationExceptionHandler.Response handle(Exception error) {
        handler.configure(Map.of(DeadLetterHandlers.DLQ_TOPIC, "news.articles.dlq"));
        return handler.handleError(CONTEXT, new ConsumerRecord<>("news.articles.raw", 0, 7,
                "a1".getBytes(StandardCharsets.UTF_8), VALUE), error);
    }

    @Test
    void shouldStopWithoutDeadLetteringWhenTheRegistryCannotBeReached() {
        DeserializationExceptionHandler.Response response = handle(new SerializationException("Cannot resolve schema id 9",
                new SchemaRegistryException("Schema registry http://127.0.0.1:1/ is unreachable",
                        new ConnectException("Connection refused"))));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldStopWhenTheRegistryAnswersWithAServerError() {
        DeserializationExceptionHandler.Response response = handle(new SerializationException("Cannot resolve schema id 9",
                new SchemaRegistryException("Schema registry answered 503: storage unavailable", 503)));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldDeadLetterBytesThatAreNotAnArticle() {
        DeserializationExceptionHandler.Response response = handle(new SerializationException("Not a Schema Registry record"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dlq -> {
            assertThat(dlq.topic()).isEqualTo("news.articles.dlq");
            assertThat(dlq.value()).isEqualTo(VALUE);
            assertThat(new String(dlq.headers().lastHeader(DeadLetterRecords.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("deserialization");
        });
    }

    @Test
    void shouldDeadLetterARecordWhoseSchemaIdTheRegistryDoesNotKnow() {
        DeserializationExceptionHandler.Response response = handle(new SerializationException("Cannot resolve schema id 9",
                new SchemaRegistryException("Schema registry answered 404: Schema 9 not found", 404)));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
    }

    private static ErrorHandlerContext atNode(String node) {
        return context("enrich-dedup-fingerprints", 3, node, new TaskId(-1, -1));
    }

    private static ErrorHandlerContext context(String topic, long offset, String node, TaskId task) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return node;
            }

            @Override
            public TaskId taskId() {
                return task;
            }

            @Override
            public long timestamp() {
                return 1_000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return "a1".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return VALUE;
            }
        };
    }

    @Test
    void shouldSkipAFingerprintTheBandIndexCannotApplyWithoutADeadLetter() {
        EnrichMetrics metrics = EnrichMetrics.noop();
        DeadLetterHandlers.Processing processing = new DeadLetterHandlers.Processing();
        processing.configure(Map.of(DeadLetterHandlers.DLQ_TOPIC, "news.articles.dlq", DeadLetterHandlers.METRICS, metrics));

        ProcessingExceptionHandler.Response response = processing.handleError(atNode(EnrichTopology.DEDUP_INDEX_UPDATE),
                new Record<>("a1", "x", 1_000L), new IllegalStateException("index write failed"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(metrics.registry().get("newsflow.enrich.dedup.index.skipped").counter().count()).isEqualTo(1.0);
        assertThat(metrics.deadLetteredTotal()).isZero();
    }

    @Test
    void shouldStillStopOnARegistryOutageWhileReadingFingerprints() {
        handler.configure(Map.of(DeadLetterHandlers.DLQ_TOPIC, "news.articles.dlq",
                DeadLetterHandlers.INDEX_TOPIC, "enrich-dedup-fingerprints"));
        DeserializationExceptionHandler.Response response = handler.handleError(atNode(null),
                new ConsumerRecord<>("enrich-dedup-fingerprints", 0, 3, "a1".getBytes(StandardCharsets.UTF_8), VALUE),
                new SerializationException("Cannot resolve schema id 9",
                        new SchemaRegistryException("Schema registry answered 503: storage unavailable", 503)));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldSkipAnUnreadableFingerprintWhileRestoringTheIndexWithoutADeadLetter() {
        EnrichMetrics metrics = EnrichMetrics.noop();
        handler.configure(Map.of(DeadLetterHandlers.DLQ_TOPIC, "news.articles.dlq", DeadLetterHandlers.METRICS, metrics,
                DeadLetterHandlers.INDEX_TOPIC, "enrich-dedup-fingerprints"));

        DeserializationExceptionHandler.Response response = handler.handleError(atNode(null),
                new ConsumerRecord<>("enrich-dedup-fingerprints", 0, 3, "a1".getBytes(StandardCharsets.UTF_8), VALUE),
                new SerializationException("Not an Avro single-object record of DedupFingerprint"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).as("the global thread cannot send dead letters").isEmpty();
        assertThat(metrics.registry().get("newsflow.enrich.dedup.index.skipped").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldEnableTheProcessingHandlerOnTheGlobalThread() {
        assertThat(DeadLetterHandlers.configs("news.articles.dlq", false, EnrichMetrics.noop(), null))
                .containsEntry(org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    }
}

