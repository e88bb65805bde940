package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.avro.DedupFingerprint;
import dev.newsflow.enrich.dedup.NearDuplicates;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich topology's near-duplicate detection through TopologyTestDriver (the global band index included). */
class NearDuplicateTopologyTest {
    /** Written for this test: a wire story of six paragraphs. */
    static final List<String> STORY = List.of(
            "The harbour authority of Marden Vale voted on Tuesday to close the old ferry terminal by the end of next year, ending a crossing that has run for more than a century.",
            "Council members said the cost of repairing the pier, damaged in two winter storms, had grown beyond what the town could carry without a national grant.",
            "Residents who use the ferry to reach the hospital on the far shore packed the meeting hall and asked for a bus service to replace the boats before the closure.",
            "The authority promised a study of the road link within three months and said it would keep the smaller passenger boat running through the summer season.",
            "Fishermen who moor at the terminal will be offered berths in the new marina, which opened last spring after four years of delays and disputes over its price.",
            "A final decision on the sale of the terminal building is expected in March, when bids from two hotel groups and a local cooperative will be opened in public.");
    /** A different article on the same event, quoting one paragraph of the story. */
    static final List<String> OTHER_ON_SAME_EVENT = List.of(
            "Patients from the eastern shore fear longer journeys after Tuesday's ferry decision, nurses at the county hospital told us on Wednesday.",
            STORY.get(2),
            "A bus from the eastern villages would take almost an hour each way, twice the time of the crossing, according to figures from the regional transport office.",
            "The hospital trust said it would ask the authority for a shuttle on clinic days and that no appointments would be lost while the study of the road link is under way.",
            "Local doctors have written to the health minister asking for the grant that the council said it could not find in its own budget this year or the next.");

    @TempDir
    java.nio.file.Path stateDir;

    private final NewsTopics topics = NewsTopics.defaults();
    private EnrichMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Article> raw;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private EnrichConfig config;

    private void start(Map<String, Object> extra) {
        metrics = new EnrichMetrics(new SimpleMeterRegistry());
        Map<String, Object> values = new HashMap<>();
        values.put(EnrichConfig.APPLICATION_ID, "dedup-test");
        values.put(EnrichConfig.STATE_DIR, stateDir.toString());
        values.put(EnrichConfig.PROCESSING_GUARANTEE, "at_least_once");
        values.putAll(extra);
        config = new EnrichConfig(values);
        Properties props = EnrichService.streamsProperties(config, topics, metrics);
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
        driver = new TopologyTestDriver(EnrichTopology.build(topics, new FakeEngine(), metrics, 100_000, clock,
                EnrichTopology.dedup(config)), props);
        raw = driver.createInputTopic(topics.raw().name(), Serdes.String().serializer(), AvroSerde.of(Article.class).serializer());
        enriched = driver.createOutputTopic(topics.enriched().name(), Serdes.String().deserializer(),
                topics.enriched().valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void pipe(String id, List<String> paragraphs, Instant seenAt) {
        raw.pipeInput(id, Articles.article(id, String.join("\n\n", paragraphs)), seenAt);
    }

    private Map<String, EnrichedArticle> outputs() {
        Map<String, EnrichedArticle> byId = new HashMap<>();
        for (TestRecord<String, EnrichedArticle> record : enriched.readRecordsToList()) {
            byId.put(record.key(), record.value());
        }
        return byId;
    }

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void shouldMarkTrimmedCopyUnderOtherLeadAsDuplicateOfFirstSeen() {
        start(Map.of());
        pipe("wire", STORY, T0);
        List<String> copy = new java.util.ArrayList<>(STORY.subList(1, 5));
        copy.add(0, "MARDEN VALE: The town's ferry is to stop, its harbour authority decided late on Tuesday.");
        copy.add(2, "Advertisement");
        pipe("outlet-copy", copy, T0.plusSeconds(600));

        Map<String, EnrichedArticle> out = outputs();

        assertThat(out.get("wire").getDuplicateOf()).isNull();
        assertThat(out.get("wire").getDuplicateSimilarity()).isNull();
        assertThat(out.get("outlet-copy").getDuplicateOf()).isEqualTo("wire");
        assertThat(out.get("outlet-copy").getDuplicateSimilarity()).isBetween(0.5, 1.0);
        assertThat(out.get("outlet-copy").getEntities()).isNotEmpty();
    }

    @Test
    void shouldNameTheEarliestCopyWhenSeveralMatch() {
        start(Map.of());
        pipe("first", STORY, T0);
        pipe("second", STORY.subList(0, 5), T0.plusSeconds(60));
        pipe("third", STORY.subList(0, 4), T0.plusSeconds(120));

        Map<String, EnrichedArticle> out = outputs();

        assertThat(out.get("second").getDuplicateOf()).isEqualTo("first");
        assertThat(out.get("third").getDuplicateOf()).isEqualTo("first");
    }

    @Test
    void shouldKeepDifferentArticleOnSameEventAsOriginal() {
        start(Map.of());
        pipe("wire", STORY, T0);
        pipe("follow-up", OTHER_ON_SAME_EVENT, T0.plusSeconds(600));

        assertThat(outputs().get("follow-up").getDuplicateOf()).isNull();
    }

    @Test
    void shouldNotLetTwoCopiesNameEachOtherWhenTheLaterOneArrivesFirst() {
        start(Map.of());
        pipe("seen-later", STORY, T0.plusSeconds(60));
        pipe("seen-earlier", STORY.subList(0, 5), T0);

        Map<String, EnrichedArticle> out = outputs();

        // Record time orders copies the same way in every band: the one stamped later never
        // becomes the original of the earlier one, and the earlier one finds no earlier copy.
        assertThat(out.get("seen-later").getDuplicateOf()).isNull();
        assertThat(out.get("seen-earlier").getDuplicateOf()).isNull();
    }

    @Test
    void shouldTreatCopyBeyondTheHorizonAsOriginal() {
        start(Map.of(EnrichConfig.DEDUP_HORIZON_MS, Duration.ofDays(1).toMillis()));
        pipe("old", STORY, T0);
        pipe("much-later", STORY, T0.plus(Duration.ofDays(2)));
        pipe("same-day", STORY, T0.plus(Duration.ofDays(2)).plusSeconds(60));

        Map<String, EnrichedArticle> out = outputs();

        assertThat(out.get("much-later").getDuplicateOf()).isNull();
        assertThat(out.get("same-day").getDuplicateOf()).isEqualTo("much-later");
    }

    @Test
    void shouldLeaveDuplicateOfEmptyWhenDetectionIsOff() {
        start(Map.of(EnrichConfig.DEDUP_ENABLED, false));
        pipe("wire", STORY, T0);
        pipe("copy", STORY, T0.plusSeconds(60));

        Map<String, EnrichedArticle> out = outputs();

        assertThat(out).containsOnlyKeys("wire", "copy");
        assertThat(out.get("copy").getDuplicateOf()).isNull();
        assertThat(metrics.writtenTotal()).isEqualTo(2);
    }

    @Test
    void shouldPassTombstoneAndShortArticlesWithoutWaiting() {
        start(Map.of());
        pipe("wire", STORY, T0);
        raw.pipeInput("short", Articles.article("short", "Ferry to close."), T0.plusSeconds(1));
        raw.pipeInput("wire", null, T0.plusSeconds(2));

        List<TestRecord<String, EnrichedArticle>> out = enriched.readRecordsToList();

        assertThat(out).extracting(TestRecord::key).containsExactly("wire", "short", "wire");
        assertThat(out.get(1).value().getDuplicateOf()).isNull();
        assertThat(out.get(2).value()).isNull();
        assertThat(metrics.writtenTotal()).isEqualTo(2);
    }

    @Test
    void shouldWriteNewVersionOfAnArticleWithItsOwnCheck() {
        start(Map.of());
        pipe("wire", STORY, T0);
        pipe("copy", STORY.subList(0, 4), T0.plusSeconds(60));
        pipe("copy", OTHER_ON_SAME_EVENT, T0.plusSeconds(120));

        List<TestRecord<String, EnrichedArticle>> copies = enriched.readRecordsToList().stream()
                .filter(r -> r.key().equals("copy")).toList();

        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).value().getDuplicateOf()).isEqualTo("wire");
        assertThat(copies.get(1).value().getDuplicateOf()).isNull();
    }

    private DedupIndex index() {
        org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> store =
                driver.getKeyValueStore(EnrichTopology.DEDUP_INDEX_STORE);
        return new DedupIndex(store);
    }

    @Test
    void shouldFindOriginalThatAnotherInstanceWroteThroughTheGlobalIndex() {
        start(Map.of());
        // Another instance processed the wire story: only its fingerprint record reaches this one.
        NearDuplicates detector = NearDuplicates.defaults();
        NearDuplicates.Fingerprint fingerprint = detector.fingerprint(String.join("\n\n", STORY));
        EnrichTopology.Dedup dedup = EnrichTopology.dedup(config);
        TestInputTopic<String, DedupFingerprint> fingerprints = driver.createInputTopic(dedup.fingerprints().name(),
                Serdes.String().serializer(), dedup.fingerprints().valueSerde().serializer());
        fingerprints.pipeInput("elsewhere", new DedupIndex.Entry("elsewhere", T0.toEpochMilli(), fingerprint.bandKeys(),
                fingerprint.sample(), fingerprint.rate()).fingerprint(), T0);
        pipe("copy", STORY.subList(1, 6), T0.plusSeconds(600));

        assertThat(outputs().get("copy").getDuplicateOf()).isEqualTo("elsewhere");
    }

    @Test
    void shouldWriteOneFingerprintPerComparableArticleToTheIndexTopic() {
        start(Map.of());
        TestOutputTopic<String, DedupFingerprint> fingerprints = driver.createOutputTopic(
                EnrichTopology.dedup(config).fingerprints().name(), Serdes.String().deserializer(),
                EnrichTopology.dedup(config).fingerprints().valueSerde().deserializer());
        pipe("wire", STORY, T0);
        raw.pipeInput("short", Articles.article("short", "Ferry to close."), T0.plusSeconds(1));

        List<TestRecord<String, DedupFingerprint>> written = fingerprints.readRecordsToList();

        assertThat(written).extracting(TestRecord::key).containsExactly("wire");
        assertThat(written.get(0).value().getSeenAt()).isEqualTo(T0.toEpochMilli());
        assertThat(written.get(0).value().getBands().remaining()).isEqualTo(NearDuplicates.DEFAULT_BANDS * Long.BYTES);
        assertThat(index().get("wire")).isNotNull();
        assertThat(index().get("short")).isNull();
    }

    @Test
    void shouldForgetTombstonedArticleSoALaterCopyStaysOriginal() {
        start(Map.of());
        pipe("wire", STORY, T0);
        raw.pipeInput("wire", null, T0.plusSeconds(60));
        pipe("copy", STORY.subList(0, 5), T0.plusSeconds(120));

        Map<String, EnrichedArticle> out = outputs();

        assertThat(out.get("copy").getDuplicateOf()).isNull();
        assertThat(index().get("wire")).isNull();
        assertThat(index().size()).isEqualTo(1);
    }

    @Test
    void shouldExpireIndexEntriesOlderThanTheHorizon() {
        start(Map.of(EnrichConfig.DEDUP_HORIZON_MS, Duration.ofDays(1).toMillis()));
        pipe("old", STORY, T0);
        pipe("follow-up", OTHER_ON_SAME_EVENT, T0.plus(Duration.ofHours(20)));
        assertThat(index().size()).isEqualTo(2);

        pipe("next-day", STORY.subList(0, 4), T0.plus(Duration.ofHours(25)));

        assertThat(outputs().get("next-day").getDuplicateOf()).isNull();
        assertThat(index().get("old")).as("past the horizon").isNull();
        assertThat(index().get("follow-up")).as("within the horizon").isNotNull();
        assertThat(index().size()).isEqualTo(2);
    }

    @Test
    void shouldTakeArticleOutOfTheIndexWhenItsNewVersionIsTooShortToCompare() {
        start(Map.of());
        pipe("wire", STORY, T0);
        raw.pipeInput("wire", Articles.article("wire", "Ferry story withdrawn."), T0.plusSeconds(60));
        pipe("copy", STORY, T0.plusSeconds(120));

        assertThat(outputs().get("copy").getDuplicateOf()).isNull();
        assertThat(index().get("wire")).isNull();
    }
}
