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

            assertThat(feed.nextPollAt() - before).isBetween(Duration.ofMinutes(30).toMillis() - 1000, Duration.ofMinutes(30).toMillis() + 1000);
            assertThat(feed.consecutiveFailures()).isZero();
        }
    }
}
