package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static dev.newsflow.sink.SinkTestSupport.json;
import static dev.newsflow.sink.SinkTestSupport.topAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sink instances behind a bearer token: each answers every key, forwarding (with the token) what the other owns.
 * Half the entities are linked: their name's alias record and their id key usually live on different partitions, so
 * a name is resolved where its alias is and answered where its key is.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SinkRoutingIT {
    private static final int ARTICLES = 12;
    private static final String SERVED_BY = "X-NewsFlow-Served-By";
    private static final String TOKEN = "routing-token-0123456789";

    private static HttpResponse<String> get(int port, String pathAndQuery) {
        return SinkTestSupport.get(port, pathAndQuery, TOKEN);
    }

    @Test
    @Timeout(180)
    void shouldAnswerKeysOwnedByTheOtherInstanceByForwarding(KafkaTestBroker broker, @TempDir Path dirA,
                                                            @TempDir Path dirB) {
        String prefix = KafkaTestBroker.uniqueName("routing") + ".";
        String applicationId = KafkaTestBroker.uniqueName("sink-routing");
        Map<String, Object> auth = Map.of(SinkConfig.HTTP_AUTH_TOKEN, TOKEN);
        SinkConfig configA = SinkTestSupport.config(broker, prefix, applicationId, dirA, auth);
        NewsTopics topics = configA.newsTopics();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

        try (SinkService a = SinkTestSupport.start(configA);
             SinkService b = SinkTestSupport.start(SinkTestSupport.config(broker, prefix, applicationId, dirB, auth))) {
            List<EnrichedArticle> articles = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                String[] mentions = new String[i + 1];
                java.util.Arrays.fill(mentions, "Entity " + i);
                articles.add(article("id-" + i).published(hour.minus(1, ChronoUnit.HOURS))
                        .entity("Entity " + i, linkId(i), EntityType.ORGANIZATION, 0.1 * (i % 5), mentions).build());
            }
            SinkTestSupport.produce(broker, topics, articles.toArray(EnrichedArticle[]::new));
            String addressA = "127.0.0.1:" + a.httpPort();
            String addressB = "127.0.0.1:" + b.httpPort();

            // Both instances answer every key, and A answers some of them with B's data.
            await().atMost(Duration.ofSeconds(90)).until(() -> a.storedArticleCount() + b.storedArticleCount() == ARTICLES
                    && a.storedArticleCount() > 0 && b.storedArticleCount() > 0
                    && allAnswered(a.httpPort()) && allAnswered(b.httpPort()));

            Set<String> servedForA = new HashSet<>();
            for (int i = 0; i < ARTICLES; i++) {
                HttpResponse<String> viaA = get(a.httpPort(), "/articles/id-" + i);
                HttpResponse<String> viaB = get(b.httpPort(), "/articles/id-" + i);
                assertThat(viaA.statusCode()).isEqualTo(200);
                assertThat(json(viaA)).isEqualTo(json(viaB));
                assertThat(json(viaA).get("id").asText()).isEqualTo("id-" + i);
                servedForA.add(viaA.headers().firstValue(SERVED_BY).orElseThrow());

                HttpResponse<String> entityViaA = get(a.httpPort(), "/entities/entity%20" + i);
                HttpResponse<String> entityViaB = get(b.httpPort(), "/entities/entity%20" + i);
                assertThat(entityViaA.statusCode()).isEqualTo(200);
                assertThat(json(entityViaA)).isEqualTo(json(entityViaB));
                assertThat(json(entityViaA).get("mentionCount").asLong()).isEqualTo(i + 1);
                assertThat(json(entityViaA).get("key").asText()).isEqualTo(i % 2 == 0 ? linkId(i) : "entity " + i + "|ORGANIZATION");
                if (linkId(i) != null) {
                    HttpResponse<String> byIdViaA = get(a.httpPort(), "/entities/id/" + linkId(i));
                    HttpResponse<String> byIdViaB = get(b.httpPort(), "/entities/id/" + linkId(i));
                    assertThat(byIdViaA.statusCode()).isEqualTo(200);
                    assertThat(json(byIdViaA)).isEqualTo(json(byIdViaB));
                    assertThat(json(byIdViaA).get("articles")).isEqualTo(json(entityViaA).get("articles"));
                    assertThat(json(byIdViaA).get("id").asText()).isEqualTo(linkId(i));
                    // The search index keys linked articles by id too: the name finds them through resolution.
                    JsonNode byName = json(get(b.httpPort(), "/articles?entity=entity%20" + i));
                    assertThat(byName.get("key").asText()).isEqualTo(linkId(i));
                    assertThat(byName.get("items")).hasSize(1);
                    assertThat(byName.get("items").get(0).get("entities").get(0).get("id").asText()).isEqualTo(linkId(i));
                    assertThat(json(get(a.httpPort(), "/entities/entity%20" + i + "/sentiment")).get("key").asText())
                            .isEqualTo(linkId(i));
                }
            }
            assertThat(servedForA).containsExactlyInAnyOrder(addressA, addressB);

            // A listing merges both instances' indexes: pages of 5 walk all articles, newest first then by id,
            // without gaps or repeats, and either instance gives the same pages for the same cursor.
            List<String> walked = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String page = "/articles?limit=5&q=body" + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode viaA = json(get(a.httpPort(), page));
                assertThat(json(get(b.httpPort(), page))).as(page).isEqualTo(viaA);
                assertThat(viaA.get("total").asInt()).isEqualTo(ARTICLES);
                viaA.get("items").forEach(item -> walked.add(item.get("id").asText()));
                cursor = viaA.get("next").isNull() ? null : viaA.get("next").asText();
                pages++;
            } while (cursor != null && pages < 10);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < ARTICLES; i++) {
                expected.add("id-" + i);
            }
            expected.sort(String::compareTo);
            assertThat(walked).containsExactlyElementsOf(expected);
            assertThat(pages).isEqualTo(3);
            JsonNode filtered = json(get(b.httpPort(), "/articles?entity=entity%207&type=organization"));
            assertThat(filtered.get("items")).hasSize(1);
            assertThat(filtered.get("items").get(0).get("id").asText()).isEqualTo("id-7");
            assertThat(filtered.get("items").get(0).get("entityMentionCount").asInt()).isEqualTo(8);
            assertThat(get(a.httpPort(), "/articles?q=AND").statusCode()).isEqualTo(400);
            // Typeahead merges both instances' entity indexes: the most articles first, then by name.
            JsonNode suggested = json(get(a.httpPort(), "/entities?prefix=Entity%201&limit=5"));
            List<String> suggestedNames = new ArrayList<>();
            suggested.get("items").forEach(item -> suggestedNames.add(item.get("name").asText()));
            assertThat(suggestedNames).containsExactly("Entity 1", "Entity 10", "Entity 11");
            assertThat(json(get(b.httpPort(), "/entities?prefix=entity&limit=100")).get("items")).hasSize(ARTICLES);
            assertThat(configA.toString()).contains(SinkConfig.HTTP_AUTH_TOKEN + "=[hidden]").doesNotContain(TOKEN);

            // Without the token only the health probes answer.
            HttpResponse<String> anonymous = SinkTestSupport.get(a.httpPort(), "/articles/id-0", "");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(json(anonymous).get("status").asInt()).isEqualTo(401);
            assertThat(SinkTestSupport.get(a.httpPort(), "/articles/id-0", "wrong-token-0123456789").statusCode())
                    .isEqualTo(401);
            assertThat(SinkTestSupport.get(b.httpPort(), "/entities/top?window=24h", "").statusCode()).isEqualTo(401);
            assertThat(SinkTestSupport.get(a.httpPort(), "/metrics", "").statusCode()).isEqualTo(401);
            assertThat(SinkTestSupport.get(a.httpPort(), "/health/live", "").statusCode()).isEqualTo(200);
            assertThat(SinkTestSupport.get(a.httpPort(), "/health/ready", "").statusCode()).isEqualTo(200);

            // The top list merges both instances' entities.
            var topViaA = json(get(a.httpPort(), "/entities/top?window=24h&by=mentions&limit=3")).get("items");
            var topViaB = json(get(b.httpPort(), "/entities/top?window=24h&by=mentions&limit=3")).get("items");
            assertThat(topViaA).isEqualTo(topViaB);
            List<String> names = new ArrayList<>();
            topViaA.forEach(entry -> names.add(entry.get("name").asText()));
            assertThat(names).containsExactly("Entity 11", "Entity 10", "Entity 9");

            // Both parts of a merged answer come from the instances' kept totals, with the same result.
            JsonNode precomputed = await().atMost(Duration.ofSeconds(30)).until(() -> {
                double partsOfB = topAnswers(b, "precomputed");
                JsonNode answer = SinkTestSupport.precomputedTop(a, "/entities/top?window=24h&by=mentions&limit=3", TOKEN);
                return topAnswers(b, "precomputed") > partsOfB ? answer : null;
            }, answer -> answer != null);
            assertThat(precomputed.get("items")).isEqualTo(topViaA);

            // Related entities read the hub's articles from both instances (each article asked of its owner).
            List<EnrichedArticle> hubArticles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Articles hub = article("hub-" + i).published(hour.minus(30, ChronoUnit.MINUTES))
                        .entity("Hub Council", null, EntityType.ORGANIZATION, 0.0, "Hub Council")
                        .entity("Partner Alpha", null, EntityType.ORGANIZATION, 0.0, "Partner Alpha");
                if (i < 3) {
                    hub.entity("Partner Beta", null, EntityType.PERSON, 0.0, "Partner Beta");
                }
                if (i < 1) {
                    hub.entity("Partner Gamma", null, EntityType.LOCATION, 0.0, "Partner Gamma");
                }
                hubArticles.add(hub.build());
            }
            SinkTestSupport.produce(broker, topics, hubArticles.toArray(EnrichedArticle[]::new));
            JsonNode related = await().atMost(Duration.ofSeconds(60)).until(() -> {
                HttpResponse<String> answer = get(a.httpPort(), "/entities/hub%20council/related");
                return answer.statusCode() == 200 ? json(answer) : null;
            }, answer -> answer != null && answer.get("items").size() == 3
                    && answer.get("items").get(0).get("articleCount").asLong() == 6);
            List<String> relatedNames = new ArrayList<>();
            List<Long> relatedCounts = new ArrayList<>();
            related.get("items").forEach(item -> {
                relatedNames.add(item.get("name").asText());
                relatedCounts.add(item.get("articleCount").asLong());
            });
            assertThat(relatedNames).containsExactly("Partner Alpha", "Partner Beta", "Partner Gamma");
            assertThat(relatedCounts).containsExactly(6L, 3L, 1L);
            assertThat(json(get(b.httpPort(), "/entities/hub%20council/related"))).isEqualTo(related);
        }
    }

    /** Even entities are linked (an id, as the linker sets it); odd ones are not. */
    private static String linkId(int i) {
        return i % 2 == 0 ? "Entity_" + i : null;
    }

    private static boolean allAnswered(int port) {
        for (int i = 0; i < ARTICLES; i++) {
            if (get(port, "/articles/id-" + i).statusCode() != 200
                    || get(port, "/entities/entity%20" + i).statusCode() != 200) {
                return false;
            }
        }
        return true;
    }
}
