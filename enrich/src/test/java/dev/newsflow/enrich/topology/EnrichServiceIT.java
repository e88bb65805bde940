package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The enrich stage through a real broker, with exactly-once processing. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(240)
class EnrichServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    private EnrichConfig config(KafkaTestBroker broker, String prefix, String appId, Path dir) {
        Map<String, Object> values = new HashMap<>();
        values.put(EnrichConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        values.put(EnrichConfig.TOPIC_PREFIX, prefix);
        values.put(EnrichConfig.APPLICATION_ID, appId);
        values.put(EnrichConfig.STATE_DIR, dir.toString());
        values.put(EnrichConfig.HTTP_PORT, -1);
        return new EnrichConfig(values);
    }

    private static EnrichConfig quickRecovery(EnrichConfig config) {
        Map<String, Object> values = new HashMap<>(config.originals());
        values.put(EnrichConfig.TRANSACTION_TIMEOUT_MS, 15_000);
        values.put("kafka.session.timeout.ms", 10_000);
        return new EnrichConfig(values);
    }

    /** Whether the consumer group {@code group} has committed every record of {@code topic}. */
    private static boolean committedToEnd(KafkaTestBroker broker, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                ends.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            var latest = admin.listOffsets(ends).all().get();
            return latest.entrySet().stream().allMatch(e -> e.getValue().offset() == 0 || committed.containsKey(e.getKey())
                    && committed.get(e.getKey()).offset() >= e.getValue().offset());
        }
    }

    private static NewsTopics createTopics(KafkaTestBroker broker, String prefix) {
        NewsTopics topics = NewsTopics.withPrefix(prefix);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
        }
        return topics;
    }

    private static void produceArticles(KafkaTestBroker broker, NewsTopics topics, List<Article> articles) {
        try (KafkaProducer<String, Article> producer = KafkaTestClients.producer(broker, Serdes.String().serializer(),
                AvroSerde.of(Article.class).serializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = articles.stream()
                    .map(a -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.raw().name(), a.getId(), a)))
                    .toList();
            producer.flush();
            for (var future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce the test articles", e);
        }
    }

    private static List<ConsumerRecord<String, EnrichedArticle>> readEnriched(KafkaTestBroker broker, NewsTopics topics,
                                                                              int expected) {
        return KafkaTestClients.readAtLeast(broker, topics.enriched().name(), Serdes.String().deserializer(),
                topics.enriched().valueSerde().deserializer(), expected, WAIT);
    }

    private static List<Article> articles(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> Articles.article(prefix + i, "Report " + i + ": Merkel met Macron in Paris."))
                .toList();
    }

    @Test
    void shouldEnrichBatchAndDeadLetterPoisonRecordsWithReadCommitted(KafkaTestBroker broker) {
        String prefix = KafkaTestBroker.uniqueName("enrich-batch") + ".";
        NewsTopics topics = createTopics(broker, prefix);
        List<Article> good = articles("good-", 20);
        produceArticles(broker, topics, good.subList(0, 10));
        try (KafkaProducer<byte[], byte[]> bytes = KafkaTestClients.producer(broker, Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer())) {
            KafkaTestClients.send(bytes, topics.raw().name(), "poison".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        }
        produceArticles(broker, topics, List.of(Articles.article("boom", "EXPLODE here")));
        produceArticles(broker, topics, good.subList(10, 20));

        try (EnrichService service = new EnrichService(config(broker, prefix, KafkaTestBroker.uniqueName("app"), stateDir),
                new FakeEngine(), new SimpleMeterRegistry()).start()) {
            List<ConsumerRecord<String, EnrichedArticle>> out = readEnriched(broker, topics, 20);
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.readAtLeast(broker, topics.dlq().name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), 2, WAIT);

            assertThat(out).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrderElementsOf(good.stream().map(Article::getId).toList());
            assertThat(dead).hasSize(2);
            Map<String, String> reasons = dead.stream().collect(Collectors.toMap(
                    r -> new String(r.key(), StandardCharsets.UTF_8),
                    r -> new String(r.headers().lastHeader(dev.newsflow.schemas.DeadLetterRecords.REASON).value(), StandardCharsets.UTF_8)));
            assertThat(reasons).containsEntry("poison", "deserialization").containsEntry("boom", "engine-error");
            assertThat(service.metrics().deadLetteredTotal()).isEqualTo(2);
        }
    }

    @Test
    void shouldMarkCopiesOnOtherPartitionsAsDuplicatesOfTheFirstSeen(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("enrich-copies") + ".";
        NewsTopics topics = createTopics(broker, prefix);
        int partitions;
        try (Admin admin = Admin.create(broker.clientConfig())) {
            partitions = admin.describeTopics(List.of(topics.raw().name())).allTopicNames().get()
                    .get(topics.raw().name()).partitions().size();
        }
        assertThat(partitions).as("raw topic partitions").isGreaterThan(1);
        String original = idOnPartition("wire-", 0, partitions);
        String copyElsewhere = idOnPartition("outlet-a-", 1, partitions);
        String copySamePartition = idOnPartition("outlet-b-", 0, partitions);
        String different = idOnPartition("other-", 1, partitions);
        List<String> story = NearDuplicateTopologyTest.STORY;
        produceArticles(broker, topics, List.of(Articles.article(original, String.join("\n\n", story))));
        try (EnrichService service = new EnrichService(config(broker, prefix, KafkaTestBroker.uniqueName("app"), stateDir),
                new FakeEngine(), new SimpleMeterRegistry()).start()) {
            readEnriched(broker, topics, 1);
            produceArticles(broker, topics, List.of(
                    Articles.article(copyElsewhere, "Advertisement\n\n" + String.join("\n\n", story.subList(0, 4))),
                    Articles.article(copySamePartition, String.join("\n", story) + "\n\nShare this article"),
                    Articles.article(different, String.join("\n\n", NearDuplicateTopologyTest.OTHER_ON_SAME_EVENT))));

            List<ConsumerRecord<String, EnrichedArticle>> out = readEnriched(broker, topics, 4);
            Map<String, String> duplicateOf = new HashMap<>();
            out.forEach(r -> duplicateOf.put(r.key(), String.valueOf(r.value().getDuplicateOf())));

            assertThat(out).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(original, copyElsewhere, copySamePartition, different);
            assertThat(duplicateOf).containsEntry(original, "null").containsEntry(copyElsewhere, original)
                    .containsEntry(copySamePartition, original).containsEntry(different, "null");
        }
    }

    @Test
    void shouldFindOriginalThroughTheRestoredIndexAfterRestartOnFreshStateDirectory(KafkaTestBroker broker,
                                                                                    @TempDir Path freshStateDir) {
        String prefix = KafkaTestBroker.uniqueName("enrich-restore") + ".";
        NewsTopics topics = createTopics(broker, prefix);
        String appId = KafkaTestBroker.uniqueName("app");
        List<String> story = NearDuplicateTopologyTest.STORY;
        produceArticles(broker, topics, List.of(Articles.article("wire", String.join("\n\n", story))));
        try (EnrichService first = new EnrichService(config(broker, prefix, appId, stateDir), new FakeEngine(),
                new SimpleMeterRegistry()).start()) {
            assertThat(readEnriched(broker, topics, 1)).extracting(ConsumerRecord::key).containsExactly("wire");
        }
        // A record on the fingerprint topic that is no fingerprint: the restore skips it and counts it.
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(broker, Serdes.String().serializer(),
                Serdes.ByteArray().serializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(appId + "-" + EnrichTopology.DEDUP_FINGERPRINTS_TOPIC,
                    "garbled", new byte[] {0, 0, 0, 0, 42, 7, 7}));
            producer.flush();
        }
        // Another machine takes over: nothing of the first instance's state, nor its recent
        // fingerprints in memory; the band index comes back from the fingerprint topic alone.
        try (EnrichService second = new EnrichService(config(broker, prefix, appId, freshStateDir), new FakeEngine(),
                new SimpleMeterRegistry()).start()) {
            await().atMost(WAIT).until(() -> second.state() == KafkaStreams.State.RUNNING);
            produceArticles(broker, topics, List.of(
                    Articles.article("copy", "LONDON (Wire) -\n\n" + String.join("\n\n", story.subList(1, 6)))));

            List<ConsumerRecord<String, EnrichedArticle>> out = readEnriched(broker, topics, 2);

            assertThat(out).extracting(ConsumerRecord::key).containsExactly("wire", "copy");
            assertThat(out.get(1).value().getDuplicateOf()).isEqualTo("wire");
            assertThat(second.metrics().registry().get("newsflow.enrich.near.duplicates").counter().count()).isEqualTo(1.0);
            assertThat(second.metrics().registry().get("newsflow.enrich.dedup.index.skipped").counter().count())
                    .as("the unreadable fingerprint, skipped by the global thread").isEqualTo(1.0);
            assertThat(second.metrics().deadLetteredTotal()).isZero();
        }
    }

    /** An id with {@code prefix} that the default partitioner puts on {@code partition}. */
    private static String idOnPartition(String prefix, int partition, int partitions) {
        for (int i = 0; ; i++) {
            String id = prefix + i;
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            if (org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(bytes)) % partitions == partition) {
                return id;
            }
        }
    }

    @Test
    void shouldProduceEveryInputExactlyOnceAfterCrashMidBatch(KafkaTestBroker broker, @TempDir Path secondStateDir) {
        String prefix = KafkaTestBroker.uniqueName("enrich-crash") + ".";
        NewsTopics topics = createTopics(broker, prefix);
        String appId = KafkaTestBroker.uniqueName("app");
        List<Article> input = articles("id-", 60);
        produceArticles(broker, topics, input);

        // The first instance dies mid-batch: its engine throws an Error (not an Exception, so no
        // handler catches it) on the 25th article, which kills the stream thread inside an open transaction.
        AtomicInteger calls = new AtomicInteger();
        NewsEngine crashing = new FakeEngine(20) {
            @Override
            public Annotation annotate(Document document) {
                if (calls.incrementAndGet() == 25) {
                    throw new OutOfMemoryError("simulated crash");
                }
                return super.annotate(document);
            }
        };
        // The replacement runs on another machine (a new state dir, so a new transactional id): it
        // waits until the broker aborts the dead instance's open transaction, which takes the
        // transaction timeout; a short one keeps this test quick (no record here is slow).
        // Likewise the group waits out the dead member's session timeout before it hands its
        // partitions over.
        EnrichConfig firstConfig = quickRecovery(config(broker, prefix, appId, stateDir));
        EnrichConfig secondConfig = quickRecovery(config(broker, prefix, appId, secondStateDir));
        EnrichService first = new EnrichService(firstConfig, crashing, new SimpleMeterRegistry());
        first.start();
        await().atMost(WAIT).until(() -> first.state() == KafkaStreams.State.ERROR
                || first.state() == KafkaStreams.State.PENDING_ERROR || first.state() == KafkaStreams.State.NOT_RUNNING);
        first.close();

        try (EnrichService second = new EnrichService(secondConfig, new FakeEngine(),
                new SimpleMeterRegistry()).start()) {
            // Once the group's committed offsets reach the end of the raw topic, everything the two
            // instances will ever commit to the output is there (one hop: the near-duplicate check
            // writes in the same transaction): a duplicate would be too.
            await().atMost(WAIT).until(() -> committedToEnd(broker, appId, topics.raw().name()));
            List<ConsumerRecord<String, EnrichedArticle>> settled = KafkaTestClients.readToEnd(broker,
                    topics.enriched().name(), Serdes.String().deserializer(), topics.enriched().valueSerde().deserializer(), WAIT);

            Map<String, Long> counts = settled.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(counts).hasSize(60);
            assertThat(counts.values()).allMatch(count -> count == 1L);
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(
                    input.stream().map(Article::getId).collect(Collectors.toSet()));
        }
    }

    @Test
    void shouldCommitBacklogOfLongArticlesWithoutAbortOrRebalance(KafkaTestBroker broker) {
        String prefix = KafkaTestBroker.uniqueName("enrich-slow") + ".";
        NewsTopics topics = createTopics(broker, prefix);
        // Streams' own exactly-once transaction timeout is 10 s; one article here takes 11 s in the
        // middle of a transaction, and 20 more take 150 ms each: the stage's settings must carry them
        // all through without the coordinator aborting the transaction (which fences the producer and
        // forces a rebalance).
        List<Article> input = new java.util.ArrayList<>(articles("slow-", 20));
        input.add(3, Articles.article("very-long", "Marathon " + "text ".repeat(5_000)));
        produceArticles(broker, topics, input);
        Map<String, Integer> annotated = new java.util.concurrent.ConcurrentHashMap<>();
        NewsEngine slow = new FakeEngine(150) {
            @Override
            public Annotation annotate(Document document) {
                annotated.merge(document.id(), 1, Integer::sum);
                if (document.id().equals("very-long")) {
                    long until = System.nanoTime() + Duration.ofSeconds(11).toNanos();
                    while (System.nanoTime() < until) {
                        java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
                    }
                }
                return super.annotate(document);
            }
        };

        String appId = KafkaTestBroker.uniqueName("app");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EnrichService service = new EnrichService(config(broker, prefix, appId, stateDir), slow, registry).start()) {
            List<ConsumerRecord<String, EnrichedArticle>> out = readEnriched(broker, topics, input.size());

            assertThat(out).extracting(ConsumerRecord::key)
                    .as(() -> diagnostics(broker, topics, service, registry, annotated))
                    .containsExactlyInAnyOrderElementsOf(input.stream().map(Article::getId).toList());
            assertThat(transactionTimeouts(broker, appId))
                    .as("the stage's producers run with the configured transaction timeout, not Streams' 10 s")
                    .isNotEmpty()
                    .containsOnly((long) config(broker, prefix, appId, stateDir).getInt(EnrichConfig.TRANSACTION_TIMEOUT_MS));
            List<KafkaStreams.State> states = service.stateHistory();
            int firstRunning = states.indexOf(KafkaStreams.State.RUNNING);
            assertThat(firstRunning).isNotNegative();
            assertThat(states.subList(firstRunning, states.size()))
                    .as("no rebalance after the instance started running")
                    .doesNotContain(KafkaStreams.State.REBALANCING, KafkaStreams.State.ERROR);
            Map<String, Long> counts = out.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertThat(counts.values()).allMatch(c -> c == 1L);
            assertThat(service.metrics().deadLetteredTotal()).isZero();
        }
    }

    /** Transaction timeouts the broker holds for the transactional producers of {@code appId}. */
    private static List<Long> transactionTimeouts(KafkaTestBroker broker, String appId) {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            List<String> ids = admin.listTransactions().all().get().stream()
                    .map(org.apache.kafka.clients.admin.TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(appId))
                    .toList();
            return admin.describeTransactions(ids).all().get().values().stream()
                    .map(org.apache.kafka.clients.admin.TransactionDescription::transactionTimeoutMs)
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot describe the transactions of " + appId, e);
        }
    }

    /** What a failed run of the enrich stage looked like: for the assertion message. */
    private static String diagnostics(KafkaTestBroker broker, NewsTopics topics, EnrichService service,
                                      SimpleMeterRegistry registry, Map<String, Integer> annotated) {
        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.readUntil(broker, topics.dlq().name(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), records -> false, Duration.ofSeconds(2));
        String deadLetters = dead.stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8) + ": " + new String(
                        r.headers().lastHeader(dev.newsflow.schemas.DeadLetterRecords.REASON).value(), StandardCharsets.UTF_8))
                .collect(Collectors.joining(", "));
        return "states " + service.stateHistory() + "; engine calls " + new java.util.TreeMap<>(annotated)
                + "; meters " + registry.getMetersAsString().replace('\n', ' ') + "; dead letters [" + deadLetters + "]";
    }

    @Test
    void shouldServeHealthOpenlyWithStreamsStatePhaseAndReadinessAndMetricsOnlyWithTheToken(KafkaTestBroker broker)
            throws Exception {
        String prefix = KafkaTestBroker.uniqueName("enrich-health") + ".";
        createTopics(broker, prefix);
        Map<String, Object> values = new HashMap<>(config(broker, prefix, KafkaTestBroker.uniqueName("app"), stateDir).originals());
        values.put(EnrichConfig.HTTP_PORT, 0);
        String token = "enrich-health-test-token-1234";
        values.put(EnrichConfig.HTTP_AUTH_TOKEN, token);
        try (EnrichService service = new EnrichService(new EnrichConfig(values), new FakeEngine(),
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT)).start()) {
            await().atMost(WAIT).until(() -> service.state() == KafkaStreams.State.RUNNING);
            var client = java.net.http.HttpClient.newHttpClient();
            var health = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var metrics = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics"))
                            .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var metricsWithoutToken = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            var ready = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/health/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var live = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.httpPort() + "/health/live")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"streams\":\"RUNNING\"")
                    .contains("\"phase\":\"RUNNING\"").contains("\"ready\":true").contains("\"restoring\":[]")
                    .contains("\"lastError\":null");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(metricsWithoutToken.statusCode()).isEqualTo(401);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("newsflow_enrich_records_in_total")
                    // every dead-letter reason is there at zero before the first dead letter
                    .containsPattern("newsflow_enrich_dlq_total\\{reason=\"engine-error\"} 0\\.0")
                    .containsPattern("newsflow_enrich_dlq_total\\{reason=\"deserialization\"} 0\\.0");
        }
    }
}
