package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stops and restarts the broker in the middle of an ingest: every article ends up in the topic exactly once. */
@Timeout(180)
class BrokerRestartIT {
    @TempDir
    Path kafkaData;
    @TempDir
    Path inbox;

    private void writeBatch(String name, int from, int count) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append("{\"title\": \"Story ").append(i).append("\", \"url\": \"https://news.example.com/story/").append(i)
                    .append("\", \"body\": \"Body of story number ").append(i).append(", long enough to be an article.\"}\n");
        }
        Path tmp = Files.writeString(inbox.resolve(name + ".tmp"), lines);
        Files.move(tmp, inbox.resolve(name));
    }

    @Test
    void shouldDeliverEveryArticleExactlyOnceAcrossABrokerRestart() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).build().start()) {
            KafkaTestBroker broker = KafkaTestBroker.of(kafka);
            String topic = "news.articles.raw";
            writeBatch("a.jsonl", 0, 200);
            IngestConfig config = IngestTestSupport.config(kafka.bootstrapServers(), "", Map.of(
                    IngestConfig.INPUTS, inbox.toString(),
                    IngestConfig.INPUT_SCAN_INTERVAL_MS, 200L,
                    "kafka.delivery.timeout.ms", "15000",
                    "kafka.request.timeout.ms", "5000",
                    "kafka.reconnect.backoff.max.ms", "500",
                    "kafka.max.block.ms", "10000"));
            try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
                service.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> service.stats().published() >= 200);

                kafka.stop();
                writeBatch("b.jsonl", 200, 200);
                // Ingest reads the new file while the broker is away (at least one record tried and not acknowledged).
                await().atMost(Duration.ofSeconds(60)).until(() -> service.stats().undelivered() >= 1);
                assertThat(service.stats().published()).as("nothing acknowledged while the broker is down").isEqualTo(200);
                kafka.start();
                writeBatch("c.jsonl", 400, 100);

                await().atMost(Duration.ofSeconds(120)).until(() -> service.stats().published() >= 500);
            }

            List<ConsumerRecord<String, Article>> records = KafkaTestClients.readUntil(broker, topic, new StringDeserializer(),
                    AvroSerde.of(Article.class).deserializer(), r -> r.size() >= 500, Duration.ofSeconds(30));
            Map<String, Long> perTitle = records.stream().collect(Collectors.groupingBy(r -> r.value().getTitle(), Collectors.counting()));
            assertThat(perTitle).hasSize(500);
            assertThat(perTitle.values()).allMatch(n -> n == 1L);
            assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toMap(Function.identity(), k -> 1, Integer::sum)))
                    .hasSize(500);
        }
    }
}
