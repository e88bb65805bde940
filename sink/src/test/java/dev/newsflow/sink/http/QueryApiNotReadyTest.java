package dev.newsflow.sink.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.health.StreamsHealth;
import dev.newsflow.sink.top.TopRankings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API on a real local server while Kafka Streams is not running yet. */
class QueryApiNotReadyTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final StreamsHealth health = new StreamsHealth("sink", Duration.ofSeconds(30), Clock.systemUTC());
    private QueryApi api;
    private int port;

    @BeforeEach
    void start() {
        api = new QueryApi(new QueryApi.Backend() {
            @Override
            public KafkaStreams streams() {
                return null;
            }

            @Override
            public long storedArticles() {
                return 0;
            }

            @Override
            public String scrape() {
                return "# no metrics\n";
            }

            @Override
            public TopRankings rankings() {
                return new TopRankings(List.of(Duration.ofHours(24)), Duration.ofSeconds(1));
            }

            @Override
            public java.util.List<dev.newsflow.health.StageHealth> health() {
                return java.util.List.of(health);
            }
        }, new SimpleMeterRegistry(), Duration.ofDays(30), Clock.systemUTC(), Set.of());
        port = api.start("127.0.0.1", 0);
        api.advertise(new HostInfo("127.0.0.1", port), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/articles/a1", "/entities/kremlin", "/articles?entity=kremlin",
            "/entities/kremlin/sentiment", "/entities/top"})
    void shouldAnswer503WithRetryAfterWhileStoresAreNotReady(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).contains("not ready");
    }

    @Test
    void shouldAnswer503FromHealthWhileStreamsHasNotStarted() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"status\":\"STARTING\"").contains("\"streams\":\"CREATED\"")
                .contains("\"ready\":false");
    }

    @Test
    void shouldBeLiveButNotReadyWhileStreamsIsStarting() throws Exception {
        HttpResponse<String> live = get("/health/live");
        HttpResponse<String> ready = get("/health/ready");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"sink\":\"STARTING\"");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"ready\":false").contains("\"reason\":\"sink: starting\"");
    }

    @Test
    void shouldBeNeitherLiveNorReadyOnceStreamsHasFailed() throws Exception {
        health.onStateChange(KafkaStreams.State.ERROR);

        assertThat(get("/health/live").statusCode()).isEqualTo(503);
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("Kafka Streams is ERROR");
    }

    @Test
    void shouldCheckParametersBeforeLookingForTheStore() throws Exception {
        assertThat(get("/articles?entity=x&limit=0").statusCode()).isEqualTo(400);
    }
}
