package dev.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.ingest.FixtureServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile-server cases against a real HTTP server on 127.0.0.1. */
@Timeout(30)
class SafeHttpClientTest {
    private static final int CAP = 64 * 1024;
    private static FixtureServer server;
    private final SafeHttpClient http = new SafeHttpClient(new FetchSettings("NewsFlow-test/1.0", Duration.ofSeconds(1),
            Duration.ofMillis(1500), CAP, 3, true, Duration.ZERO));

    @BeforeAll
    static void startServer() {
        server = new FixtureServer()
                .fixture("/feed.xml", "fixtures/rss2.xml", "application/rss+xml; charset=utf-8", StandardCharsets.UTF_8)
                .route("/agent", ex -> FixtureServer.send(ex, 200, "text/plain",
                        String.valueOf(ex.getRequestHeaders().getFirst("User-Agent")).getBytes(StandardCharsets.UTF_8)))
                .status("/error500", 500)
                .status("/error404", 404)
                .status("/error429", 429)
                .slowDrip("/drip", 200)
                .hang("/hang")
                .redirectLoop("/loop")
                .redirect("/moved", "{{base}}/feed.xml")
                .redirect("/to-ftp", "ftp://files.example/feed.xml")
                .huge("/huge", 2 * 1024 * 1024)
                .gzipBomb("/bomb", 20 * 1024 * 1024)
                .text("/report.pdf", "application/pdf", "%PDF-1.7 not an article");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private FetchException.Reason failure(String path) {
        try {
            http.get(server.url(path), Map.of(), Set.of());
            throw new AssertionError("fetching " + path + " should have failed");
        } catch (FetchException e) {
            return e.reason();
        }
    }

    @Test
    void shouldFetchAndSendTheConfiguredUserAgent() throws Exception {
        FetchResponse response = http.get(server.url("/agent"), Map.of(), Set.of());

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("NewsFlow-test/1.0");
        assertThat(response.contentType()).isEqualTo("text/plain");
    }

    @Test
    void shouldAnswerNotModifiedToAConditionalGet() throws Exception {
        FetchResponse first = http.get(server.url("/feed.xml"), Map.of(), Set.of());
        FetchResponse second = http.get(server.url("/feed.xml"), Map.of("If-None-Match", first.etag()), Set.of());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.charset()).contains(StandardCharsets.UTF_8);
        assertThat(second.notModified()).isTrue();
    }

    @Test
    void shouldFollowARedirectAndReportTheFinalUrl() throws Exception {
        assertThat(http.get(server.url("/moved"), Map.of(), Set.of()).url()).isEqualTo(server.url("/feed.xml"));
    }

    @Test
    void shouldTellPermanentFromRetriableHttpErrors() {
        assertThat(failure("/error404")).isEqualTo(FetchException.Reason.HTTP_CLIENT_ERROR);
        assertThat(failure("/error500")).isEqualTo(FetchException.Reason.HTTP_SERVER_ERROR);
        assertThat(failure("/error429")).isEqualTo(FetchException.Reason.RATE_LIMITED);
        assertThat(FetchException.Reason.HTTP_SERVER_ERROR.retriable()).isTrue();
        assertThat(FetchException.Reason.HTTP_CLIENT_ERROR.retriable()).isFalse();
    }

    @Test
    void shouldGiveUpOnSlowDripAndHangingServersAtTheDeadline() {
        long start = System.nanoTime();

        assertThat(failure("/drip")).isEqualTo(FetchException.Reason.TIMEOUT);
        assertThat(failure("/hang")).isEqualTo(FetchException.Reason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void shouldStopEndlessRedirects() {
        assertThat(failure("/loop")).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS);
    }

    @Test
    void shouldRefuseBodiesOverTheCapAndGzipBombs() {
        assertThat(failure("/huge")).isEqualTo(FetchException.Reason.TOO_LARGE);
        assertThat(failure("/bomb")).isEqualTo(FetchException.Reason.DECOMPRESSION_BOMB);
    }

    @Test
    void shouldRefuseContentTypesTheCallerDidNotAskFor() {
        assertThatThrownBy(() -> http.get(server.url("/report.pdf"), Map.of(), Set.of("text/html")))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.BAD_CONTENT_TYPE))
                .hasMessageContaining("application/pdf");
    }

    @Test
    void shouldRefuseNonHttpUrlsAlsoBehindRedirects() {
        assertThatThrownBy(() -> http.get("file:///etc/passwd", Map.of(), Set.of()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.INVALID_URL));
        assertThat(failure("/to-ftp")).isEqualTo(FetchException.Reason.INVALID_URL);
    }

    @Test
    void shouldRefuseLoopbackAndPrivateAddressesByDefault() {
        SafeHttpClient guarded = new SafeHttpClient(new FetchSettings("ua", Duration.ofSeconds(1), Duration.ofSeconds(2), CAP, 3,
                false, Duration.ZERO));

        assertThatThrownBy(() -> guarded.get(server.url("/feed.xml"), Map.of(), Set.of()))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.FORBIDDEN_ADDRESS))
                .hasMessageContaining("allow.private.addresses");
        assertThatThrownBy(() -> guarded.get("http://10.1.2.3/feed", Map.of(), Set.of())).isInstanceOf(FetchException.class)
                .hasMessageContaining("private or loopback");
        assertThatThrownBy(() -> guarded.get("http://169.254.169.254/latest/meta-data/", Map.of(), Set.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("private or loopback");
        assertThatThrownBy(() -> guarded.get("http://[::1]:8080/", Map.of(), Set.of()))
                .isInstanceOf(FetchException.class).hasMessageContaining("private or loopback");
    }

    @Test
    void shouldSpaceRequestsToOneHostWhenRateLimited() throws Exception {
        SafeHttpClient limited = new SafeHttpClient(new FetchSettings("ua", Duration.ofSeconds(1), Duration.ofSeconds(2), CAP, 3,
                true, Duration.ofMillis(300)));
        long start = System.nanoTime();

        for (int i = 0; i < 3; i++) {
            limited.get(server.url("/agent"), Map.of(), Set.of());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }
}
