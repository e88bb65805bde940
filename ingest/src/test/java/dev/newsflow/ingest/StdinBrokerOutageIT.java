package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stdin cannot be read again: articles read from it while the broker is away (longer than the
 * producer's delivery timeout) are retried until the broker returns, and reading pauses at the
 * in-flight limit meanwhile.
 */
@Timeout(180)
class StdinBrokerOutageIT {
    private static final int MAX_IN_FLIGHT = 5;
    private static final long DELIVERY_TIMEOUT_MS = 4000;

    @TempDir
    Path kafkaData;

    private static void writeLines(PipedOutputStream out, int from, int count) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append("{\"title\": \"Piped story ").append(i).append("\", \"url\": \"https://news.example.com/piped/").append(i)
                    .append("\", \"body\": \"Body of piped story number ").append(i).append(", long enough to be an article.\"}\n");
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void shouldDeliverEveryStdinArticleExactlyOnceWhenTheBrokerIsAwayLongerThanTheDeliveryTimeout() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).build().start();
             PipedOutputStream stdin = new PipedOutputStream();
             // Large pipe: the test thread never blocks on a write while ingest pauses reading.
             PipedInputStream in = new PipedInputStream(stdin, 1 << 20)) {
            KafkaTestBroker broker = KafkaTestBroker.of(kafka);
            IngestConfig config = IngestTestSupport.config(kafka.bootstrapServers(), "", Map.of(
                    IngestConfig.STDIN, true,
                    IngestConfig.MAX_IN_FLIGHT, MAX_IN_FLIGHT,
                    "kafka.delivery.timeout.ms", String.valueOf(DELIVERY_TIMEOUT_MS),
                    "kafka.request.timeout.ms", "2000",
                    "kafka.reconnect.backoff.max.ms", "500",
                    "kafka.max.block.ms", "1000"));
            try (IngestService service = new IngestService(config, new SimpleMeterRegistry(), in)) {
                service.start();
                writeLines(stdin, 0, 100);
                await().atMost(Duration.ofSeconds(30)).until(() -> service.stats().published() >= 100);

                kafka.stop();
                writeLines(stdin, 100, 60);
                // Reading stops at the in-flight limit: the records in flight plus one read and waiting for a permit.
                long bound = 100 + MAX_IN_FLIGHT + 1;
                await().atMost(Duration.ofSeconds(60)).until(() -> service.stats().fetched() >= bound);
                // ... and stays there for longer than the producer's delivery timeout.
                await().during(Duration.ofMillis(DELIVERY_TIMEOUT_MS + 1000)).atMost(Duration.ofSeconds(30))
                        .until(() -> service.stats().fetched() == bound);
                assertThat(service.retries()).as("sends failed with a retriable error and were scheduled again").isPositive();
                assertThat(service.stats().published()).as("nothing acknowledged while the broker is down").isEqualTo(100);
                assertThat(service.stats().failed()).as("a retriable failure is not counted as failed").isZero();

                kafka.start();
                writeLines(stdin, 160, 40);
                stdin.close();
                await().atMost(Duration.ofSeconds(120)).until(() -> service.stats().published() >= 200);
                assertThat(service.stats().failed()).isZero();
            }

            var records = IngestTestSupport.readExactly(broker, "news.articles.raw", 200);
            Map<String, Long> perTitle = records.stream()
                    .collect(Collectors.groupingBy(r -> r.value().getTitle(), Collectors.counting()));
            assertThat(perTitle).hasSize(200);
            assertThat(perTitle.values()).allMatch(n -> n == 1L);
            assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toMap(Function.identity(), k -> 1, Integer::sum)))
                    .hasSize(200);
        }
    }
}
