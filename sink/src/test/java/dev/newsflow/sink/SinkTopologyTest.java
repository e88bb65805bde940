package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.RecentKeys;
import dev.newsflow.sink.store.SinkStores;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final String PUTIN = "vladimir putin|PERSON";

    @TempDir
    Path stateDir;

    private final NewsTopics topics = NewsTopics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> input;
    private TestOutputTopic<String, EntityIndex> indexOut;
    private TestOutputTopic<String, EntitySentimentWindow> hourlyOut;
    private SinkConfig config;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() {
        startWith(Map.of(SinkConfig.ENTITY_INDEX_MAX_ARTICLES, "2", SinkConfig.WINDOW_GRACE_MS, "3600000"));
    }

    private void startWith(Map<String, String> values) {
        if (driver != null) {
            driver.close();
        }
        Map<String, String> all = new HashMap<>(values);
        all.put(SinkConfig.APPLICATION_ID, "sink-topology-test");
        all.put(SinkConfig.STATE_DIR, stateDir.toString());
        config = new SinkConfig(all);
        registry = new SimpleMeterRegistry();
        SinkStats stats = new SinkStats(registry);
        // The very settings the service runs with.
        Properties props = SinkService.streamsProperties(config, topics, stats,
                new org.apache.kafka.streams.state.HostInfo("localhost", 8080));
        driver = new TopologyTestDriver(SinkTopology.build(config, topics, stats), props);
        input = driver.createInputTopic(topics.enriched().name(), Serdes.String().serializer(),
                topics.enriched().valueSerde().serializer());
        SinkTopics out = config.sinkTopics();
        indexOut = driver.createOutputTopic(out.entityIndex().name(), Serdes.String().deserializer(),
                out.entityIndex().valueSerde().deserializer());
        hourlyOut = driver.createOutputTopic(out.sentimentHourly().name(), Serdes.String().deserializer(),
                out.sentimentHourly().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(EnrichedArticle article) {
        input.pipeInput(article.getId(), article, article.getEnrichment().getProcessedAt());
    }

    private KeyValueStore<String, EnrichedArticle> articles() {
        return driver.getKeyValueStore(SinkStores.ARTICLES);
    }

    private KeyValueStore<String, EntityIndex> index() {
        return driver.getKeyValueStore(SinkStores.ENTITY_INDEX);
    }

    private List<String> recentIds(String entityKey) {
        KeyValueStore<String, EntityArticle> recent = driver.getKeyValueStore(SinkStores.ENTITY_RECENT);
        List<String> ids = new ArrayList<>();
        try (var it = recent.prefixScan(RecentKeys.prefix(entityKey), new StringSerializer())) {
            it.forEachRemaining(kv -> ids.add(kv.value.getArticleId()));
        }
        return ids;
    }

    private WindowStore<String, EntitySentimentWindow> hourly() {
        return driver.getWindowStore(SinkStores.SENTIMENT_HOURLY);
    }

    private WindowStore<String, EntitySentimentWindow> daily() {
        return driver.getWindowStore(SinkStores.SENTIMENT_DAILY);
    }

    private List<String> copyIds(String original) {
        KeyValueStore<String, dev.newsflow.sink.avro.ArticleCopy> copies = driver.getKeyValueStore(SinkStores.COPIES);
        List<String> ids = new ArrayList<>();
        try (var it = copies.prefixScan(SinkStores.copyPrefix(original), new StringSerializer())) {
            it.forEachRemaining(kv -> ids.add(kv.value.getId()));
        }
        return ids;
    }

    @Test
    void shouldCountSyndicatedStoryOnceAndListCopiesUnderTheOriginal() {
        send(article("wire").published(T0).entity("Vladimir Putin", EntityType.PERSON, -0.5, 2).build());
        send(article("copy-1").published(T0.plusSeconds(600)).entity("Vladimir Putin", EntityType.PERSON, -0.5, 2)
                .copyOf("wire", 0.93).build());
        send(article("copy-2").published(T0.plusSeconds(900)).entity("Vladimir Putin", EntityType.PERSON, -0.5, 2)
                .copyOf("wire", 0.81).build());

        assertThat(index().get(PUTIN).getArticles()).isEqualTo(1);
        assertThat(index().get(PUTIN).getMentions()).isEqualTo(2);
        assertThat(recentIds(PUTIN)).containsExactly("wire");
        assertThat(hourly().fetch(PUTIN, T0.truncatedTo(java.time.temporal.ChronoUnit.HOURS).toEpochMilli()).getArticles())
                .isEqualTo(1);
        assertThat(articles().get("copy-1")).isNotNull();
        assertThat(copyIds("wire")).containsExactlyInAnyOrder("copy-1", "copy-2");
    }

    @Test
    void shouldWithdrawCopyFromItsOriginalWhenDeletedOrNoLongerACopy() {
        send(article("wire").published(T0).entity("Vladimir Putin", EntityType.PERSON, 0, 1).build());
        send(article("copy-1").published(T0).entity("Vladimir Putin", EntityType.PERSON, 0, 1).copyOf("wire", 0.9).build());
        send(article("copy-2").published(T0).entity("Vladimir Putin", EntityType.PERSON, 0, 1).copyOf("wire", 0.9).build());

        input.pipeInput("copy-1", null);
        send(article("copy-2").published(T0).title("rewritten").entity("Vladimir Putin", EntityType.PERSON, 0, 1).build());

        assertThat(copyIds("wire")).isEmpty();
        assertThat(index().get(PUTIN).getArticles()).isEqualTo(2);
    }

    @Test
    void shouldCountEveryCopyWhenCopiesAreCounted() {
        startWith(Map.of(SinkConfig.ENTITY_COUNT_COPIES, "true"));
        send(article("wire").published(T0).entity("Vladimir Putin", EntityType.PERSON, 0, 1).build());
        send(article("copy-1").published(T0).entity("Vladimir Putin", EntityType.PERSON, 0, 1).copyOf("wire", 0.9).build());

        assertThat(index().get(PUTIN).getArticles()).isEqualTo(2);
        assertThat(copyIds("wire")).containsExactly("copy-1");
    }

    @Test
    void shouldTimeEachStoredArticleFromTheIngestionTimeItsHeaderCarries() {
        EnrichedArticle first = article("a1").build();
        Headers headers = new RecordHeaders().add("newsflow.ingested.at",
                String.valueOf(System.currentTimeMillis() - 5_000).getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>("a1", first, headers, first.getEnrichment().getProcessedAt()));
        send(article("a2").build()); // no ingestion header (written by something other than ingest): not timed

        Timer latency = registry.get("newsflow.pipeline.latency").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.SECONDS)).isBetween(5.0, 60.0);
    }

    @Test
    void shouldReadAndWriteJsonTopicsWhileStoresAndChangelogsKeepSingleObjectAvro() throws Exception {
        driver.close();
        SinkConfig json = new SinkConfig(Map.of("value.format", "json"));
        NewsTopics jsonTopics = json.newsTopics();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sink-json-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("json").toString());
        driver = new TopologyTestDriver(SinkTopology.build(json, jsonTopics), props);
        EnrichedArticle article = article("a1").published(T0).entity("Vladimir Putin", EntityType.PERSON, -0.5, 2).build();
        byte[] jsonBytes = jsonTopics.enriched().valueSerde().serializer().serialize("t", article);
        driver.createInputTopic(jsonTopics.enriched().name(), new StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())
                .pipeInput("a1", jsonBytes, T0);

        String index = driver.createOutputTopic(json.sinkTopics().entityIndex().name(), Serdes.String().deserializer(),
                Serdes.String().deserializer()).readValue();
        byte[] changelog = driver.createOutputTopic("sink-json-test-" + SinkStores.ARTICLES + "-changelog",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readValue();

        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(index).get("name").asText())
                .isEqualTo("Vladimir Putin");
        assertThat(changelog[0]).as("single-object Avro marker").isEqualTo((byte) 0xC3);
        assertThat(articles().get("a1").getTitle()).isEqualTo(article.getTitle());
    }

    @Test
    void shouldStoreLatestArticleByIdAndDeleteItOnTombstone() {
        send(article("a1").title("first").build());
        send(article("a1").title("second").build());
        assertThat(articles().get("a1").getTitle()).isEqualTo("second");

        input.pipeInput("a1", null);

        assertThat(articles().get("a1")).isNull();
    }

    @Test
    void shouldIndexEntityWithTotalsAndNewestArticlesFirstBoundedPerEntity() {
        send(article("a1").published(T0.plusSeconds(60)).entity("Vladimir Putin", EntityType.PERSON, -0.5, 2).build());
        send(article("a2").published(T0.plusSeconds(180)).entity("Vladimir  PUTIN", EntityType.PERSON, 0.5, 1).build());
        send(article("a3").published(T0.plusSeconds(120)).entity("Vladimir Putin", EntityType.PERSON, 0.0, 3).build());

        EntityIndex putin = index().get(PUTIN);
        assertThat(putin.getArticles()).isEqualTo(3);
        assertThat(putin.getMentions()).isEqualTo(6);
        assertThat(putin.getRecentCount()).isEqualTo(2);
        assertThat(recentIds(PUTIN)).containsExactly("a2", "a3");
        assertThat(putin.getFirstSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(putin.getLastSeen()).isEqualTo(T0.plusSeconds(180));
    }

    @Test
    void shouldKeepEvictedArticleCountedButUnlistedWhenItIsDeleted() {
        send(article("old").published(T0.plusSeconds(60)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        send(article("mid").published(T0.plusSeconds(120)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        send(article("new").published(T0.plusSeconds(180)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        assertThat(recentIds("kremlin|ORGANIZATION")).containsExactly("new", "mid");

        input.pipeInput("old", null, T0.plusSeconds(200));
        input.pipeInput("new", null, T0.plusSeconds(200));

        EntityIndex kremlin = index().get("kremlin|ORGANIZATION");
        assertThat(kremlin.getArticles()).isEqualTo(1);
        assertThat(kremlin.getRecentCount()).isEqualTo(1);
        assertThat(recentIds("kremlin|ORGANIZATION")).containsExactly("mid");
    }

    @Test
    void shouldPublishRecentArticlesAndTheirEvictionToOutputTopic() {
        TestOutputTopic<String, EntityArticle> articlesOut = driver.createOutputTopic(
                config.sinkTopics().entityArticles().name(), Serdes.String().deserializer(),
                config.sinkTopics().entityArticles().valueSerde().deserializer());
        send(article("a1").published(T0.plusSeconds(60)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        send(article("a2").published(T0.plusSeconds(120)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        send(article("a3").published(T0.plusSeconds(180)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());

        Map<String, EntityArticle> latest = articlesOut.readKeyValuesToMap();

        assertThat(latest.get("kremlin|ORGANIZATION|a3").getArticleId()).isEqualTo("a3");
        assertThat(latest.get("kremlin|ORGANIZATION|a2")).isNotNull();
        assertThat(latest).containsEntry("kremlin|ORGANIZATION|a1", null);
    }

    @Test
    void shouldKeepTypesOfOneNameApart() {
        send(article("a1").entity("Washington", EntityType.PERSON, 0.2, 1)
                .entity("Washington", EntityType.LOCATION, 0.0, 1).build());

        assertThat(index().get("washington|PERSON").getArticles()).isEqualTo(1);
        assertThat(index().get("washington|LOCATION").getArticles()).isEqualTo(1);
    }

    @Test
    void shouldMoveIndexEntriesWhenArticleIsUpdated() {
        send(article("a1").entity("Vladimir Putin", EntityType.PERSON, -0.5, 2).build());
        send(article("a2").entity("Vladimir Putin", EntityType.PERSON, 0.5, 1).build());

        send(article("a1").entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());

        EntityIndex putin = index().get(PUTIN);
        assertThat(putin.getArticles()).isEqualTo(1);
        assertThat(putin.getMentions()).isEqualTo(1);
        assertThat(recentIds(PUTIN)).containsExactly("a2");
        assertThat(putin.getRecentCount()).isEqualTo(1);
        assertThat(index().get("kremlin|ORGANIZATION").getArticles()).isEqualTo(1);
    }

    @Test
    void shouldDropEntityAndPublishTombstoneWhenItsLastArticleIsDeleted() {
        send(article("a1").entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        indexOut.readKeyValuesToList();

        input.pipeInput("a1", null);

        assertThat(index().get("kremlin|ORGANIZATION")).isNull();
        var records = indexOut.readKeyValuesToMap();
        assertThat(records).containsEntry("kremlin|ORGANIZATION", null);
    }

    @Test
    void shouldAggregateSentimentPerHourAndPerDay() {
        send(article("a1").published(T0.plusSeconds(60)).entity("Vladimir Putin", EntityType.PERSON, -0.6, 2).build());
        send(article("a2").published(T0.plusSeconds(600)).entity("Vladimir Putin", EntityType.PERSON, 0.4, 1).build());
        send(article("a3").published(T0.plusSeconds(3600 + 60)).entity("Vladimir Putin", EntityType.PERSON, 0.0, 1).build());

        EntitySentimentWindow first = hourly().fetch(PUTIN, T0.toEpochMilli());
        assertThat(first.getArticles()).isEqualTo(2);
        assertThat(first.getMentions()).isEqualTo(3);
        assertThat(first.getMeanSentiment()).isCloseTo(-0.1, within(1e-9));
        assertThat(first.getNegative()).isEqualTo(1);
        assertThat(first.getPositive()).isEqualTo(1);
        assertThat(first.getNeutral()).isZero();
        assertThat(hourly().fetch(PUTIN, T0.plusSeconds(3600).toEpochMilli()).getArticles()).isEqualTo(1);

        EntitySentimentWindow day = daily().fetch(PUTIN, Instant.parse("2026-11-25T00:00:00Z").toEpochMilli());
        assertThat(day.getArticles()).isEqualTo(3);
        assertThat(day.getNeutral()).isEqualTo(1);
        assertThat(day.getWindowEnd()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }

    @Test
    void shouldCountLateArticleWithinGraceButNotBeyondIt() {
        send(article("now").published(T0.plusSeconds(3 * 3600)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());

        // Hour 08:00 ends 09:00; with one hour of grace it is closed at stream time 10:00 (now 11:00).
        send(article("late").published(T0.plusSeconds(60)).entity("Kremlin", EntityType.ORGANIZATION, 0.8, 1).build());
        // Hour 10:00 is still open at 11:00.
        send(article("in-grace").published(T0.plusSeconds(2 * 3600 + 60))
                .entity("Kremlin", EntityType.ORGANIZATION, 0.8, 1).build());

        assertThat(hourly().fetch("kremlin|ORGANIZATION", T0.toEpochMilli())).isNull();
        assertThat(hourly().fetch("kremlin|ORGANIZATION", T0.plusSeconds(2 * 3600).toEpochMilli()).getArticles())
                .isEqualTo(1);
        // The daily window (not closed) and the store still take the late article.
        assertThat(daily().fetch("kremlin|ORGANIZATION", Instant.parse("2026-11-25T00:00:00Z").toEpochMilli())
                .getArticles()).isEqualTo(3);
        assertThat(articles().get("late")).isNotNull();
        assertThat(index().get("kremlin|ORGANIZATION").getArticles()).isEqualTo(3);
    }

    @Test
    void shouldWithdrawContributionFromOpenWindowOnTombstone() {
        send(article("a1").entity("Kremlin", EntityType.ORGANIZATION, -0.8, 1).build());
        send(article("a2").entity("Kremlin", EntityType.ORGANIZATION, 0.4, 1).build());

        input.pipeInput("a1", null, T0.plusSeconds(700));

        EntitySentimentWindow window = hourly().fetch("kremlin|ORGANIZATION", T0.toEpochMilli());
        assertThat(window.getArticles()).isEqualTo(1);
        assertThat(window.getNegative()).isZero();
        assertThat(window.getMeanSentiment()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void shouldNotCountAnUnchangedRedeliveryTwice() {
        EnrichedArticle article = article("a1").entity("Kremlin", EntityType.ORGANIZATION, 0.1, 1).build();
        send(article);
        send(article);

        assertThat(index().get("kremlin|ORGANIZATION").getArticles()).isEqualTo(1);
        assertThat(hourly().fetch("kremlin|ORGANIZATION", T0.toEpochMilli()).getArticles()).isEqualTo(1);
    }

    @Test
    void shouldPublishIndexAndWindowsToOutputTopics() {
        send(article("a1").entity("Kremlin", EntityType.ORGANIZATION, 0.1, 1).build());

        Map<String, EntityIndex> index = new HashMap<>(indexOut.readKeyValuesToMap());
        Map<String, EntitySentimentWindow> hours = new HashMap<>(hourlyOut.readKeyValuesToMap());

        assertThat(index.get("kremlin|ORGANIZATION").getArticles()).isEqualTo(1);
        assertThat(hours).containsOnlyKeys("kremlin|ORGANIZATION@2026-11-25T08:00:00Z");
        assertThat(hours.values().iterator().next().getMeanSentiment()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void shouldNameEveryProcessorStoreAndInternalTopic() {
        Topology topology = SinkTopology.build(config, topics);
        TopologyDescription description = topology.describe();

        StringBuilder names = new StringBuilder();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> names.append(node.name()).append('\n')));
        assertThat(names.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description.toString()).contains(SinkTopology.ENTITY_EVENTS + "-repartition")
                .contains(SinkTopology.COPY_LINKS + "-repartition")
                .contains(SinkTopology.ALIAS_EVENTS + "-repartition")
                .contains(SinkStores.ARTICLES, SinkStores.ENTITY_INDEX, SinkStores.SENTIMENT_HOURLY,
                        SinkStores.SENTIMENT_DAILY, SinkStores.COPY_OF, SinkStores.COPIES, SinkStores.ALIASES);
    }

    @Test
    void shouldUseEnrichmentTimeWhenPublicationTimeIsAfterIt() {
        EnrichedArticle future = article("a1").entity("Kremlin", EntityType.ORGANIZATION, 0.1, 1).build();
        future.setPublishedAt(future.getEnrichment().getProcessedAt().plusSeconds(7 * 3600));
        send(future);

        assertThat(index().get("kremlin|ORGANIZATION").getLastSeen()).isEqualTo(future.getEnrichment().getProcessedAt());
    }

    @Test
    void shouldUseEnrichmentTimeWhenPublicationTimeIsMissing() {
        EnrichedArticle noDate = article("a1").entity("Kremlin", EntityType.ORGANIZATION, 0.1, 1).build();
        noDate.setPublishedAt(null);
        send(noDate);

        long hour = Duration.ofHours(1).toMillis();
        long processed = noDate.getEnrichment().getProcessedAt().toEpochMilli();
        assertThat(hourly().fetch("kremlin|ORGANIZATION", processed - processed % hour)).isNotNull();
    }
}
