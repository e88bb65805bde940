package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.search.ArticleIndex;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.search.Cursor;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.top.TopRankings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search index follows the article store: stores, updates, deletes, and a rebuild when the task starts again. */
class SearchIndexTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path stateDir;

    private final NewsTopics topics = NewsTopics.defaults();
    private SinkConfig config;
    private ArticleIndex index;
    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> input;

    @BeforeEach
    void start() {
        config = new SinkConfig(Map.of(SinkConfig.APPLICATION_ID, "search-index-test",
                SinkConfig.STATE_DIR, stateDir.toString()));
        index = ArticleIndex.open(SinkService.searchIndexDir(config));
        startDriver();
    }

    private void startDriver() {
        SinkStats stats = new SinkStats(new SimpleMeterRegistry());
        Properties props = SinkService.streamsProperties(config, topics, stats, new HostInfo("localhost", 8080));
        driver = new TopologyTestDriver(SinkTopology.build(config, topics, stats,
                new TopRankings(config.topWindows(), config.topRefresh()), index), props);
        input = driver.createInputTopic(topics.enriched().name(), Serdes.String().serializer(),
                topics.enriched().valueSerde().serializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        index.close();
    }

    private void send(EnrichedArticle article) {
        input.pipeInput(article.getId(), article, article.getEnrichment().getProcessedAt());
    }

    private List<String> search(ArticleQuery query) {
        return ids(index.search(query, 100, id -> true, true));
    }

    private static List<String> ids(ArticleIndex.Page page) {
        List<String> ids = new ArrayList<>();
        page.hits().forEach(hit -> ids.add(hit.id()));
        return ids;
    }

    private static ArticleQuery text(String q) {
        return new ArticleQuery(ArticleIndex.parse(q), null, null, null, null, null, null, null, null, null, false, null);
    }

    private static ArticleQuery everything() {
        return new ArticleQuery(null, null, null, null, null, null, null, null, null, null, false, null);
    }

    @Test
    void shouldFindStoredArticleByWordsOfItsTitleAndBodyWithEnglishStemming() {
        send(article("a1").title("Central bank raises rates").published(T0).build());
        send(article("a2").title("Storm closes harbours").published(T0.plusSeconds(60)).build());

        assertThat(search(text("raising"))).containsExactly("a1");
        assertThat(search(text("harbour"))).containsExactly("a2");
        assertThat(search(text("body"))).as("every test body says 'Body of <id>'").containsExactly("a2", "a1");
        assertThat(search(text("\"bank raises\""))).containsExactly("a1");
        assertThat(search(text("storm OR bank"))).containsExactly("a2", "a1");
    }

    @Test
    void shouldReplaceTheDocumentWhenAnArticleIsUpdated() {
        send(article("a1").title("Central bank raises rates").published(T0).build());
        send(article("a1").title("Central bank holds rates").published(T0).build());

        assertThat(search(text("raises"))).isEmpty();
        assertThat(search(text("holds"))).containsExactly("a1");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void shouldDeleteTheDocumentOnATombstone() {
        send(article("a1").title("Central bank raises rates").published(T0).build());
        input.pipeInput("a1", null, T0.plusSeconds(120));

        assertThat(search(text("bank"))).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void shouldDropThePartitionWhenTheTaskClosesAndRebuildItFromTheStoreWhenATaskStarts() {
        send(article("a1").title("Central bank raises rates").published(T0).build());
        send(article("a2").title("Storm closes harbours").published(T0.plusSeconds(60)).build());
        driver.close();
        driver = null;
        assertThat(index.size()).as("a closed task drops its partition").isZero();
        // A leftover of partition 0 (say, a write whose transaction aborted), and another partition's article.
        index.put(0, article("zombie").title("Storm of the past").published(T0).build());
        index.put(1, article("elsewhere").title("Storm in another partition").published(T0).build());

        startDriver(); // the test driver starts with an empty store: partition 0 is rebuilt from it
        send(article("a3").title("Storm returns").published(T0.plusSeconds(120)).build());

        assertThat(search(text("storm"))).containsExactly("a3", "elsewhere");
    }

    @Test
    void shouldFilterByEntityTypeSourceLanguageTimeAndSentiment() {
        send(article("a1").published(T0).sentiment(-0.6)
                .entity("Vladimir Putin", EntityType.PERSON, -0.7, 2).build());
        send(article("a2").published(T0.plusSeconds(3600)).sentiment(0.4)
                .entity("Vladimir Putin", EntityType.PERSON, 0.5, 1)
                .entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());
        send(article("a3").published(T0.plusSeconds(7200)).sentiment(0.0)
                .entity("Kremlin", EntityType.ORGANIZATION, 0.0, 1).build());

        String putin = EntityKeys.key("Vladimir Putin", "PERSON");
        assertThat(search(query(putin, null, null, null))).containsExactly("a2", "a1");
        assertThat(search(query(EntityKeys.key("Vladimir Putin", "LOCATION"), null, null, null))).isEmpty();
        assertThat(search(query(null, "ORGANIZATION", null, null))).containsExactly("a3", "a2");
        assertThat(search(query(putin, null, "NEGATIVE", null)))
                .as("with an entity, the label is the sentiment toward it").containsExactly("a1");
        assertThat(search(query(null, null, "POSITIVE", null))).containsExactly("a2");
        assertThat(search(query(null, null, null, T0.plusSeconds(3600)))).containsExactly("a3", "a2");
        assertThat(search(new ArticleQuery(null, null, null, null, null, null, T0.plusSeconds(3600), null, null, null,
                false, null))).as("until is exclusive").containsExactly("a1");
        assertThat(search(new ArticleQuery(null, null, null, "TEST", "EN", null, null, null, -0.1, 0.1, false, null)))
                .containsExactly("a3");
        assertThat(search(new ArticleQuery(null, null, null, "other", null, null, null, null, null, null, false, null)))
                .isEmpty();
    }

    @Test
    void shouldIndexALinkedEntityByItsIdWhateverNameTheArticleGaveIt() {
        send(article("a1").published(T0).entity("Vladimir Putin", "Vladimir_Putin", EntityType.PERSON, -0.5, "Vladimir Putin").build());
        send(article("a2").published(T0.plusSeconds(60)).entity("Putin", "Vladimir_Putin", EntityType.PERSON, 0.5, "Putin").build());
        send(article("a3").published(T0.plusSeconds(120)).entity("Putin", null, EntityType.PERSON, 0.0, "Putin").build());

        assertThat(search(query("Vladimir_Putin", null, null, null))).containsExactly("a2", "a1");
        assertThat(search(query(EntityKeys.key("Putin", "PERSON"), null, null, null))).as("unlinked: name and type").containsExactly("a3");
        assertThat(search(query("Vladimir_Putin", null, "NEGATIVE", null))).containsExactly("a1");
    }

    @Test
    void shouldPageNewestFirstThenByIdWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            // pairs share a time, so the id breaks the tie
            send(article("p" + i).published(T0.plusSeconds(60L * (i / 2))).build());
        }
        List<String> seen = new ArrayList<>();
        Cursor after = null;
        int pages = 0;
        do {
            ArticleIndex.Page page = index.search(new ArticleQuery(null, null, null, null, null, null, null, null, null,
                    null, false, after), 3, id -> true, true);
            assertThat(page.total()).isEqualTo(7);
            seen.addAll(ids(page));
            after = page.more() ? page.hits().get(page.hits().size() - 1).cursor() : null;
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("p6", "p4", "p5", "p2", "p3", "p0", "p1");
    }

    @Test
    void shouldLeaveOutCopiesWhenAsked() {
        send(article("a1").published(T0).build());
        send(article("a1-copy").published(T0.plusSeconds(60)).copyOf("a1", 0.9).build());

        assertThat(search(everything())).containsExactly("a1-copy", "a1");
        assertThat(search(new ArticleQuery(null, null, null, null, null, null, null, null, null, null, true, null)))
                .containsExactly("a1");
    }

    @Test
    void shouldRejectBadQuerySyntaxAndForeignCursorsWithTheReason() {
        assertThatThrownBy(() -> ArticleIndex.parse("\"unclosed phrase")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot parse");
        assertThatThrownBy(() -> Cursor.decode("not-a-cursor")).isInstanceOf(IllegalArgumentException.class);
        Cursor cursor = new Cursor(T0.toEpochMilli(), "id:with:colons");
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    private static ArticleQuery query(String entity, String type, String label, Instant since) {
        return new ArticleQuery(null, entity, type, null, null, since, null, label, null, null, false, null);
    }
}
