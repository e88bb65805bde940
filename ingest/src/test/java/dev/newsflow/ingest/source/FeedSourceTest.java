package dev.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.FixtureServer;
import dev.newsflow.ingest.IngestStats;
import dev.newsflow.ingest.fetch.FetchSettings;
import dev.newsflow.ingest.fetch.SafeHttpClient;
import dev.newsflow.ingest.page.ArticlePageExtractor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedSourceTest {

    @Test
    void shouldBackOffExponentiallyAfterFailuresUpToTheMaximum() throws Exception {
        try (FixtureServer server = new FixtureServer().status("/down", 503)) {
            SafeHttpClient http = new SafeHttpClient(new FetchSettings("ua", Duration.ofSeconds(1), Duration.ofSeconds(2),
                    65536, 3, true, Duration.ZERO));
            IngestStats stats = new IngestStats(new SimpleMeterRegistry());
            FeedSource feed = new FeedSource(server.url("/down"), http, new ArticlePageExtractor(), stats,
                    new FeedSource.Settings(Duration.ofSeconds(10), 0.0, Duration.ofSeconds(60), true, 600));

            long[] delays = new long[4];
            for (int i = 0; i < delays.length; i++) {
                long before = System.currentTimeMillis();
                assertThat(feed.poll(null)).as("a failed fetch loses no records").isTrue();
                delays[i] = feed.nextPollAt() - before;
            }

            assertThat(feed.consecutiveFailures()).isEqualTo(4);
            assertThat(delays[0]).isBetween(19_000L, 21_000L);
            assertThat(delays[1]).isBetween(39_000L, 41_000L);
            assertThat(delays[2]).isBetween(59_000L, 61_000L);
            assertThat(delays[3]).isBetween(59_000L, 61_000L);
            assertThat(stats.snapshot().fetchErrors()).isEqualTo(4);
        }
    }

    @Test
    void shouldWaitAsLongAsARateLimitingServerAsksInSecondsOrAsADate() throws Exception {
        String inHalfAnHour = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(30));
        try (FixtureServer server = new FixtureServer()
                .route("/busy", exchange -> {
                    exchange.getResponseHeaders().set("Retry-After", "900");
                    FixtureServer.send(exchange, 429, "text/plain", new byte[0]);
                })
                .route("/maintenance", exchange -> {
                    exchange.getResponseHeaders().set("Retry-After", inHalfAnHour);
                    FixtureServer.send(exchange, 503, "text/plain", new byte[0]);
                })
                .route("/tomorrow", exchange -> {
                    exchange.getResponseHeaders().set("Retry-After", "86400");
                    FixtureServer.send(exchange, 429, "text/plain", new byte[0]);
                })) {
            SafeHttpClient http = new SafeHttpClient(new FetchSettings("ua", Duration.ofSeconds(1), Duration.ofSeconds(2),
                    65536, 3, true, Duration.ZERO));
            FeedSource.Settings settings = new FeedSource.Settings(Duration.ofSeconds(10), 0.0, Duration.ofHours(1), true, 600);
            FeedSource busy = new FeedSource(server.url("/busy"), http, new ArticlePageExtractor(),
                    new IngestStats(new SimpleMeterRegistry()), settings);
            FeedSource maintenance = new FeedSource(server.url("/maintenance"), http, new ArticlePageExtractor(),
                    new IngestStats(new SimpleMeterRegistry()), settings);
            FeedSource tomorrow = new FeedSource(server.url("/tomorrow"), http, new ArticlePageExtractor(),
                    new IngestStats(new SimpleMeterRegistry()), settings);
            // Each wait counts from its own failed poll, so bound it by the clock around that poll
            // (a loaded machine can take seconds over the three polls).
            long before = System.currentTimeMillis();
            assertThat(busy.poll(null)).isTrue();
            long afterBusy = System.currentTimeMillis();
            assertThat(maintenance.poll(null)).isTrue();
            long afterMaintenance = System.currentTimeMillis();
            long beforeTomorrow = afterMaintenance;
            assertThat(tomorrow.poll(null)).isTrue();
            long afterTomorrow = System.currentTimeMillis();

            // Without Retry-After the first failure waits 2 x 10 s.
            assertThat(busy.nextPollAt()).as("Retry-After: 900").isBetween(before + 900_000L, afterBusy + 900_000L);
            assertThat(maintenance.nextPollAt() - before).as("an HTTP date half an hour ahead (second precision)")
                    .isBetween(Duration.ofMinutes(30).toMillis() - 10_000L, Duration.ofMinutes(30).toMillis() + 1_000L);
            assertThat(tomorrow.nextPollAt()).as("a day, capped by backoff.max.ms (1 h)")
                    .isBetween(beforeTomorrow + Duration.ofHours(1).toMillis(), afterTomorrow + Duration.ofHours(1).toMillis());
        }
    }

    @Test
    void shouldWaitAtLeastTheFeedsTtlBeforeTheNextPoll() throws Exception {
        String rss = "<rss version=\"2.0\"><channel><title>t</title><ttl>30</ttl></channel></rss>";
        try (FixtureServer server = new FixtureServer().text("/ttl.xml", "application/rss+xml", rss)) {
            SafeHttpClient http = new SafeHttpClient(new FetchSettings("ua", Duration.ofSeconds(1), Duration.ofSeconds(2),
                    65536, 3, true, Duration.ZERO));
            FeedSource feed = new FeedSource(server.url("/ttl.xml"), http, new ArticlePageExtractor(),
                    new IngestStats(new SimpleMeterRegistry()),
                    new FeedSource.Settings(Duration.ofMinutes(5), 0.0, Duration.ofHours(1), true, 600));
            long before = System.currentTimeMillis();

            assertThat(feed.poll(null)).isTrue();
            long after = System.currentTimeMillis();

            // The next poll is set while polling: bound it by the clock on both sides, however long the poll took.
            assertThat(feed.nextPollAt()).isBetween(before + Duration.ofMinutes(30).toMillis(),
                    after + Duration.ofMinutes(30).toMillis());
            assertThat(feed.consecutiveFailures()).isZero();
        }
    }
}
