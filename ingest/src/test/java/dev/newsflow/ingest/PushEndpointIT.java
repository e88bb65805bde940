package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.config.ArticleLimit;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.RawHttp;
import dev.newsflow.runtime.StageMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class PushEndpointIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINES = "application/x-ndjson";
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(int port, String body) throws Exception {
        return post(port, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(int port, String contentType, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An error answer: the status, JSON with that status and a message. */
    private static JsonNode error(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as("answer %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(json.path("error").asText()).isNotBlank();
        return json;
    }

    private static IngestService start(KafkaTestBroker broker, String prefix, Map<String, Object> extra) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of(IngestConfig.HTTP_PORT, 0));
        values.putAll(extra);
        IngestService service = new IngestService(IngestTestSupport.config(broker.bootstrapServers(), prefix, values),
                StageMetrics.prometheus());
        service.start();
        return service;
    }

    @Test
    void shouldAcceptOneObjectOrJsonLinesAndRejectBadOrOversizedRequestsPrecisely(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("push") + ".";
        try (IngestService service = start(broker, prefix, Map.of(IngestConfig.HTTP_MAX_BODY_BYTES, 2048))) {
            int port = service.httpPort();

            HttpResponse<String> one = post(port, """
                    {"title": "Ferry resumes", "body": "The ferry link resumed on Saturday.", "url": "https://news.example.com/ferry"}
                    """);
            HttpResponse<String> two = post(port, LINES, """
                    {"title": "A", "text": "First pushed article."}

                    {"title": "B", "text": "Second pushed article."}
                    """.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> malformed = post(port, "{\"title\": \"x\", ");
            HttpResponse<String> invalid = post(port, LINES, """
                    {"title": "C", "text": "Fine."}
                    {"url": "https://news.example.com/empty"}
                    """.getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> badDate = post(port, "{\"title\": \"D\", \"body\": \"x\", \"publishedAt\": \"someday\"}");
            HttpResponse<String> tooLarge = post(port, "{\"title\": \"big\", \"body\": \"" + "x".repeat(4096) + "\"}");
            HttpResponse<String> again = post(port, """
                    {"title": "Ferry resumes", "body": "The ferry link resumed on Saturday.", "url": "https://news.example.com/ferry?utm_source=push"}
                    """);

            assertThat(one.statusCode()).isEqualTo(202);
            JsonNode oneBody = JSON.readTree(one.body());
            assertThat(oneBody.get("ids")).hasSize(1);
            assertThat(two.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(two.body()).get("ids")).hasSize(2);
            assertThat(error(malformed, 400).path("error").asText()).contains("malformed JSON at line 1");
            assertThat(error(invalid, 400).path("error").asText()).contains("line 2").contains("no text");
            assertThat(error(badDate, 400).path("error").asText()).contains("publishedAt").contains("someday");
            assertThat(error(tooLarge, 413).path("maxBytes").asInt()).isEqualTo(2048);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(again.body()).get("ids").get(0).asText()).isEqualTo(oneBody.get("ids").get(0).asText());
            assertThat(JSON.readTree(again.body()).get("duplicates").asInt()).isEqualTo(1);
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"ingest\":{\"phase\":\"RUNNING\"")
                    .contains("\"published\":3");
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("newsflow_ingest_articles_total").contains("jvm_memory_used_bytes")
                    .contains("process_cpu_usage");
        }

        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 3);
        assertThat(records).extracting(r -> r.value().getTitle()).containsExactlyInAnyOrder("Ferry resumes", "A", "B");
        assertThat(records).extracting(r -> r.value().getSource()).containsOnly("http");
    }

    @Test
    void shouldPublishOnlyArticlesPushedWithTheBearerTokenWhenOneIsSet(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("push-auth") + ".";
        String token = "push-token-0123456789abcdef";
        try (IngestService service = start(broker, prefix, Map.of(IngestConfig.HTTP_AUTH_TOKEN, token))) {
            int port = service.httpPort();
            String article = "{\"title\": \"Anonymous\", \"body\": \"Pushed without the token.\"}";

            HttpResponse<String> anonymous = post(port, article);
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer not-the-token-0123456789")
                    .POST(HttpRequest.BodyPublishers.ofString(article)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> authorized = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Signed\", \"body\": \"Pushed with the token.\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(error(anonymous, 401).path("error").asText()).contains(IngestConfig.HTTP_AUTH_TOKEN);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            error(wrong, 401);
            assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(202);
            assertThat(health.statusCode()).as("the health probe stays open").isEqualTo(200);
            assertThat(service.stats().published()).isEqualTo(1);
        }

        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 1);
        assertThat(records).extracting(r -> r.value().getTitle()).containsExactly("Signed");
    }

    @Test
    void shouldRefuseATokenTooShortToProtectAnythingWithoutRepeatingIt() {
        assertThatThrownBy(() -> IngestTestSupport.config("127.0.0.1:9", "x.", Map.of(IngestConfig.HTTP_AUTH_TOKEN, "abc123")))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining(IngestConfig.HTTP_AUTH_TOKEN).hasMessageContaining("at least 16")
                .hasMessageNotContaining("abc123");
        IngestConfig config = IngestTestSupport.config("127.0.0.1:9", "x.",
                Map.of(IngestConfig.HTTP_AUTH_TOKEN, "long-enough-token-0123"));
        assertThat(config.toString()).contains(IngestConfig.HTTP_AUTH_TOKEN + "=[hidden]").doesNotContain("long-enough-token");
    }

    @Test
    void shouldRefuseWith413AnArticleEnrichWouldDeadLetterAsTooLargeAndAcceptOneAtTheLimit(KafkaTestBroker broker)
            throws Exception {
        String prefix = KafkaTestBroker.uniqueName("push-limit") + ".";
        int limit = ArticleLimit.DEFAULT_MAX_CHARS;
        // Paragraphs of 100 characters: a feed article this long would be cut; a pushed one is refused.
        String paragraph = "The council met again on Tuesday to discuss the harbour plan and the new ferry timetable.";
        StringBuilder over = new StringBuilder();
        while (over.length() <= limit + 10_000) {
            over.append(paragraph).append("\n\n");
        }
        try (IngestService service = start(broker, prefix, Map.of())) {
            int port = service.httpPort();

            HttpResponse<String> tooLong = post(port, JSON.writeValueAsString(Map.of("title", "Long", "body", over.toString())));
            HttpResponse<String> atLimit = post(port, JSON.writeValueAsString(Map.of("title", "At the limit",
                    "body", "y".repeat(limit))));
            HttpResponse<String> tooLongLine = post(port, LINES, (JSON.writeValueAsString(Map.of("title", "ok", "body", "fine"))
                    + "\n" + JSON.writeValueAsString(Map.of("title", "Long", "body", "z".repeat(limit + 1))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));

            JsonNode refused = error(tooLong, 413);
            assertThat(refused.path("maxChars").asInt()).isEqualTo(limit);
            assertThat(refused.path("error").asText()).contains(ArticleLimit.INGEST_KEY);
            assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(202);
            JsonNode line = error(tooLongLine, 413);
            assertThat(line.path("error").asText()).startsWith("line 2:");
            assertThat(line.path("chars").asInt()).isEqualTo(limit + 1);
        }

        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 1);
        assertThat(records).as("only the accepted article reached the topic").hasSize(1);
        assertThat(records.get(0).value().getTitle()).isEqualTo("At the limit");
        assertThat(records.get(0).value().getBody()).hasSize(limit);
    }

    @Test
    void shouldParseStrictlyAndAnswerEveryErrorAsJson4xx(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("push-strict") + ".";
        String ok = "{\"title\": \"T\", \"body\": \"Text.\"}";
        try (IngestService service = start(broker, prefix, Map.of())) {
            int port = service.httpPort();

            Map<String, String> refused400 = new java.util.LinkedHashMap<>();
            refused400.put("trailing data", ok + " x");
            refused400.put("two objects", ok + ok);
            refused400.put("an array", "[" + ok + "]");
            refused400.put("a string", "\"article\"");
            refused400.put("null", "null");
            refused400.put("empty body", "");
            refused400.put("title of a wrong type", "{\"title\": 5, \"body\": \"x\"}");
            refused400.put("body of a wrong type", "{\"title\": \"t\", \"body\": {\"text\": \"x\"}}");
            refused400.put("authors of a wrong type", "{\"title\": \"t\", \"body\": \"x\", \"authors\": [1, 2]}");
            refused400.put("publishedAt -1e18", "{\"title\": \"t\", \"body\": \"x\", \"publishedAt\": -1e18}");
            refused400.put("publishedAt 1e300", "{\"title\": \"t\", \"body\": \"x\", \"publishedAt\": 1e300}");
            refused400.put("publishedAt in year 9999", "{\"title\": \"t\", \"body\": \"x\", \"publishedAt\": \"9999-01-01T00:00:00Z\"}");
            refused400.put("publishedAt before 1900", "{\"title\": \"t\", \"body\": \"x\", \"publishedAt\": \"1066-10-14\"}");
            refused400.put("publishedAt fractional", "{\"title\": \"t\", \"body\": \"x\", \"publishedAt\": 1.5}");
            refused400.put("publishedAt boolean", "{\"title\": \"t\", \"body\": \"x\", \"publishedAt\": true}");
            refused400.put("duplicate keys", "{\"title\": \"t\", \"title\": \"u\", \"body\": \"x\"}");
            refused400.put("100,000 nested [", "[".repeat(100_000));
            refused400.put("deep nesting in a field", "{\"title\": \"t\", \"body\": \"x\", \"extra\": " + "[".repeat(100_000) + "}");
            for (Map.Entry<String, String> c : refused400.entrySet()) {
                HttpResponse<String> response = post(port, c.getValue());
                assertThat(response.statusCode()).as("%s: %s", c.getKey(), response.body()).isEqualTo(400);
                error(response, 400);
            }
            error(post(port, "application/json", new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'}), 400);
            assertThat(error(post(port, LINES, (ok + "\n{\"title\": 7}\n").getBytes(StandardCharsets.UTF_8)), 400)
                    .path("error").asText()).startsWith("line 2:").contains("'title'");
            assertThat(error(post(port, LINES, "\n\n".getBytes(StandardCharsets.UTF_8)), 400).path("error").asText())
                    .contains("empty");
            assertThat(error(post(port, "text/plain", ok.getBytes(StandardCharsets.UTF_8)), 415).path("error").asText())
                    .contains("application/json");
            error(post(port, "application/x-www-form-urlencoded", ok.getBytes(StandardCharsets.UTF_8)), 415);
            error(post(port, "application/json; charset=utf-16", ok.getBytes(StandardCharsets.UTF_16)), 415);
            String host = "127.0.0.1:" + port;
            error(RawHttp.send(port, "POST /articles HTTP/1.1\r\nHost: " + host, ok.getBytes(StandardCharsets.UTF_8)), 415);
            error(RawHttp.request(port, "GET", "/articles", host), 405);
            error(RawHttp.request(port, "GET", "/nothing/here", host), 404);
            error(RawHttp.request(port, "GET", "/" + "a".repeat(100_000), host), 414);
            error(RawHttp.request(port, "GET", "/%zz", host), 400);

            assertThat(post(port, ok).statusCode()).isEqualTo(202);
        }
        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 1);
        assertThat(records).as("only the accepted article reached the topic").hasSize(1);
        assertThat(records.get(0).value().getTitle()).isEqualTo("T");
    }

    @Test
    void shouldRefuseCrossOriginWritesAndForeignHostNames(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("push-origin") + ".";
        byte[] ok = "{\"title\": \"Own\", \"body\": \"From the same origin.\"}".getBytes(StandardCharsets.UTF_8);
        try (IngestService service = start(broker, prefix, Map.of(IngestConfig.HTTP_ALLOWED_HOSTS, "news-ingest"))) {
            int port = service.httpPort();
            String post = "POST /articles HTTP/1.1\r\nHost: news-ingest:" + port;

            RawHttp.Response plainForeign = RawHttp.send(port, post + "\r\nContent-Type: text/plain"
                    + "\r\nOrigin: http://attacker.example", ok);
            RawHttp.Response jsonForeign = RawHttp.send(port, post + "\r\nContent-Type: application/json"
                    + "\r\nOrigin: http://attacker.example", ok);
            RawHttp.Response rebinding = RawHttp.send(port, "POST /articles HTTP/1.1\r\nHost: attacker.example:" + port
                    + "\r\nContent-Type: application/json", ok);
            RawHttp.Response loopbackNotConfigured = RawHttp.send(port, "POST /articles HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Type: application/json", ok);
            RawHttp.Response own = RawHttp.send(port, post + "\r\nContent-Type: application/json"
                    + "\r\nOrigin: http://news-ingest:" + port, ok);

            for (RawHttp.Response refused : List.of(plainForeign, jsonForeign, rebinding, loopbackNotConfigured)) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(403);
                assertThat(refused.header("Content-Type")).startsWith("application/json");
            }
            assertThat(own.status()).as(own.body()).isEqualTo(202);
        }
        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 1);
        assertThat(records).as("only the accepted article reached the topic").hasSize(1);
        assertThat(records.get(0).value().getTitle()).isEqualTo("Own");
    }

    private static JsonNode error(RawHttp.Response response, int status) throws Exception {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("status").asInt()).isEqualTo(status);
        return json;
    }
}
