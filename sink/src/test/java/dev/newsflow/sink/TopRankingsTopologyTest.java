package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.SinkStores;
import dev.newsflow.sink.top.TopEntry;
import dev.newsflow.sink.top.TopRankings;
import dev.newsflow.sink.top.WindowSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /entities/top} rankings the entity tasks keep ready against a scan of the
 * sentiment window stores, with the wall clock advanced through hour and day boundaries.
 */
class TopRankingsTopologyTest {
    private static final Instant START = Instant.parse("2026-11-25T08:30:00Z");
    private static final List<Duration> WINDOWS = List.of(Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(3));
    private static final Set<Integer> PARTITION = Set.of(0);
    private static final String[] NAMES = {"Vladimir Putin", "Angela Merkel", "Kremlin", "Berlin", "Paris", "Nato",
            "Emmanuel Macron", "Ursula von der Leyen"};
    private static final EntityType[] TYPES = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION};

    @TempDir
    Path stateDir;

    private final NewsTopics topics = NewsTopics.defaults();
    private TopRankings rankings;
    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> input;
    private Instant now = START;

    private void start(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put(SinkConfig.APPLICATION_ID, "sink-top-test");
        all.put(SinkConfig.STATE_DIR, stateDir.toString());
        SinkConfig config = new SinkConfig(all);
        rankings = new TopRankings(config.topWindows(), config.topRefresh());
        SinkStats stats = SinkStats.detached();
        // The very settings the service runs with.
        Properties props = SinkService.streamsProperties(config, topics, stats,
                new org.apache.kafka.streams.state.HostInfo("localhost", 8080));
        driver = new TopologyTestDriver(SinkTopology.build(config, topics, stats, rankings), props, now);
        input = driver.createInputTopic(topics.enriched().name(), Serdes.String().serializer(),
                topics.enriched().valueSerde().serializer());
    }

    private void startDefault() {
        start(Map.of(SinkConfig.TOP_WINDOWS, "24h,7d,3h", SinkConfig.TOP_REFRESH_MS, "1000",
                SinkConfig.WINDOW_GRACE_MS, String.valueOf(Duration.ofHours(2).toMillis())));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(EnrichedArticle article) {
        input.pipeInput(article.getId(), article, article.getEnrichment().getProcessedAt());
    }

    private void advance(Duration by) {
        now = now.plus(by);
        driver.advanceWallClockTime(by);
    }

    @Test
    void shouldKeepRankingsEqualToAFullScanThroughUpdatesDeletionsLateArticlesAndPassingHours() {
        startDefault();
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        int precomputed = 0;
        for (int step = 0; step < 600; step++) {
            int action = random.nextInt(100);
            if (action < 70) {
                // A new article or a new version of a stored one, published up to 9 days ago (some too late to count).
                String id = random.nextInt(4) == 0 || ids.isEmpty() ? "a" + step : ids.get(random.nextInt(ids.size()));
                ids.add(id);
                long ageMinutes = random.nextInt(10) == 0 ? random.nextInt(9 * 24 * 60) : random.nextInt(30 * 60);
                Articles builder = article(id).published(now.minus(Duration.ofMinutes(ageMinutes)).minusSeconds(60));
                int entities = 1 + random.nextInt(3);
                for (int e = 0; e < entities; e++) {
                    builder.entity(NAMES[random.nextInt(NAMES.length)], TYPES[random.nextInt(TYPES.length)],
                            Math.round((random.nextDouble() * 2 - 1) * 100) / 100.0, 1 + random.nextInt(4));
                }
                send(builder.build());
            } else if (action < 85 && !ids.isEmpty()) {
                input.pipeInput(ids.get(random.nextInt(ids.size())), null);
            } else {
                advance(Duration.ofMinutes(random.nextInt(50)).plusMillis(random.nextInt(2000)));
            }
            for (Duration window : WINDOWS) {
                for (String type : new String[] {null, "PERSON"}) {
                    WindowSpan span = WindowSpan.ending(now, window);
                    Optional<List<TopEntry>> kept = rankings.totals(span, PARTITION, type);
                    assertThat(kept).as("ranking of %s at %s", window, now).isPresent();
                    assertSameTotals(kept.get(), scan(span, type), window + " " + type + " at " + now + ", step " + step);
                    precomputed++;
                }
            }
        }
        assertThat(precomputed).isEqualTo(600 * WINDOWS.size() * 2);
        assertThat(now).isAfter(START.plus(Duration.ofDays(1)));
        assertThat(scan(WindowSpan.ending(now, Duration.ofHours(24)), null)).isNotEmpty();
    }

    @Test
    void shouldNameEntityAfterItsLatestWindowAlsoWhenThatWindowIsWithdrawn() {
        startDefault();
        send(article("old").published(START.minus(Duration.ofHours(5))).entity("Vladimir Putin", EntityType.PERSON, 0.2, 1)
                .build());
        send(article("new").published(START.minus(Duration.ofHours(1))).entity("Vladimir PUTIN", EntityType.PERSON, 0.4, 2)
                .build());
        WindowSpan day = WindowSpan.ending(now, Duration.ofHours(24));
        assertThat(rankings.totals(day, PARTITION, null).orElseThrow())
                .extracting(TopEntry::name).containsExactly("Vladimir PUTIN");

        input.pipeInput("new", null);

        List<TopEntry> kept = rankings.totals(day, PARTITION, null).orElseThrow();
        assertThat(kept).extracting(TopEntry::name).containsExactly("Vladimir Putin");
        assertSameTotals(kept, scan(day, null), "after withdrawal");
    }

    @Test
    void shouldOfferNoRankingForASpanUntilTheWallClockPunctuationHasMovedOnToIt() {
        startDefault();
        send(article("a1").published(START.minus(Duration.ofHours(2))).entity("Kremlin", EntityType.ORGANIZATION, 0.1, 1)
                .build());
        Instant nextHour = Instant.parse("2026-11-25T09:00:00.500Z");
        WindowSpan current = WindowSpan.ending(now, Duration.ofHours(24));
        WindowSpan next = WindowSpan.ending(nextHour, Duration.ofHours(24));

        assertThat(rankings.totals(current, PARTITION, null)).isPresent();
        assertThat(rankings.totals(next, PARTITION, null)).as("not rolled yet: the API scans").isEmpty();
        assertThat(rankings.totals(WindowSpan.ending(now, Duration.ofHours(23)), PARTITION, null))
                .as("a window that is not kept").isEmpty();
        assertThat(rankings.totals(current, Set.of(0, 1), null)).as("a partition that is not running here").isEmpty();

        advance(Duration.between(now, nextHour));

        assertThat(rankings.totals(next, PARTITION, null)).hasValueSatisfying(
                kept -> assertSameTotals(kept, scan(next, null), "after the roll"));
    }

    @Test
    void shouldWithdrawRankingsWhenTheTaskCloses() {
        startDefault();
        send(article("a1").published(START.minus(Duration.ofHours(2))).entity("Kremlin", EntityType.ORGANIZATION, 0.1, 1)
                .build());
        WindowSpan span = WindowSpan.ending(now, Duration.ofDays(7));
        assertThat(rankings.totals(span, PARTITION, null)).isPresent();

        driver.close();
        driver = null;

        assertThat(rankings.totals(span, PARTITION, null)).isEmpty();
    }

    /** What the API's fallback does, written out independently: sum every window of the span per entity. */
    private Map<String, TopEntry> scan(WindowSpan span, String type) {
        WindowStore<String, EntitySentimentWindow> store =
                driver.getWindowStore(span.daily() ? SinkStores.SENTIMENT_DAILY : SinkStores.SENTIMENT_HOURLY);
        Map<String, List<EntitySentimentWindow>> byKey = new HashMap<>();
        if (!span.isEmpty()) {
            try (KeyValueIterator<Windowed<String>, EntitySentimentWindow> it = store.fetchAll(span.from(), span.to())) {
                while (it.hasNext()) {
                    KeyValue<Windowed<String>, EntitySentimentWindow> next = it.next();
                    if (type == null || type.equals(next.value.getType())) {
                        byKey.computeIfAbsent(next.key.key(), k -> new ArrayList<>()).add(next.value);
                    }
                }
            }
        }
        Map<String, TopEntry> totals = new TreeMap<>();
        byKey.forEach((key, windows) -> {
            EntitySentimentWindow latest = windows.stream()
                    .max((a, b) -> a.getWindowStart().compareTo(b.getWindowStart())).orElseThrow();
            long articles = windows.stream().mapToLong(EntitySentimentWindow::getArticles).sum();
            double sum = windows.stream().mapToDouble(EntitySentimentWindow::getSentimentSum).sum();
            totals.put(key, new TopEntry(key, dev.newsflow.sink.store.EntityKeys.id(key), latest.getName(), latest.getType(),
                    windows.stream().mapToLong(EntitySentimentWindow::getMentions).sum(), articles, sum / articles,
                    windows.stream().mapToLong(EntitySentimentWindow::getNegative).sum(),
                    windows.stream().mapToLong(EntitySentimentWindow::getNeutral).sum(),
                    windows.stream().mapToLong(EntitySentimentWindow::getPositive).sum()));
        });
        return totals;
    }

    private static void assertSameTotals(List<TopEntry> kept, Map<String, TopEntry> scanned, String when) {
        Map<String, TopEntry> byKey = new TreeMap<>();
        kept.forEach(entry -> byKey.put(entry.key(), entry));
        assertThat(kept).as(when).hasSameSizeAs(byKey.values());
        assertThat(byKey.keySet()).as(when).containsExactlyElementsOf(scanned.keySet());
        scanned.forEach((key, expected) -> {
            TopEntry actual = byKey.get(key);
            assertThat(actual.meanSentiment()).as(when + " " + key).isCloseTo(expected.meanSentiment(), within(1e-9));
            assertThat(new TopEntry(key, actual.id(), actual.name(), actual.type(), actual.mentions(), actual.articles(), 0,
                    actual.negative(), actual.neutral(), actual.positive()))
                    .as(when + " " + key)
                    .isEqualTo(new TopEntry(key, expected.id(), expected.name(), expected.type(), expected.mentions(), expected.articles(),
                            0, expected.negative(), expected.neutral(), expected.positive()));
        });
    }
}
