package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's server side over real HTTP, behind a token: the pages, the live feed (SSE) and related entities. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class DashboardApiIT {
    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private KafkaTestBroker broker;
    private NewsTopics topics;
    private SinkService sink;
    private int port;

    @BeforeAll
    void startSinkBehindAToken(KafkaTestBroker testBroker, @TempDir Path stateDir) {
        broker = testBroker;
        SinkConfig config = SinkTestSupport.config(broker, KafkaTestBroker.uniqueName("dash") + ".",
                KafkaTestBroker.uniqueName("sink-dash"), stateDir, Map.of(HttpGuard.AUTH_TOKEN, TOKEN));
        topics = config.newsTopics();
        sink = SinkTestSupport.start(config);
        port = sink.httpPort();
        SinkTestSupport.produce(broker, topics,
                article("r1").published(NOW.minus(3, ChronoUnit.HOURS)).entity("Vladimir Putin", EntityType.PERSON, -0.5, 2)
                        .entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).entity("Angela Merkel", EntityType.PERSON, 0.2, 1)
                        .build(),
                article("r2").published(NOW.minus(2, ChronoUnit.HOURS)).entity("Vladimir Putin", EntityType.PERSON, 0.1, 1)
                        .entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build(),
                article("r3").published(NOW.minus(1, ChronoUnit.HOURS)).entity("Vladimir Putin", EntityType.PERSON, 0.3, 1)
                        .entity("Joe Biden", EntityType.PERSON, 0.3, 1).build(),
                article("r4").published(NOW.minus(1, ChronoUnit.HOURS)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1)
                        .build());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> putin = SinkTestSupport.get(port, "/entities/vladimir%20putin", TOKEN);
            return putin.statusCode() == 200 && SinkTestSupport.json(putin).get("articleCount").asLong() == 3
                    && sink.storedArticleCount() == 4;
        });
    }

    @AfterAll
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void shouldServeThePagesWithoutTheTokenUnderASameOriginContentSecurityPolicy() {
        HttpResponse<String> page = SinkTestSupport.get(port, "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/dashboard/app.js\">").doesNotContain(TOKEN);
        for (String module : List.of("app.js", "api.js", "views.js", "chart.js")) {
            HttpResponse<String> script = SinkTestSupport.get(port, "/dashboard/" + module);
            assertThat(script.statusCode()).as(module).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/javascript"));
            assertThat(script.body()).as(module).containsAnyOf("import ", "export ")
                    .doesNotContainPattern("(from|import|fetch\\()\\s*['\"`](https?:)?//");
        }
        assertThat(SinkTestSupport.get(port, "/dashboard/style.css").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void shouldKeepDataRoutesAndUnknownFilesBehindTheToken() {
        assertThat(SinkTestSupport.get(port, "/articles/r1").statusCode()).isEqualTo(401);
        assertThat(SinkTestSupport.get(port, "/dashboard/secret.js").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = SinkTestSupport.get(port, "/dashboard/secret.js", TOKEN);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(SinkTestSupport.json(missing).path("status").asInt()).isEqualTo(404);
        assertThat(sse(false).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer406ToALiveRequestThatDoesNotAcceptEventStreams() {
        HttpResponse<String> answer = SinkTestSupport.get(port, "/events/articles", TOKEN);

        assertThat(answer.statusCode()).isEqualTo(406);
        assertThat(SinkTestSupport.json(answer).path("error").asText()).contains("text/event-stream");
    }

    @Test
    void shouldStreamEachNewlyStoredArticleAsOneEventInTheVocabulary() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = HTTP.send(sseRequest(true), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));

        SinkTestSupport.produce(broker, topics, article("live-1").title("Live one").published(NOW).sentiment(-0.41234)
                .entity("Elysee", EntityType.ORGANIZATION, 0.0, 1).entity("Emmanuel Macron", EntityType.PERSON, -0.6, 2)
                .entity("A", EntityType.MISC, 0, 1).entity("B", EntityType.MISC, 0, 1).entity("C", EntityType.MISC, 0, 1)
                .entity("D", EntityType.LOCATION, 0, 1).build());

        await().atMost(Duration.ofSeconds(15)).until(() -> lines.contains("id: live-1"));
        int id = lines.indexOf("id: live-1");
        List<String> event = lines.subList(Math.max(0, id - 3), Math.min(lines.size(), id + 3));
        assertThat(event).contains("event: article");
        String data = event.stream().filter(l -> l.startsWith("data: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no data line near the event: " + lines)).substring(6);
        JsonNode article = JSON.readTree(data);
        assertThat(article.path("id").asText()).isEqualTo("live-1");
        assertThat(article.path("title").asText()).isEqualTo("Live one");
        assertThat(article.path("publishedAt").asText()).isEqualTo(NOW.toString());
        assertThat(article.has("time")).isFalse();
        assertThat(article.path("sentiment").path("score").asDouble()).isEqualTo(-0.412);
        assertThat(article.path("sentiment").path("label").asText()).isEqualTo("NEGATIVE");
        assertThat(article.path("entities")).hasSize(5);
        assertThat(article.path("entities").get(0).path("type").asText()).isUpperCase();
        assertThat(article.path("entities").findValuesAsText("name")).contains("Emmanuel Macron", "Elysee");
        assertThat(sink.storedArticleCount()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldListTheEntitiesThatAppearInTheMostOfAnEntitysArticles() {
        HttpResponse<String> answer = SinkTestSupport.get(port, "/entities/vladimir%20putin/related", TOKEN);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode related = SinkTestSupport.json(answer);
        assertThat(related.path("name").asText()).isEqualTo("Vladimir Putin");
        assertThat(related.path("type").asText()).isEqualTo("PERSON");
        assertThat(related.path("items").findValuesAsText("name")).containsExactly("Kremlin", "Angela Merkel", "Joe Biden");
        assertThat(related.path("items").get(0).path("articleCount").asLong()).isEqualTo(2);
        assertThat(related.path("items").get(0).path("type").asText()).isEqualTo("ORGANIZATION");
        assertThat(related.path("items").get(1).path("articleCount").asLong()).isEqualTo(1);
        assertThat(related.path("total").asInt()).isEqualTo(3);

        JsonNode first = SinkTestSupport.json(SinkTestSupport.get(port, "/entities/vladimir%20putin/related?limit=1", TOKEN));
        assertThat(first.path("items").findValuesAsText("name")).containsExactly("Kremlin");
        assertThat(SinkTestSupport.get(port, "/entities/nobody%20at%20all/related", TOKEN).statusCode()).isEqualTo(404);
        assertThat(SinkTestSupport.get(port, "/entities/kremlin/related?limit=0", TOKEN).statusCode()).isEqualTo(400);
    }

    private HttpRequest sseRequest(boolean withToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events/articles"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
        if (withToken) {
            builder.header("Authorization", "Bearer " + TOKEN);
        }
        return builder.GET().build();
    }

    private HttpResponse<String> sse(boolean withToken) {
        try {
            return HTTP.send(sseRequest(withToken), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
