package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static dev.newsflow.sink.SinkTestSupport.get;
import static dev.newsflow.sink.SinkTestSupport.json;
import static dev.newsflow.sink.SinkTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import dev.newsflow.testkit.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SinkApiIT {
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

    private KafkaTestBroker broker;
    private NewsTopics topics;
    private SinkService sink;
    private int port;

    @BeforeAll
    void startSinkWithArticles(KafkaTestBroker testBroker, @TempDir Path stateDir) {
        broker = testBroker;
        String prefix = KafkaTestBroker.uniqueName("api") + ".";
        SinkConfig config = SinkTestSupport.config(broker, prefix, KafkaTestBroker.uniqueName("sink-api"), stateDir);
        topics = config.newsTopics();
        sink = SinkTestSupport.start(config);
        port = sink.httpPort();
        SinkTestSupport.produce(broker, topics,
                article("a1").title("Putin meets Kremlin staff").byline("Moscow", "Anna Petrova").published(HOUR.minus(3, ChronoUnit.HOURS))
                        .entity("Vladimir Putin", EntityType.PERSON, -0.6, 2)
                        .entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build(),
                article("a2").published(HOUR.minus(2, ChronoUnit.HOURS))
                        .entity("Vladimir Putin", EntityType.PERSON, 0.4, 1).build(),
                article("a3").published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("François Hollande", EntityType.PERSON, 0.5, 1)
                        .entity("Vladimir Putin", EntityType.PERSON, -0.2, 1).build(),
                article("gone").published(HOUR.minus(1, ChronoUnit.HOURS)).entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build(),
                article("a1-copy").title("Kremlin staff meet Putin").published(HOUR.minus(3, ChronoUnit.HOURS).plusSeconds(300))
                        .entity("Vladimir Putin", EntityType.PERSON, -0.6, 2).copyOf("a1", 0.91).build());
        SinkTestSupport.delete(broker, topics, "gone");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode putin = okJson(port, "/entities/vladimir%20putin");
            JsonNode kremlin = okJson(port, "/entities/kremlin");
            return putin != null && putin.get("articleCount").asLong() == 3
                    && kremlin != null && kremlin.get("articleCount").asLong() == 1 && sink.storedArticleCount() == 4
                    && okJson(port, "/articles/a1/copies") != null && okJson(port, "/articles/a1/copies").get("items").size() == 1;
        });
    }

    @AfterAll
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    private RawHttp.Response raw(String method, String target) throws Exception {
        return RawHttp.request(port, method, target, "127.0.0.1:" + port);
    }

    /** A JSON error answer with this status. */
    private static JsonNode jsonError(RawHttp.Response response, int status) throws Exception {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isNotBlank();
        return body;
    }

    @Test
    void shouldAnswerEveryErrorAsJson() throws Exception {
        assertThat(jsonError(raw("GET", "/entities/top?window=banana"), 400).path("error").asText()).contains("window");
        jsonError(raw("GET", "/articles/%zz"), 400);
        jsonError(raw("GET", "/articles?entity="), 400);
        jsonError(raw("GET", "/articles/nope"), 404);
        jsonError(raw("GET", "/no/such/route"), 404);
        jsonError(raw("POST", "/articles/a1"), 405);
        jsonError(raw("DELETE", "/entities/kremlin"), 405);
        jsonError(raw("GET", "/articles/" + "a".repeat(100_000)), 414);
        jsonError(RawHttp.send(port, "GET /articles/a1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Big: "
                + "b".repeat(100_000), null), 431);
        jsonError(RawHttp.send(port, "POST /articles/a1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: text/plain", "x".repeat(10_000).getBytes(StandardCharsets.UTF_8)), 405);
    }

    @Test
    void shouldAnswerHeadExactlyLikeGetWithoutBody() throws Exception {
        RawHttp.Response known = raw("HEAD", "/articles/a1");
        RawHttp.Response unknown = raw("HEAD", "/articles/x");
        RawHttp.Response badParameter = raw("HEAD", "/entities/top?window=banana");
        RawHttp.Response noRoute = raw("HEAD", "/no/such/route");

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.header("Content-Type")).startsWith("application/json");
        assertThat(known.body()).isEmpty();
        assertThat(unknown.status()).isEqualTo(raw("GET", "/articles/x").status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/json");
        assertThat(badParameter.status()).isEqualTo(400);
        assertThat(noRoute.status()).isEqualTo(404);
    }

    @Test
    void shouldAnswerOnlyToItsOwnHostNames() throws Exception {
        RawHttp.Response foreign = RawHttp.request(port, "GET", "/articles/a1", "attacker.example:" + port);
        RawHttp.Response localhost = RawHttp.request(port, "GET", "/articles/a1", "localhost:" + port);

        assertThat(jsonError(foreign, 403).path("error").asText()).contains("http.allowed.hosts");
        assertThat(localhost.status()).isEqualTo(200);
    }

    @Test
    void shouldServeStoredArticleById() {
        HttpResponse<String> response = get(port, "/articles/a1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode article = json(response);
        assertThat(article.get("title").asText()).isEqualTo("Putin meets Kremlin staff");
        assertThat(article.get("entities").get(0).get("name").asText()).isEqualTo("Vladimir Putin");
        assertThat(article.get("entities").get(0).get("mentions")).hasSize(2);
        assertThat(article.get("entities").get(0).get("mentions").get(0).get("type").asText())
                .as("a mention without its own type (written before schema v2) shows its entity's").isEqualTo("PERSON");
    }

    @Test
    void shouldServeCopyWithItsOriginalAndListItUnderTheOriginalWithoutCountingIt() {
        JsonNode original = json(get(port, "/articles/a1"));
        JsonNode copy = json(get(port, "/articles/a1-copy"));

        assertThat(original.get("duplicateOf").isNull()).isTrue();
        assertThat(ids(original.get("copies"))).containsExactly("a1-copy");
        assertThat(original.get("copies").get(0).get("similarity").asDouble()).isEqualTo(0.91);
        assertThat(copy.get("duplicateOf").asText()).isEqualTo("a1");
        assertThat(copy.get("copies")).isEmpty();
        assertThat(json(get(port, "/entities/vladimir%20putin")).get("articleCount").asLong()).isEqualTo(3);
        assertThat(ids(json(get(port, "/articles?entity=Vladimir%20Putin&copies=hide")).get("items")))
                .containsExactly("a3", "a2", "a1");
    }

    @Test
    void shouldListEveryStoredArticleNewestFirstWithTotalAndStableCursor() {
        JsonNode first = json(get(port, "/articles?limit=3"));
        assertThat(ids(first.get("items"))).containsExactly("a3", "a2", "a1-copy");
        assertThat(first.get("total").asLong()).as("deleted articles are gone from the index").isEqualTo(4);
        assertThat(first.get("next").isTextual()).isTrue();

        JsonNode second = json(get(port, "/articles?limit=3&cursor=" + first.get("next").asText()));
        assertThat(ids(second.get("items"))).containsExactly("a1");
        assertThat(second.get("next").isNull()).isTrue();

        assertThat(ids(json(get(port, "/articles?copies=hide")).get("items"))).containsExactly("a3", "a2", "a1");
    }

    @Test
    void shouldSearchTitleAndBodyAndFilterBySourceLanguageTimeAndSentiment() {
        assertThat(ids(json(get(port, "/articles?q=kremlin")).get("items"))).containsExactly("a1-copy", "a1");
        assertThat(ids(json(get(port, "/articles?q=meeting%20AND%20staff")).get("items")))
                .as("English stemming: meeting finds meets and meet").containsExactly("a1-copy", "a1");
        assertThat(ids(json(get(port, "/articles?q=%22body%20of%20a2%22")).get("items"))).containsExactly("a2");
        assertThat(json(get(port, "/articles?q=nothing-like-this")).get("items")).isEmpty();
        assertThat(json(get(port, "/articles?source=TEST&language=en")).get("total").asLong()).isEqualTo(4);
        assertThat(json(get(port, "/articles?source=elsewhere")).get("total").asLong()).isZero();
        assertThat(ids(json(get(port, "/articles?since=" + HOUR.minus(2, ChronoUnit.HOURS) + "&until="
                + HOUR.minus(1, ChronoUnit.HOURS))).get("items"))).containsExactly("a2");
        assertThat(json(get(port, "/articles?sentiment=NEUTRAL")).get("total").asLong()).isEqualTo(4);
        assertThat(json(get(port, "/articles?sentimentMin=0.1")).get("total").asLong()).isZero();
        assertThat(ids(json(get(port, "/articles?type=location")).get("items"))).isEmpty();
        assertThat(ids(json(get(port, "/articles?type=organization")).get("items"))).containsExactly("a1");
    }

    @Test
    void shouldAnswerInTheSharedJsonVocabulary() {
        JsonNode item = json(get(port, "/articles?limit=1")).get("items").get(0);
        assertThat(fieldNames(item)).containsExactly("id", "title", "url", "source", "language", "publishedAt",
                "sentiment", "duplicateOf", "entities");
        assertThat(item.get("publishedAt").asText()).isEqualTo(HOUR.minus(1, ChronoUnit.HOURS).toString());
        assertThat(item.get("sentiment").get("label").asText()).isEqualTo("NEUTRAL");
        assertThat(fieldNames(item.get("entities").get(0))).containsExactly("id", "name", "type", "salience", "sentiment");

        JsonNode detail = json(get(port, "/articles/a1"));
        assertThat(fieldNames(detail)).containsExactly("id", "title", "url", "source", "language", "publishedAt",
                "sentiment", "duplicateOf", "entities", "authors", "dateline", "body", "contentHash",
                "duplicateSimilarity", "sentences", "copies", "enrichment");
        assertThat(fieldNames(detail.get("entities").get(0))).containsExactly("id", "linkConfidence", "name", "type",
                "salience", "sentiment", "mentions");
        assertThat(detail.get("entities").get(0).get("sentiment").get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(detail.get("authors")).hasSize(1);
        assertThat(detail.get("authors").get(0).asText()).isEqualTo("Anna Petrova");
        assertThat(detail.get("dateline").asText()).isEqualTo("Moscow");
        JsonNode copies = json(get(port, "/articles/a1/copies"));
        assertThat(fieldNames(copies)).containsExactly("id", "items", "next", "total");
        assertThat(copies.get("items").get(0).get("publishedAt").asText())
                .isEqualTo(HOUR.minus(3, ChronoUnit.HOURS).plusSeconds(300).toString());
    }

    @Test
    void shouldSuggestEntitiesByNamePrefixMostArticlesFirst() {
        JsonNode vl = json(get(port, "/entities?prefix=VLAD"));
        assertThat(vl.get("items")).hasSize(1);
        assertThat(fieldNames(vl.get("items").get(0))).containsExactly("key", "id", "name", "type", "articleCount");
        assertThat(vl.get("items").get(0).get("name").asText()).isEqualTo("Vladimir Putin");
        assertThat(vl.get("items").get(0).get("articleCount").asLong()).isEqualTo(3);
        assertThat(json(get(port, "/entities?prefix=fran")).get("items").get(0).get("name").asText())
                .isEqualTo("François Hollande");
        assertThat(json(get(port, "/entities?prefix=kremlin&type=person")).get("items")).isEmpty();
        assertThat(json(get(port, "/entities?prefix=zz")).get("items")).isEmpty();
        assertBadRequest("/entities", "Parameter 'prefix' is required");
        assertBadRequest("/entities?prefix=a&limit=1000", "'limit'");
    }

    @Test
    void shouldDocumentEveryServedRouteInTheOpenApiDocumentAndNoOther() {
        JsonNode doc = json(get(port, "/openapi.json"));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> documented = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        // The dashboard's page, scripts and style sheet are served beside the API, not part of it.
        List<String> served = sink.routes().stream().filter(route -> !route.startsWith("HEAD "))
                .filter(route -> !route.equals("GET /") && !route.startsWith("GET /dashboard/")).toList();

        assertThat(served).contains("GET /articles", "GET /entities", "GET /openapi.json", "GET /events/articles",
                "GET /entities/{name}/related");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void shouldAnswerInTheShapesTheOpenApiDocumentDescribes() {
        JsonNode doc = json(get(port, "/openapi.json"));
        String hour = HOUR.minus(4, ChronoUnit.HOURS).toString();
        Map<String, String> examples = new java.util.LinkedHashMap<>();
        examples.put("/articles", "/articles?limit=2");
        examples.put("/articles?entity", "/articles?entity=vladimir%20putin");
        examples.put("/articles/{id}", "/articles/a1");
        examples.put("/articles/{id}/copies", "/articles/a1/copies");
        examples.put("/entities", "/entities?prefix=v");
        examples.put("/entities/top", "/entities/top?window=24h");
        examples.put("/entities/{name}", "/entities/kremlin");
        examples.put("/entities/{name}/sentiment", "/entities/kremlin/sentiment?from=" + hour + "&to=" + HOUR);
        examples.put("/health", "/health");
        examples.put("/articles/{id} 404", "/articles/nope");
        examples.put("/entities/id/{id} 404", "/entities/id/Nobody_Known");
        examples.put("/articles 400", "/articles?q=%22open");
        for (Map.Entry<String, String> example : examples.entrySet()) {
            HttpResponse<String> answer = get(port, example.getValue());
            String path = example.getKey().split("[ ?]")[0];
            JsonNode responseSchema = doc.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/responses/"
                    + answer.statusCode() + "/content/application~1json/schema");
            assertThat(responseSchema.isMissingNode()).as("%s documents status %d", path, answer.statusCode()).isFalse();
            ObjectNode schema = responseSchema.deepCopy();
            schema.set("components", doc.get("components")); // so that #/components/schemas/... resolves
            Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema).validate(json(answer));
            assertThat(problems).as("%s answered %s", example.getValue(), answer.body()).isEmpty();
        }
        // The schemas can fail: an answer in the old vocabulary does not pass.
        ObjectNode old = json(get(port, "/articles/a1")).deepCopy();
        ((ObjectNode) old.get("sentiment")).put("label", "neutral");
        ObjectNode detail = doc.at("/paths/~1articles~1{id}/get/responses/200/content/application~1json/schema").deepCopy();
        detail.set("components", doc.get("components"));
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(detail).validate(old)).isNotEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldAnswer404ForUnknownAndDeletedArticles() {
        assertThat(get(port, "/articles/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> deleted = get(port, "/articles/gone");
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(json(deleted).get("error").asText()).contains("'gone'");
    }

    @Test
    void shouldListArticlesOfEntityNewestFirstFilteredBySentimentAndTime() {
        JsonNode all = json(get(port, "/articles?entity=Vladimir%20Putin"));
        assertThat(ids(all.get("items"))).containsExactly("a3", "a2", "a1");
        assertThat(all.get("items").get(0).get("entitySentiment").get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(all.get("items").get(2).get("entityMentionCount").asInt()).isEqualTo(2);

        JsonNode negative = json(get(port, "/articles?entity=vladimir%20putin&sentiment=negative"));
        assertThat(ids(negative.get("items"))).containsExactly("a3", "a1");

        JsonNode warm = json(get(port, "/articles?entity=vladimir%20putin&sentimentMin=0"));
        assertThat(ids(warm.get("items"))).as("the score range is toward the entity too").containsExactly("a2");
        assertThat(warm.get("total").isNull()).isTrue();

        String since = HOUR.minus(2, ChronoUnit.HOURS).toString();
        JsonNode recent = json(get(port, "/articles?entity=vladimir%20putin&since=" + since + "&limit=1"));
        assertThat(ids(recent.get("items"))).containsExactly("a3");
    }

    @Test
    void shouldDescribeEntityWithTypeTotalsAndRecentArticles() {
        JsonNode putin = json(get(port, "/entities/Vladimir%20Putin"));

        assertThat(putin.get("type").asText()).isEqualTo("PERSON");
        assertThat(putin.get("key").asText()).isEqualTo("vladimir putin|PERSON");
        assertThat(putin.get("mentionCount").asLong()).isEqualTo(4);
        assertThat(putin.get("articleCount").asLong()).isEqualTo(3);
        assertThat(putin.get("meanSentiment").asDouble()).as("rounded to 3 decimals").isEqualTo(-0.133);
        assertThat(putin.get("types").get(0).get("articleCount").asLong()).isEqualTo(3);
        assertThat(ids(putin.get("articles"))).containsExactly("a3", "a2", "a1");
        assertThat(putin.get("articles").get(0).get("entitySentiment").get("score").asDouble()).isEqualTo(-0.2);
        assertThat(get(port, "/entities/nobody").statusCode()).isEqualTo(404);
        assertThat(get(port, "/entities/kremlin?type=person").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldServeHourlySentimentSeries() {
        String from = HOUR.minus(4, ChronoUnit.HOURS).toString();
        String to = HOUR.toString();
        JsonNode series = json(get(port, "/entities/vladimir%20putin/sentiment?interval=hour&from=" + from + "&to=" + to));

        JsonNode points = series.get("items");
        assertThat(points).as("every hour in [from, to), the empty first one too").hasSize(4);
        assertThat(series.get("total").asInt()).isEqualTo(4);
        assertThat(series.get("next").isNull()).isTrue();
        assertThat(points.get(0).get("start").asText()).isEqualTo(from);
        assertThat(points.get(0).get("mentionCount").asLong()).isZero();
        assertThat(points.get(0).get("meanSentiment").isNull()).isTrue();
        assertThat(points.get(1).get("start").asText()).isEqualTo(HOUR.minus(3, ChronoUnit.HOURS).toString());
        assertThat(points.get(1).get("negativeCount").asLong()).isEqualTo(1);
        assertThat(points.get(1).get("mentionCount").asLong()).isEqualTo(2);
        assertThat(points.get(2).get("meanSentiment").asDouble()).isEqualTo(0.4);
    }

    @Test
    void shouldRankTopEntitiesByMentionsAndBySentiment() {
        JsonNode byMentions = json(get(port, "/entities/top?window=24h&by=mentions"));
        assertThat(byMentions.get("items").get(0).get("key").asText()).isEqualTo("vladimir putin|PERSON");
        assertThat(byMentions.get("items").get(0).get("mentionCount").asLong()).isEqualTo(4);
        assertThat(byMentions.get("window").asText()).isEqualTo("24h");
        assertThat(byMentions.get("next").isNull()).isTrue();

        JsonNode bySentiment = json(get(port, "/entities/top?window=24h&by=sentiment&minArticles=1&limit=1"));
        assertThat(bySentiment.get("items")).hasSize(1);
        assertThat(bySentiment.get("items").get(0).get("name").asText()).isEqualTo("François Hollande");
    }

    @Test
    void shouldRankFromKeptTotalsExactlyAsAScanOfTheSameArticlesDoes() {
        // 24h is kept ready; 30h is not, so it scans the store, and both windows hold every test article.
        JsonNode kept = await().atMost(Duration.ofSeconds(30)).until(
                () -> SinkTestSupport.precomputedTop(sink, "/entities/top?window=24h&by=articles&limit=100"),
                answer -> answer != null);
        double scansBefore = SinkTestSupport.topAnswers(sink, "scan");
        JsonNode scanned = json(get(port, "/entities/top?window=30h&by=articles&limit=100"));

        assertThat(SinkTestSupport.topAnswers(sink, "scan")).isEqualTo(scansBefore + 1);
        assertThat(kept.get("items")).hasSize(3);
        SinkTestSupport.assertSameRanking(kept.get("items"), scanned.get("items"));
        assertThat(kept.get("items").get(0).get("key").asText()).isEqualTo("vladimir putin|PERSON");
        assertThat(kept.get("items").get(0).get("articleCount").asLong()).isEqualTo(3);
    }

    @Test
    void shouldAnswer400WithPreciseMessages() {
        assertBadRequest("/articles?q=%22unclosed", "Parameter 'q'");
        assertBadRequest("/articles?q=title:(", "Parameter 'q'");
        assertBadRequest("/articles?cursor=bogus", "Parameter 'cursor'");
        assertBadRequest("/articles?sentimentMin=2", "'sentimentMin'");
        assertBadRequest("/articles?sentimentMin=0.5&sentimentMax=0.1", "'sentimentMax'");
        assertBadRequest("/articles?since=2026-11-25&until=2026-11-24", "'until'");
        assertBadRequest("/articles?limit=0", "'limit'");
        assertBadRequest("/articles?sort=oldest", "Unknown parameter 'sort'");
        assertBadRequest("/articles?entity=x&since=yesterday", "'since'");
        assertBadRequest("/articles?entity=x&sentiment=angry", "negative|neutral|positive");
        assertBadRequest("/entities/x/sentiment?interval=week", "hour|day");
        assertBadRequest("/entities/x/sentiment?from=2026-11-25&to=2026-11-24", "after 'to'");
        assertBadRequest("/entities/top?window=1y", "'window'");
        assertBadRequest("/entities/top?by=clicks", "'by'");
        assertBadRequest("/entities/top?window=0h", "'window'");
        assertBadRequest("/entities/top?limit=0", "'limit'");
        assertBadRequest("/entities/top?type=planet", "'type'");
        assertBadRequest("/articles/a1?verbose=true", "Unknown parameter 'verbose'");
    }

    @Test
    void shouldReportHealthAndPrometheusMetrics() {
        HttpResponse<String> health = get(port, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode sink = json(health).path("stages").path("sink");
        assertThat(json(health).path("status").asText()).isEqualTo("UP");
        assertThat(sink.path("phase").asText()).isEqualTo("RUNNING");
        assertThat(sink.path("detail").path("streams").asText()).isEqualTo("RUNNING");
        assertThat(sink.path("detail").path("storedArticles").asLong()).as("the copy is stored too").isEqualTo(4);
        assertThat(sink.path("detail").path("searchIndexRebuilding").isObject()).as("no partition left to rebuild").isTrue();
        assertThat(sink.path("detail").path("searchIndexRebuilding").size()).isZero();
        assertThat(sink.path("detail").path("searchIndexFailed").size()).isZero();

        HttpResponse<String> metrics = get(port, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("newsflow_sink_articles_upserts_total")
                .contains("newsflow_sink_articles_stored")
                .contains("newsflow_sink_http_requests_seconds_count")
                // JVM and process metrics, the end-to-end latency histogram, dead-letter counters at zero
                .contains("jvm_memory_used_bytes").contains("process_cpu_usage").contains("process_uptime_seconds")
                .contains("newsflow_pipeline_latency_seconds_bucket")
                .containsPattern("newsflow_sink_dlq_total\\{reason=\"production\"} 0\\.0");
    }

    @Test
    void shouldSendUnreadableRecordToDeadLetterTopicAndKeepServing() {
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(broker, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            KafkaTestClients.send(producer, topics.enriched().name(), "junk".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8));
        }

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaTestClients.readAtLeast(broker, topics.dlq().name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, Duration.ofSeconds(30));

        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(new String(dead.get(0).headers().lastHeader("newsflow.dlq.stage").value(), StandardCharsets.UTF_8))
                .isEqualTo("sink");
        assertThat(get(port, "/articles/a2").statusCode()).isEqualTo(200);
    }

    private void assertBadRequest(String pathAndQuery, String message) {
        HttpResponse<String> response = get(port, pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(json(response).get("error").asText()).as(pathAndQuery).contains(message);
    }

    private static List<String> ids(JsonNode articles) {
        List<String> ids = new ArrayList<>();
        articles.forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }
}
