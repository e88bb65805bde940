package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.DeadLetterRecords;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.SentimentLabel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichTopologyTest {
    private static final int MAX_CHARS = 1_000;

    @TempDir
    java.nio.file.Path stateDir;

    private final NewsTopics topics = NewsTopics.defaults();
    private final AvroSerde<Article> articleSerde = AvroSerde.of(Article.class);
    private final FakeEngine engine = new FakeEngine();
    private EnrichMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Article> raw;
    private TestInputTopic<byte[], byte[]> rawBytes;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        startDriver(false);
    }

    private void startDriver(boolean failOnEngineError) {
        metrics = new EnrichMetrics(new SimpleMeterRegistry());
        Map<String, Object> values = new HashMap<>();
        values.put(EnrichConfig.APPLICATION_ID, "enrich-test");
        values.put(EnrichConfig.STATE_DIR, stateDir.toString());
        values.put(EnrichConfig.PROCESSING_GUARANTEE, "at_least_once");
        values.put(EnrichConfig.FAILURE_POLICY, failOnEngineError ? EnrichConfig.POLICY_FAIL : EnrichConfig.POLICY_DLQ);
        EnrichConfig config = new EnrichConfig(values);
        Properties props = EnrichService.streamsProperties(config, topics, metrics);
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
        driver = new TopologyTestDriver(EnrichTopology.build(topics, engine, metrics, MAX_CHARS, clock, EnrichTopology.dedup(config)), props);
        raw = driver.createInputTopic(topics.raw().name(), Serdes.String().serializer(), articleSerde.serializer());
        rawBytes = driver.createInputTopic(topics.raw().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        enriched = driver.createOutputTopic(topics.enriched().name(), Serdes.String().deserializer(),
                topics.enriched().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.dlq().name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldEnrichArticleIntoRecordKeyedByArticleId() {
        raw.pipeInput("a-1", Articles.article("a-1", "Putin met Hollande in a positive mood."));

        TestRecord<String, EnrichedArticle> out = enriched.readRecord();

        assertThat(out.key()).isEqualTo("a-1");
        EnrichedArticle article = out.value();
        assertThat(article.getId()).isEqualTo("a-1");
        assertThat(article.getTitle()).isEqualTo("Title of a-1");
        assertThat(article.getEntities()).extracting(e -> e.getName()).containsExactly("Putin", "Hollande");
        assertThat(article.getEntities().get(0).getMentions().get(0).getStart()).isZero();
        assertThat(article.getEntities().get(0).getMentions().get(0).getType())
                .isEqualTo(dev.newsflow.schemas.avro.EntityType.PERSON);
        assertThat(article.getSentiment().getLabel()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(article.getEnrichment().getEngine()).isEqualTo("fake");
        assertThat(article.getEnrichment().getEngineVersion()).isEqualTo("1.0");
        assertThat(article.getEnrichment().getProcessedAt()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(article.getContentHash()).isEqualTo(Articles.article("a-1", "Putin met Hollande in a positive mood.").getContentHash());
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(metrics.enrichedTotal()).isEqualTo(1);
    }

    @Test
    void shouldCarryTheAuthorsAndDatelineOfTheIngestedArticle() {
        Article article = Articles.article("a-1", "Putin spoke.");
        article.setAuthors(java.util.List.of("Anna Petrova", "John Smith"));
        article.setDateline("Moscow");
        raw.pipeInput("a-1", article);
        raw.pipeInput("a-2", Articles.article("a-2", "Merkel spoke."));

        EnrichedArticle withBoth = enriched.readValue();
        EnrichedArticle without = enriched.readValue();
        assertThat(withBoth.getAuthors()).containsExactly("Anna Petrova", "John Smith");
        assertThat(withBoth.getDateline()).isEqualTo("Moscow");
        assertThat(without.getAuthors()).isEmpty();
        assertThat(without.getDateline()).isNull();
    }

    @Test
    void shouldSuppressDuplicateWithSameContentHash() {
        Article article = Articles.article("a-1", "Putin spoke.");

        raw.pipeInput("a-1", article);
        raw.pipeInput("a-1", article);

        assertThat(enriched.readRecordsToList()).hasSize(1);
        assertThat(engine.calls).hasValue(1);
    }

    @Test
    void shouldReEnrichChangedArticleUnderSameId() {
        raw.pipeInput("a-1", Articles.article("a-1", "Putin spoke."));
        raw.pipeInput("a-1", Articles.article("a-1", "Putin spoke again, says Merkel."));

        var records = enriched.readRecordsToList();

        assertThat(records).extracting(TestRecord::key).containsExactly("a-1", "a-1");
        assertThat(records.get(1).value().getEntities()).extracting(e -> e.getName()).contains("Merkel");
    }

    @Test
    void shouldPassTombstonesThroughAndForgetTheArticle() {
        Article article = Articles.article("a-1", "Putin spoke.");
        raw.pipeInput("a-1", article);
        raw.pipeInput("a-1", (Article) null);
        raw.pipeInput("a-1", article);

        var records = enriched.readRecordsToList();

        assertThat(records).hasSize(3);
        assertThat(records.get(1).key()).isEqualTo("a-1");
        assertThat(records.get(1).value()).isNull();
        assertThat(records.get(2).value()).as("re-enriched after deletion").isNotNull();
    }

    @Test
    void shouldRouteUndeserializableBytesToDlqWithAllHeaders() {
        byte[] key = "bad-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = "definitely not avro".getBytes(StandardCharsets.UTF_8);

        rawBytes.pipeInput(new TestRecord<>(key, value, Instant.parse("2026-11-24T00:00:00Z")));
        raw.pipeInput("a-2", Articles.article("a-2", "Obama spoke."));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo(key);
        assertThat(dead.value()).isEqualTo(value);
        Headers headers = dead.headers();
        assertThat(header(headers, DeadLetterRecords.STAGE)).isEqualTo("enrich");
        assertThat(header(headers, DeadLetterRecords.STEP)).isEqualTo("deserialize");
        assertThat(header(headers, DeadLetterRecords.REASON)).isEqualTo("deserialization");
        assertThat(header(headers, DeadLetterRecords.ERROR_CLASS)).contains("SerializationException");
        assertThat(header(headers, DeadLetterRecords.ERROR_MESSAGE)).contains("Not an Avro single-object record");
        assertThat(header(headers, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo(topics.raw().name());
        assertThat(header(headers, DeadLetterRecords.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(headers, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(headers, DeadLetterRecords.SOURCE_TIMESTAMP))
                .isEqualTo(String.valueOf(Instant.parse("2026-11-24T00:00:00Z").toEpochMilli()));
        assertThat(enriched.readRecord().key()).as("the record behind the poison one").isEqualTo("a-2");
        assertThat(metrics.registry().counter("newsflow.enrich.dlq", "reason", "deserialization").count()).isEqualTo(1.0);
    }

    @Test
    void shouldRouteEngineExceptionToDlqWithOriginalBytes() {
        Article poison = Articles.article("a-3", "EXPLODE now");
        byte[] originalValue = articleSerde.serialize(topics.raw().name(), poison);

        raw.pipeInput("a-3", poison);
        raw.pipeInput("a-4", Articles.article("a-4", "Merkel spoke."));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("a-3");
        assertThat(dead.value()).isEqualTo(originalValue);
        assertThat(header(dead.headers(), DeadLetterRecords.STAGE)).isEqualTo("enrich");
        assertThat(header(dead.headers(), DeadLetterRecords.STEP)).isEqualTo("process");
        assertThat(header(dead.headers(), DeadLetterRecords.REASON)).isEqualTo(DeadLetterRecords.Reason.ENGINE_ERROR.label());
        assertThat(header(dead.headers(), DeadLetterRecords.ERROR_MESSAGE)).contains("tagger crashed on purpose");
        assertThat(enriched.readRecord().key()).isEqualTo("a-4");
    }

    @Test
    void shouldRouteOversizeArticleToDlqWithoutCallingEngine() {
        raw.pipeInput("big", Articles.article("big", "x".repeat(MAX_CHARS + 1)));

        TestRecord<byte[], byte[]> dead = dlq.readRecord();

        assertThat(header(dead.headers(), DeadLetterRecords.REASON)).isEqualTo(DeadLetterRecords.Reason.TOO_LARGE.label());
        assertThat(header(dead.headers(), DeadLetterRecords.ERROR_MESSAGE)).contains("engine.max.chars");
        assertThat(engine.calls).hasValue(0);
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldWriteSkippedArticleWithReasonInsteadOfTags() {
        raw.pipeInput("de-1", Articles.article("de-1", "German: Die Regierung hat beschlossen."));

        EnrichedArticle out = enriched.readValue();

        assertThat(out.getEntities()).isEmpty();
        assertThat(out.getLanguage()).isEqualTo("de");
        assertThat(out.getEnrichment().getSkippedReason()).isEqualTo("unsupported language: de");
    }

    @Test
    void shouldStopOnEngineErrorWhenFailurePolicyIsFail() {
        driver.close();
        startDriver(true);

        assertThatThrownBy(() -> raw.pipeInput("a-5", Articles.article("a-5", "EXPLODE")))
                .isInstanceOf(StreamsException.class);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldNameEveryNodeAndStore() {
        EnrichConfig defaults = new EnrichConfig(Map.of());
        String description = EnrichTopology.build(topics, engine, metrics, MAX_CHARS, Clock.systemUTC(),
                EnrichTopology.dedup(defaults)).describe().toString();

        assertThat(description).contains(EnrichTopology.SOURCE, EnrichTopology.ENRICH, EnrichTopology.SINK,
                EnrichTopology.HASH_STORE, EnrichTopology.DEDUP_CHECK, EnrichTopology.DEDUP_FINGERPRINTS_SINK,
                EnrichTopology.DEDUP_INDEX_UPDATE, EnrichTopology.DEDUP_INDEX_STORE,
                "newsflow-enrich-" + EnrichTopology.DEDUP_FINGERPRINTS_TOPIC);
        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-").doesNotContain("repartition");
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
