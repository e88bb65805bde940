package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while the enrich stage is working through a backlog, and comes back:
 * the stage rides it out without stopping, and every article is enriched exactly once.
 */
@Timeout(240)
class EnrichBrokerOutageIT {
    private static final int ARTICLES = 60;

    @TempDir
    Path kafkaData;
    @TempDir
    Path stateDir;

    @Test
    void shouldEnrichEveryArticleExactlyOnceAcrossABrokerRestartWithoutStopping() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).build().start()) {
            KafkaTestBroker broker = KafkaTestBroker.of(kafka);
            NewsTopics topics = NewsTopics.withPrefix("");
            try (Admin admin = Admin.create(broker.clientConfig())) {
                TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
            }
            List<Article> input = IntStream.range(0, ARTICLES)
                    .mapToObj(i -> Articles.article("outage-" + i, "Report " + i + ": Merkel met Macron in Paris."))
                    .toList();
            try (KafkaProducer<String, Article> producer = KafkaTestClients.producer(broker, Serdes.String().serializer(),
                    AvroSerde.of(Article.class).serializer())) {
                for (Article article : input) {
                    producer.send(new ProducerRecord<>(topics.raw().name(), article.getId(), article)).get();
                }
            }

            Map<String, Object> values = new HashMap<>();
            values.put(EnrichConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            values.put(EnrichConfig.APPLICATION_ID, "enrich-outage");
            values.put(EnrichConfig.STATE_DIR, stateDir.toString());
            values.put(EnrichConfig.HTTP_PORT, -1);
            values.put("kafka.reconnect.backoff.max.ms", 500);
            FakeEngine engine = new FakeEngine(100);
            try (EnrichService service = new EnrichService(new EnrichConfig(values), engine, new SimpleMeterRegistry()).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> service.metrics().enrichedTotal() >= 10);
                kafka.stop();
                kafka.start();

                await().atMost(Duration.ofSeconds(150)).until(() -> committedAll(broker, "enrich-outage", topics));
                assertThat(service.stateHistory()).as("the stage never stopped")
                        .doesNotContain(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
                await().atMost(Duration.ofSeconds(60)).until(() -> service.state() == KafkaStreams.State.RUNNING);
            }

            List<ConsumerRecord<String, EnrichedArticle>> out = KafkaTestClients.readToEnd(broker, topics.enriched().name(),
                    Serdes.String().deserializer(), topics.enriched().valueSerde().deserializer(), Duration.ofSeconds(30));
            Map<String, Long> counts = out.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(input.stream().map(Article::getId).toList());
            assertThat(counts.values()).as("each article exactly once in the committed output").allMatch(n -> n == 1L);
        }
    }

    /** Whether the enrich group has committed every raw record. */
    private static boolean committedAll(KafkaTestBroker broker, String group, NewsTopics topics) {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topics.raw().name()))
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
            // Near-duplicate detection writes in the same transaction (one hop): past the raw
            // records, every output is committed.
            return committed >= ARTICLES;
        } catch (Exception brokerNotBackYet) {
            return false;
        }
    }
}
