package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.http.QueryApi;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Starts sinks against the test broker, produces articles, calls the API over real HTTP. */
final class SinkTestSupport {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkTestSupport() {
    }

    static SinkConfig config(KafkaTestBroker broker, String prefix, String applicationId, Path stateDir) {
        return config(broker, prefix, applicationId, stateDir, Map.of());
    }

    static SinkConfig config(KafkaTestBroker broker, String prefix, String applicationId, Path stateDir,
                             Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put(SinkConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        values.put(SinkConfig.TOPIC_PREFIX, prefix);
        values.put(SinkConfig.APPLICATION_ID, applicationId);
        values.put(SinkConfig.HTTP_PORT, 0);
        values.put(SinkConfig.STATE_DIR, stateDir.toString());
        values.put(SinkConfig.COMMIT_INTERVAL_MS, 100L);
        values.put("kafka.consumer.session.timeout.ms", "10000");
        values.put("kafka.consumer.heartbeat.interval.ms", "1000");
        values.putAll(extra);
        return new SinkConfig(values);
    }

    static SinkService start(SinkConfig config) {
        SinkService service = new SinkService(config, new SimpleMeterRegistry());
        service.start();
        return service;
    }

    static void produce(KafkaTestBroker broker, NewsTopics topics, EnrichedArticle... articles) {
        try (KafkaProducer<String, EnrichedArticle> producer = KafkaTestClients.producer(broker, new StringSerializer(),
                topics.enriched().valueSerde().serializer())) {
            for (EnrichedArticle article : articles) {
                KafkaTestClients.send(producer, topics.enriched().name(), article.getId(), article);
            }
        }
    }

    static void delete(KafkaTestBroker broker, NewsTopics topics, String id) {
        try (KafkaProducer<String, EnrichedArticle> producer = KafkaTestClients.producer(broker, new StringSerializer(),
                topics.enriched().valueSerde().serializer())) {
            KafkaTestClients.send(producer, topics.enriched().name(), id, null);
        }
    }

    static HttpResponse<String> get(int port, String pathAndQuery) {
        return get(port, pathAndQuery, "");
    }

    /** GET with {@code Authorization: Bearer token} (none when the token is empty). */
    static HttpResponse<String> get(int port, String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    /** How many local parts of /entities/top answers came from {@code source} (precomputed or scan). */
    static double topAnswers(SinkService sink, String source) {
        Counter counter = sink.registry().find(QueryApi.TOP_ANSWERS).tag("source", source).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The /entities/top answer when this instance answered it from its kept totals, else null (for awaits). */
    static JsonNode precomputedTop(SinkService sink, String pathAndQuery) {
        return precomputedTop(sink, pathAndQuery, "");
    }

    /** As above, sending the bearer {@code token} (none when empty). */
    static JsonNode precomputedTop(SinkService sink, String pathAndQuery, String token) {
        double before = topAnswers(sink, "precomputed");
        JsonNode answer = okJson(sink.httpPort(), pathAndQuery, token);
        return answer != null && topAnswers(sink, "precomputed") > before ? answer : null;
    }

    /** Same entities in the same order with the same totals (mean sentiment up to its 3-decimal rounding). */
    static void assertSameRanking(JsonNode actual, JsonNode expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode got = actual.get(i).deepCopy();
            ObjectNode want = expected.get(i).deepCopy();
            assertThat(got.remove("meanSentiment").asDouble()).as("entry %d", i)
                    .isCloseTo(want.remove("meanSentiment").asDouble(), within(0.0011));
            assertThat(got).as("entry %d", i).isEqualTo(want);
        }
    }

    /** The JSON body of a 200 answer, or null for any other status (for use in await conditions). */
    static JsonNode okJson(int port, String pathAndQuery) {
        return okJson(port, pathAndQuery, "");
    }

    /** As above, sending the bearer {@code token} (none when empty). */
    static JsonNode okJson(int port, String pathAndQuery, String token) {
        HttpResponse<String> response = get(port, pathAndQuery, token);
        return response.statusCode() == 200 ? json(response) : null;
    }
}
