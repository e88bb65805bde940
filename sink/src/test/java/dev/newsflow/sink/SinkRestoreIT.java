package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static dev.newsflow.sink.SinkTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class SinkRestoreIT {
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @Test
    @Timeout(180)
    void shouldServeSameAnswersAfterRestartOnFreshStateDirectory(KafkaTestBroker broker, @TempDir Path first,
                                                                 @TempDir Path second) {
        String prefix = KafkaTestBroker.uniqueName("restore") + ".";
        String applicationId = KafkaTestBroker.uniqueName("sink-restore");
        SinkConfig firstConfig = SinkTestSupport.config(broker, prefix, applicationId, first);
        NewsTopics topics = firstConfig.newsTopics();
        List<EnrichedArticle> articles = List.of(
                article("r1").published(HOUR.minus(5, ChronoUnit.HOURS)).entity("Angela Merkel", EntityType.PERSON, 0.3, 2)
                        .entity("Berlin", EntityType.LOCATION, 0.0, 1).build(),
                article("r2").published(HOUR.minus(3, ChronoUnit.HOURS)).entity("Angela Merkel", EntityType.PERSON, -0.4, 1)
                        .build(),
                article("r3").published(HOUR.minus(1, ChronoUnit.HOURS)).entity("Berlin", EntityType.LOCATION, 0.6, 3)
                        .build());
        List<String> queries = List.of(
                "/articles/r1", "/articles/r2", "/articles/r3",
                "/entities/angela%20merkel", "/entities/berlin",
                "/articles?entity=berlin",
                // the search index is rebuilt from the restored article store
                "/articles", "/articles?q=body", "/articles?entity=berlin&sentiment=positive", "/articles?limit=2",
                "/entities/angela%20merkel/sentiment?interval=hour&from=" + HOUR.minus(6, ChronoUnit.HOURS) + "&to=" + HOUR,
                "/entities/berlin/sentiment?interval=day&from=" + HOUR.minus(2, ChronoUnit.DAYS) + "&to=" + HOUR);

        List<String> tops = List.of("/entities/top?window=24h&limit=100", "/entities/top?window=7d&by=sentiment&minArticles=1");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        try (SinkService sink = SinkTestSupport.start(firstConfig)) {
            SinkTestSupport.produce(broker, topics, articles.toArray(EnrichedArticle[]::new));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                // Every entity contribution applied (each entity's partition is processed on its own).
                JsonNode berlin = okJson(sink.httpPort(), "/entities/berlin");
                JsonNode merkel = okJson(sink.httpPort(), "/entities/angela%20merkel");
                return sink.storedArticleCount() == 3 && berlin != null && berlin.get("articleCount").asLong() == 2
                        && merkel != null && merkel.get("articleCount").asLong() == 2;
            });
            queries.forEach(query -> before.put(query, okJson(sink.httpPort(), query)));
            tops.forEach(top -> before.put(top, okJson(sink.httpPort(), top).get("items")));
        }
        assertThat(before.values()).doesNotContainNull();
        assertThat(before.get("/articles").get("items")).hasSize(3);
        assertThat(before.get("/articles").get("total").asLong()).isEqualTo(3);
        assertThat(before.get("/articles?q=body").get("items")).hasSize(3);
        assertThat(before.get("/articles?limit=2").get("next").isNull()).isFalse();

        try (SinkService restarted = SinkTestSupport.start(SinkTestSupport.config(broker, prefix, applicationId, second))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> restarted.storedArticleCount() == 3
                    && queries.stream().allMatch(query -> okJson(restarted.httpPort(), query) != null));

            for (String query : queries) {
                assertThat(okJson(restarted.httpPort(), query)).as(query).isEqualTo(before.get(query));
            }
            // The kept top totals are rebuilt from the restored stores, not carried over in memory.
            for (String top : tops) {
                JsonNode ranked = await().atMost(Duration.ofSeconds(30))
                        .until(() -> SinkTestSupport.precomputedTop(restarted, top), answer -> answer != null);
                assertThat(ranked.get("items")).as(top).hasSize(2);
                SinkTestSupport.assertSameRanking(ranked.get("items"), before.get(top));
            }
        }
    }
}
