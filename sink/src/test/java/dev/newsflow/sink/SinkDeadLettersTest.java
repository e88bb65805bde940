package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.health.StreamsHealth;
import dev.newsflow.schemas.DeadLetterRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import dev.newsflow.schemas.format.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's produce-error policy, the same as enrich's: retry what is retriable, dead-letter the cause otherwise. */
class SinkDeadLettersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SinkStats stats = new SinkStats(registry);
    private final StreamsHealth health = new StreamsHealth("sink", Duration.ofSeconds(30), Clock.systemUTC());
    private final SinkDeadLetters handler = new SinkDeadLetters();

    /** The context Streams hands the handler: the enriched record being processed when the output failed. */
    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override
        public String topic() {
            return "news.articles.enriched";
        }

        @Override
        public int partition() {
            return 1;
        }

        @Override
        public long offset() {
            return 42;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders().add("newsflow.ingested.at", "1".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String processorNodeId() {
            return "entity-index-sink";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 1);
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
            return "enriched article bytes".getBytes(StandardCharsets.UTF_8);
        }
    };

    @BeforeEach
    void configure() {
        stats.reportTo(health);
        handler.configure(Map.of(SinkDeadLetters.TOPIC, "news.articles.dlq", SinkDeadLetters.STATS, stats));
    }

    private static ProducerRecord<byte[], byte[]> output(String topic) {
        return new ProducerRecord<>(topic, new byte[1], new byte[1]);
    }

    @Test
    void shouldDeadLetterTheEnrichedArticleWhenAnOutputRecordCannotBeProduced() {
        ProductionExceptionHandler.Response response = handler.handleError(CONTEXT, output("news.entities.index"),
                new RecordTooLargeException("too large for the topic"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dlq -> {
            assertThat(dlq.topic()).isEqualTo("news.articles.dlq");
            assertThat(new String(dlq.key(), StandardCharsets.UTF_8)).isEqualTo("a1");
            assertThat(new String(dlq.value(), StandardCharsets.UTF_8)).isEqualTo("enriched article bytes");
            assertThat(header(dlq, DeadLetterRecords.STAGE)).isEqualTo("sink");
            assertThat(header(dlq, DeadLetterRecords.STEP)).isEqualTo("produce");
            assertThat(header(dlq, DeadLetterRecords.REASON)).isEqualTo("production");
            assertThat(header(dlq, "newsflow.ingested.at")).isEqualTo("1");
        });
        assertThat(registry.get("newsflow.sink.dlq").tag("reason", "production").counter().count()).isEqualTo(1.0);
        assertThat(health.lastError().message()).isEqualTo("dead-lettered news.articles.enriched-1@42: production");
    }

    @Test
    void shouldRetryARetriableProduceError() {
        ProductionExceptionHandler.Response response = handler.handleError(CONTEXT, output("news.entities.index"),
                new NotLeaderOrFollowerException("leader moved"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(registry.get("newsflow.sink.dlq").tag("reason", "production").counter().count()).isZero();
    }

    private static ConsumerRecord<byte[], byte[]> input() {
        return new ConsumerRecord<>("news.articles.enriched", 1, 42, "a1".getBytes(StandardCharsets.UTF_8),
                "enriched article bytes".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldStopInsteadOfDeadLetteringARecordWhoseSchemaTheRegistryCannotServeNow() {
        Exception unreadable = new SerializationException("Cannot resolve schema id 9",
                new SchemaRegistryException("Schema registry http://127.0.0.1:1/ is unreachable: Connection refused",
                        new java.net.ConnectException("Connection refused")));

        DeserializationExceptionHandler.Response response = handler.handleError(CONTEXT, input(), unreadable);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(registry.get("newsflow.sink.dlq").tag("reason", "unreadable").counter().count()).isZero();
    }

    @Test
    void shouldDeadLetterARecordTheRegistryRefuses() {
        Exception unreadable = new SerializationException("Cannot resolve schema id 9",
                new SchemaRegistryException("Schema registry answered 404: Schema 9 not found", 404));

        DeserializationExceptionHandler.Response response = handler.handleError(CONTEXT, input(), unreadable);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(dlq -> assertThat(header(dlq, DeadLetterRecords.REASON)).isEqualTo("unreadable"));
    }

    @Test
    void shouldStopRatherThanSkipAChangelogRecord() {
        ProductionExceptionHandler.Response response = handler.handleError(CONTEXT,
                output("newsflow-sink-articles-changelog"), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldRegisterEveryDeadLetterCounterAtZero() {
        assertThat(registry.find("newsflow.sink.dlq").counters()).extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("unreadable", "processing", "production");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
