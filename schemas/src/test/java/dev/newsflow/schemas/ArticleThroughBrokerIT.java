package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class ArticleThroughBrokerIT {

    @Test
    void shouldProduceAndConsumeArticleThroughRealBroker(KafkaTestBroker broker) throws Exception {
        NewsTopics topics = NewsTopics.withPrefix(KafkaTestBroker.uniqueName("serde") + ".");
        try (Admin admin = Admin.create(broker.clientConfig())) {
            TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
        }
        Topic<String, Article> raw = topics.raw();
        Article article = TestArticles.article("id-1");

        try (KafkaProducer<String, Article> producer =
                     KafkaTestClients.producer(broker, raw.keySerde().serializer(), raw.valueSerde().serializer())) {
            KafkaTestClients.send(producer, raw.name(), article.getId(), article);
            KafkaTestClients.send(producer, raw.name(), "gone", null);
        }
        List<ConsumerRecord<String, Article>> records = KafkaTestClients.readAtLeast(broker, raw.name(),
                raw.keySerde().deserializer(), raw.valueSerde().deserializer(), 2, Duration.ofSeconds(30));

        // Different keys may land on different partitions: no order between them.
        Map<String, Article> byKey = new java.util.HashMap<>();
        records.forEach(r -> byKey.put(r.key(), r.value()));
        assertThat(records).hasSize(2);
        assertThat(byKey).containsEntry("id-1", article);
        assertThat(byKey).as("tombstone").containsKey("gone");
        assertThat(byKey.get("gone")).isNull();
    }

    @Test
    void shouldAcceptPipelinedWritesToEveryPartitionAsSoonAsTopicsAreEnsured(KafkaTestBroker broker) throws Exception {
        // Many batches in flight at once, straight after creation: before ensureTopics waited for
        // the leaders, the first batch of a partition could fail while a later one landed, and the
        // idempotent producer then lost it to out-of-order sequence errors.
        for (int round = 0; round < 3; round++) {
            NewsTopics topics = NewsTopics.withPrefix(KafkaTestBroker.uniqueName("ready") + ".");
            try (Admin admin = Admin.create(broker.clientConfig())) {
                TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
            }
            Topic<String, Article> raw = topics.raw();
            Map<String, Object> config = broker.clientConfig();
            config.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
            config.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new java.util.ArrayList<>();
            try (KafkaProducer<String, Article> producer = new KafkaProducer<>(config, raw.keySerde().serializer(),
                    raw.valueSerde().serializer())) {
                for (int i = 0; i < 60; i++) {
                    Article article = TestArticles.article("ready-" + i);
                    sent.add(producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(raw.name(),
                            i % NewsTopics.DEFAULT_PARTITIONS, article.getId(), article)));
                }
                producer.flush();
            }
            for (var future : sent) {
                assertThat(future.get().offset()).isNotNegative();
            }
        }
    }

    @Test
    void shouldCreateMissingTopicsWithConfigsAndLeaveExistingAlone(KafkaTestBroker broker) throws Exception {
        NewsTopics topics = NewsTopics.withPrefix(KafkaTestBroker.uniqueName("admin") + ".");
        KafkaTestClients.createTopic(broker, topics.raw().name(), 1);

        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(TopicAdmin.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> warnings =
                new ch.qos.logback.core.read.ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            List<String> created = TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
            List<String> again = TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
            log.detachAppender(warnings);

            // The existing raw topic keeps its one partition, and the operator is told (once per call).
            assertThat(warnings.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .hasSize(2).allSatisfy(message -> assertThat(message).contains(topics.raw().name())
                            .contains("exists with 1 partitions, fewer than the 3 asked (topic.partitions)"));

            assertThat(created).containsExactlyInAnyOrder(topics.enriched().name(), topics.dlq().name());
            assertThat(again).isEmpty();
            Map<String, Integer> partitions = admin.describeTopics(Set.of(topics.raw().name(), topics.enriched().name()))
                    .allTopicNames().get().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
            assertThat(partitions).containsEntry(topics.raw().name(), 1)
                    .containsEntry(topics.enriched().name(), NewsTopics.DEFAULT_PARTITIONS);
            ConfigResource enriched = new ConfigResource(ConfigResource.Type.TOPIC, topics.enriched().name());
            Config config = admin.describeConfigs(List.of(enriched)).all().get().get(enriched);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldWaitForNewTopicsWithoutTheAdminClientLoggingErrors(KafkaTestBroker broker) throws Exception {
        // Right after a create, the broker's metadata may not list the topic yet. Asking for its
        // offsets in that gap made the admin client log "Received unknown topic error" at ERROR on
        // a fresh start, an expected wait shown to operators as an error.
        ch.qos.logback.classic.Logger adminLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka.clients.admin");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        adminLog.addAppender(events);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            for (int i = 0; i < 40; i++) {
                Topic<String, String> topic = new Topic<>(KafkaTestBroker.uniqueName("fresh"),
                        org.apache.kafka.common.serialization.Serdes.String(),
                        org.apache.kafka.common.serialization.Serdes.String(), 1 + i % 3, Map.of());
                assertThat(TopicAdmin.ensureTopics(admin, List.of(topic), (short) 1)).containsExactly(topic.name());
            }
        } finally {
            adminLog.detachAppender(events);
        }
        assertThat(events.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
