package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.avro.AliasTarget;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntityName;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.RecentKeys;
import dev.newsflow.sink.store.SinkStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entity index, windows and alias index keyed by link id (issue 15), on the service's topology. */
class EntityIdTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final String PUTIN = "Vladimir_Putin";

    @TempDir
    Path stateDir;

    private final NewsTopics topics = NewsTopics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, EnrichedArticle> input;
    private TestOutputTopic<String, EntityIndex> indexOut;

    @BeforeEach
    void start() {
        Map<String, String> values = new HashMap<>();
        values.put(SinkConfig.APPLICATION_ID, "sink-id-test");
        values.put(SinkConfig.STATE_DIR, stateDir.toString());
        values.put(SinkConfig.WINDOW_GRACE_MS, "3600000");
        SinkConfig config = new SinkConfig(values);
        SinkStats stats = new SinkStats(new SimpleMeterRegistry());
        Properties props = SinkService.streamsProperties(config, topics, stats,
                new org.apache.kafka.streams.state.HostInfo("localhost", 8080));
        driver = new TopologyTestDriver(SinkTopology.build(config, topics, stats), props);
        input = driver.createInputTopic(topics.enriched().name(), Serdes.String().serializer(),
                topics.enriched().valueSerde().serializer());
        SinkTopics out = config.sinkTopics();
        indexOut = driver.createOutputTopic(out.entityIndex().name(), Serdes.String().deserializer(),
                out.entityIndex().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(EnrichedArticle article) {
        input.pipeInput(article.getId(), article, article.getEnrichment().getProcessedAt());
    }

    private KeyValueStore<String, EntityIndex> index() {
        return driver.getKeyValueStore(SinkStores.ENTITY_INDEX);
    }

    private KeyValueStore<String, EntityAliases> aliases() {
        return driver.getKeyValueStore(SinkStores.ALIASES);
    }

    private EntitySentimentWindow hourly(String key, Instant start) {
        WindowStore<String, EntitySentimentWindow> store = driver.getWindowStore(SinkStores.SENTIMENT_HOURLY);
        return store.fetch(key, start.toEpochMilli());
    }

    private List<String> recentIds(String entityKey) {
        KeyValueStore<String, EntityArticle> recent = driver.getKeyValueStore(SinkStores.ENTITY_RECENT);
        List<String> ids = new ArrayList<>();
        try (var it = recent.prefixScan(RecentKeys.prefix(entityKey), new StringSerializer())) {
            it.forEachRemaining(kv -> ids.add(kv.value.getArticleId()));
        }
        return ids;
    }

    /** The alias counts of a surface form as "key articles/mentions/surnameArticles", best first. */
    private List<String> aliasCounts(String surface) {
        EntityAliases record = aliases().get(surface);
        return record == null ? List.of() : record.getTargets().stream()
                .map(t -> t.getKey() + " " + t.getArticles() + "/" + t.getMentions() + "/" + t.getSurnameArticles())
                .toList();
    }

    @Test
    void shouldLandTwoSpellingsWithOneIdOnOneIndexRecordNamedByTheMostFrequentName() {
        send(article("a1").published(T0).entity("Vladimir Putin", PUTIN, EntityType.PERSON, -0.5,
                "Vladimir Putin", "Putin").build());
        send(article("a2").published(T0.plusSeconds(60)).entity("Putin", PUTIN, EntityType.PERSON, 0.3, "Putin").build());
        send(article("a3").published(T0.plusSeconds(120)).entity("Vladimir Putin", PUTIN, EntityType.PERSON, 0.2,
                "Vladimir Putin").build());

        EntityIndex putin = index().get(PUTIN);
        assertThat(putin.getId()).isEqualTo(PUTIN);
        assertThat(putin.getArticles()).isEqualTo(3);
        assertThat(putin.getMentions()).isEqualTo(4);
        assertThat(putin.getName()).as("display name: the most frequent").isEqualTo("Vladimir Putin");
        assertThat(putin.getNames()).containsExactly(new EntityName("Vladimir Putin", 2L), new EntityName("Putin", 1L));
        assertThat(index().get("vladimir putin|PERSON")).isNull();
        assertThat(index().get("putin|PERSON")).isNull();
        assertThat(recentIds(PUTIN)).containsExactly("a3", "a2", "a1");
        EntitySentimentWindow hour = hourly(PUTIN, T0);
        assertThat(hour.getArticles()).isEqualTo(3);
        assertThat(hour.getName()).isEqualTo("Vladimir Putin");
        assertThat(indexOut.readKeyValuesToMap()).containsOnlyKeys(PUTIN);
    }

    @Test
    void shouldWithdrawOldLinksAndAddNewOnesWhenAnArticleIsReEnrichedSoCountsStayExact() {
        send(article("a1").published(T0).entity("NATO", null, EntityType.ORGANIZATION, -0.4, "NATO", "NATO").build());
        send(article("a2").published(T0.plusSeconds(60)).entity("North Atlantic Treaty Organization", "NATO",
                EntityType.ORGANIZATION, 0.2, "North Atlantic Treaty Organization").build());
        assertThat(index().get("nato|ORGANIZATION").getArticles()).isEqualTo(1);
        assertThat(index().get("NATO").getArticles()).isEqualTo(1);
        indexOut.readKeyValuesToList();

        // The linker now links a1's NATO too: it leaves its name key and joins the id.
        send(article("a1").published(T0).entity("NATO", "NATO", EntityType.ORGANIZATION, -0.4, "NATO", "NATO").build());

        assertThat(index().get("nato|ORGANIZATION")).isNull();
        assertThat(hourly("nato|ORGANIZATION", T0)).isNull();
        EntityIndex nato = index().get("NATO");
        assertThat(nato.getArticles()).isEqualTo(2);
        assertThat(nato.getMentions()).isEqualTo(3);
        assertThat(nato.getSentimentSum()).isCloseTo(-0.2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(nato.getName()).as("one article each: the longer name").isEqualTo("North Atlantic Treaty Organization");
        assertThat(recentIds("NATO")).containsExactly("a2", "a1");
        assertThat(recentIds("nato|ORGANIZATION")).isEmpty();
        assertThat(hourly("NATO", T0).getArticles()).isEqualTo(2);
        assertThat(aliasCounts("nato")).containsExactly("NATO 1/2/0");
        List<KeyValue<String, EntityIndex>> published = indexOut.readKeyValuesToList();
        assertThat(published).anyMatch(kv -> kv.key.equals("nato|ORGANIZATION") && kv.value == null);

        // Relinked to another id and back: nothing is left behind, nothing counted twice.
        send(article("a1").published(T0).entity("NATO", "NATO_(band)", EntityType.ORGANIZATION, -0.4, "NATO").build());
        assertThat(index().get("NATO").getArticles()).isEqualTo(1);
        assertThat(index().get("NATO").getName()).isEqualTo("North Atlantic Treaty Organization");
        assertThat(index().get("NATO_(band)").getMentions()).isEqualTo(1);
        send(article("a1").published(T0).entity("NATO", "NATO", EntityType.ORGANIZATION, -0.4, "NATO", "NATO").build());
        assertThat(index().get("NATO_(band)")).isNull();
        assertThat(index().get("NATO").getArticles()).isEqualTo(2);
        assertThat(index().get("NATO").getMentions()).isEqualTo(3);
        assertThat(hourly("NATO", T0).getArticles()).isEqualTo(2);
        assertThat(hourly("NATO_(band)", T0)).isNull();
        assertThat(aliasCounts("nato")).containsExactly("NATO 1/2/0");
    }

    @Test
    void shouldCountSurfaceFormsPerArticleAndWithdrawThemExactlyOnDelete() {
        send(article("a1").published(T0).entity("Vladimir Putin", PUTIN, EntityType.PERSON, -0.5,
                "Vladimir Putin", "Putin", "Putin").build());
        send(article("a2").published(T0.plusSeconds(60)).entity("Putin", PUTIN, EntityType.PERSON, 0.3, "Putin").build());
        send(article("a3").published(T0.plusSeconds(120)).entity("François Hollande", null, EntityType.PERSON, 0.1,
                "François Hollande").entity("Putin", null, EntityType.ORGANIZATION, 0.0, "Putin").build());

        assertThat(aliasCounts("putin")).as("two articles for the id, one for an unlinked namesake")
                .containsExactly(PUTIN + " 2/3/0", "putin|ORGANIZATION 1/1/0");
        assertThat(aliasCounts("vladimir putin")).containsExactly(PUTIN + " 1/1/0");
        assertThat(aliasCounts("francois hollande")).as("accents folded").containsExactly("françois hollande|PERSON 1/1/0");
        assertThat(aliasCounts("hollande")).as("a surname only: the weaker count")
                .containsExactly("françois hollande|PERSON 0/0/1");
        AliasTarget namesake = aliases().get("putin").getTargets().get(1);
        assertThat(namesake.getType()).isEqualTo("ORGANIZATION");

        input.pipeInput("a1", null);
        assertThat(aliasCounts("putin")).containsExactly(PUTIN + " 1/1/0", "putin|ORGANIZATION 1/1/0");
        assertThat(aliasCounts("vladimir putin")).isEmpty();

        input.pipeInput("a2", null);
        input.pipeInput("a3", null);
        assertThat(aliasCounts("putin")).isEmpty();
        assertThat(aliasCounts("hollande")).isEmpty();
        try (var all = aliases().all()) {
            assertThat(all.hasNext()).as("no form left once no article is stored").isFalse();
        }
    }
}
