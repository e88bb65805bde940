package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static dev.newsflow.sink.SinkTestSupport.get;
import static dev.newsflow.sink.SinkTestSupport.json;
import static dev.newsflow.sink.SinkTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Entities keyed by link id and names resolved through the alias index, over the real broker and HTTP (issue 15). */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class EntityAliasIT {
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final String PUTIN = "Vladimir_Putin";
    /** What a link dictionary would say for names no article used. */
    private static final Map<String, List<String>> DICTIONARY = Map.of(
            "Russian president", List.of("President_of_Russia", "Vladimir_Putin"));

    private SinkService sink;
    private int port;

    @BeforeAll
    void startSinkWithLinkedArticles(KafkaTestBroker broker, @TempDir Path stateDir) {
        String prefix = KafkaTestBroker.uniqueName("alias") + ".";
        SinkConfig config = SinkTestSupport.config(broker, prefix, KafkaTestBroker.uniqueName("sink-alias"), stateDir);
        NewsTopics topics = config.newsTopics();
        sink = new SinkService(config, new SimpleMeterRegistry(), surface -> DICTIONARY.getOrDefault(surface, List.of()));
        sink.start();
        port = sink.httpPort();
        SinkTestSupport.produce(broker, topics,
                // One article says "Vladimir Putin", the other only "Putin": both are linked to one id.
                article("p1").published(HOUR.minus(2, ChronoUnit.HOURS))
                        .entity("Vladimir Putin", PUTIN, EntityType.PERSON, -0.6, "Vladimir Putin").build(),
                article("p2").published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("Putin", PUTIN, EntityType.PERSON, 0.2, "Putin").build(),
                // "Apple": the company in two articles, the fruit in one.
                article("c1").published(HOUR.minus(2, ChronoUnit.HOURS))
                        .entity("Apple", "Apple_Inc.", EntityType.ORGANIZATION, 0.3, "Apple").build(),
                article("c2").published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("Apple Inc", "Apple_Inc.", EntityType.ORGANIZATION, 0.1, "Apple Inc", "Apple").build(),
                article("f1").published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("apple", "Apple", EntityType.MISC, 0.5, "apple").build(),
                // A surname no article used alone, for a linked and an unlinked person.
                article("d1").published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("David Cameron", "David_Cameron", EntityType.PERSON, 0.0, "David Cameron").build(),
                article("d2").published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("David Cameron", "David_Cameron", EntityType.PERSON, 0.0, "David Cameron")
                        .entity("Samantha Cameron", null, EntityType.PERSON, 0.0, "Samantha Cameron").build());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode putin = okJson(port, "/entities/id/" + PUTIN);
            JsonNode apple = okJson(port, "/entities/id/Apple_Inc.");
            JsonNode samantha = okJson(port, "/entities/samantha%20cameron");
            return putin != null && putin.get("articleCount").asLong() == 2 && apple != null
                    && apple.get("articleCount").asLong() == 2 && samantha != null && okJson(port, "/entities/id/Apple") != null
                    && okJson(port, "/entities/id/David_Cameron") != null && okJson(port, "/entities/apple") != null
                    && okJson(port, "/entities/putin") != null && okJson(port, "/entities/cameron") != null;
        });
    }

    @AfterAll
    void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void shouldFindVladimirPutinByTheNameOneArticleCalledHim() {
        JsonNode putin = json(get(port, "/entities/Putin"));

        assertThat(putin.get("key").asText()).isEqualTo(PUTIN);
        assertThat(putin.get("id").asText()).isEqualTo(PUTIN);
        assertThat(putin.get("name").asText()).isEqualTo("Vladimir Putin");
        assertThat(putin.get("type").asText()).isEqualTo("PERSON");
        assertThat(putin.get("articleCount").asLong()).isEqualTo(2);
        assertThat(ids(putin.get("articles"))).containsExactly("p2", "p1");
        assertThat(names(putin.get("aliases"))).containsExactlyInAnyOrder("Vladimir Putin", "Putin");
        assertThat(putin.get("alternatives")).isEmpty();
        assertThat(json(get(port, "/entities/vladimir_putin")).get("key").asText()).isEqualTo(PUTIN);
        assertThat(json(get(port, "/entities/VLADIMIR%20PUTIN")).get("key").asText()).isEqualTo(PUTIN);
    }

    @Test
    void shouldAnswerAnEntityByIdDirectly() {
        JsonNode byId = json(get(port, "/entities/id/" + PUTIN));
        JsonNode byName = json(get(port, "/entities/putin"));

        assertThat(byId.get("key").asText()).isEqualTo(PUTIN);
        assertThat(byId.get("mentionCount").asLong()).isEqualTo(2);
        assertThat(byId.get("articles")).isEqualTo(byName.get("articles"));
        assertThat(json(get(port, "/entities/id/Vladimir%20Putin")).get("key").asText())
                .as("spaces read as underscores").isEqualTo(PUTIN);
        HttpResponse<String> unknown = get(port, "/entities/id/Nobody_Known");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).contains("Nobody_Known");
        HttpResponse<String> notAnId = get(port, "/entities/id/a%7Cb");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(json(notAnId).get("error").asText()).contains("Not an entity id");
    }

    @Test
    void shouldAnswerTheEntityWithMostArticlesAndListTheOthersAnAmbiguousNameCouldBe() {
        JsonNode apple = json(get(port, "/entities/Apple"));

        assertThat(apple.get("key").asText()).isEqualTo("Apple_Inc.");
        assertThat(apple.get("articleCount").asLong()).isEqualTo(2);
        assertThat(apple.get("alternatives")).hasSize(1);
        JsonNode fruit = apple.get("alternatives").get(0);
        assertThat(fruit.get("key").asText()).isEqualTo("Apple");
        assertThat(fruit.get("id").asText()).isEqualTo("Apple");
        assertThat(fruit.get("type").asText()).isEqualTo("MISC");
        assertThat(fruit.get("articleCount").asLong()).isEqualTo(1);
        assertThat(json(get(port, "/entities/apple?type=misc")).get("key").asText())
                .as("a type narrows the candidates").isEqualTo("Apple");
        assertThat(get(port, "/entities/apple?type=person").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldResolveASurnameToThePersonsItEnds() {
        JsonNode cameron = json(get(port, "/entities/Cameron"));

        assertThat(cameron.get("key").asText()).as("two articles against one").isEqualTo("David_Cameron");
        assertThat(cameron.get("alternatives")).hasSize(1);
        assertThat(cameron.get("alternatives").get(0).get("key").asText()).isEqualTo("samantha cameron|PERSON");
        assertThat(cameron.get("alternatives").get(0).get("id").isNull()).isTrue();
    }

    @Test
    void shouldAskAliasCandidatesForNamesNoArticleUsedAndAnswerTheFirstTitleHeld() {
        JsonNode president = json(get(port, "/entities/Russian%20president"));

        assertThat(president.get("key").asText()).as("President_of_Russia is not stored").isEqualTo(PUTIN);
        assertThat(get(port, "/entities/Prime%20minister").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldServeSentimentSeriesAndArticlesOfAResolvedName() {
        String range = "?interval=hour&from=" + HOUR.minus(3, ChronoUnit.HOURS) + "&to=" + HOUR;
        JsonNode byName = json(get(port, "/entities/Putin/sentiment" + range));
        JsonNode byId = json(get(port, "/entities/id/" + PUTIN + "/sentiment" + range));

        assertThat(byName).isEqualTo(byId);
        assertThat(byName.get("key").asText()).isEqualTo(PUTIN);
        assertThat(byName.get("items")).as("every hour of the range, empty ones too").hasSize(3);
        assertThat(byName.get("items").get(0).get("meanSentiment").isNull()).isTrue();
        assertThat(byName.get("items").get(1).get("negativeCount").asLong()).isEqualTo(1);
        assertThat(byName.get("items").get(2).get("positiveCount").asLong()).isEqualTo(1);
    }

    @Test
    void shouldListTheArticlesOfAResolvedNameFromTheSearchIndexWhateverNameTheyUsed() {
        JsonNode byShortName = json(get(port, "/articles?entity=putin"));

        assertThat(byShortName.get("key").asText()).isEqualTo(PUTIN);
        assertThat(ids(byShortName.get("items"))).as("p1 said only 'Vladimir Putin'").containsExactly("p2", "p1");
        assertThat(byShortName.get("items").get(1).get("entitySentiment").get("label").asText()).isEqualTo("NEGATIVE");
        assertThat(ids(json(get(port, "/articles?entity=Russian%20president")).get("items")))
                .as("resolved through the dictionary like /entities").containsExactly("p2", "p1");
        assertThat(ids(json(get(port, "/articles?entity=putin&sentiment=negative")).get("items"))).containsExactly("p1");
        JsonNode nobody = json(get(port, "/articles?entity=Nobody%20Known"));
        assertThat(nobody.get("items")).isEmpty();
        assertThat(nobody.get("total").asLong()).isZero();
    }

    @Test
    void shouldSuggestEntitiesByTheirAliasesOncePerEntity() {
        JsonNode suggested = json(get(port, "/entities?prefix=PUT"));

        assertThat(suggested.get("items")).hasSize(1);
        assertThat(suggested.get("items").get(0).get("key").asText()).isEqualTo(PUTIN);
        assertThat(suggested.get("items").get(0).get("id").asText()).isEqualTo(PUTIN);
        List<String> keys = new ArrayList<>();
        json(get(port, "/entities?prefix=app")).get("items").forEach(item -> keys.add(item.get("key").asText()));
        assertThat(keys).as("most articles first").containsExactly("Apple_Inc.", "Apple");
        assertThat(json(get(port, "/entities?prefix=vladimir")).get("items").get(0).get("key").asText()).isEqualTo(PUTIN);
    }

    @Test
    void shouldRankEntitiesByIdInTop() {
        JsonNode top = json(get(port, "/entities/top?window=24h&by=articles&limit=100")).get("items");

        List<String> keys = new ArrayList<>();
        top.forEach(entry -> keys.add(entry.get("key").asText()));
        assertThat(keys).contains(PUTIN, "Apple_Inc.", "Apple", "David_Cameron", "samantha cameron|PERSON")
                .doesNotContain("putin|PERSON", "vladimir putin|PERSON");
        JsonNode putin = top.get(keys.indexOf(PUTIN));
        assertThat(putin.get("id").asText()).isEqualTo(PUTIN);
        assertThat(putin.get("name").asText()).isEqualTo("Vladimir Putin");
        assertThat(putin.get("articleCount").asLong()).isEqualTo(2);
        assertThat(top.get(keys.indexOf("samantha cameron|PERSON")).get("id").isNull()).isTrue();
    }

    private static List<String> ids(JsonNode articles) {
        List<String> ids = new ArrayList<>();
        articles.forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    private static List<String> names(JsonNode aliases) {
        List<String> names = new ArrayList<>();
        aliases.forEach(a -> names.add(a.get("name").asText()));
        return names;
    }
}
