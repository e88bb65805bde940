package dev.newsflow.schemas;

import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.format.TopicSerdes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The article topics every stage shares. Build one set with {@link #defaults()} or,
 * for isolated tests and side-by-side deployments, {@link #withPrefix(String)}; a stage
 * builds its set with {@link #of(String, int)} from its {@value #PARTITIONS_KEY} setting.
 *
 * @param raw      normalized articles from ingest (key: article id)
 * @param enriched enriched articles from enrich (key: article id)
 * @param dlq      records enrich could not process: original key and value bytes, reason in headers
 */
public record NewsTopics(Topic<String, Article> raw, Topic<String, EnrichedArticle> enriched,
                         Topic<byte[], byte[]> dlq) {

    public static final String RAW = "news.articles.raw";
    public static final String ENRICHED = "news.articles.enriched";
    public static final String DLQ = "news.articles.dlq";
    /** Partitions of new article topics unless {@value #PARTITIONS_KEY} says otherwise (the embedded broker, tests). */
    public static final int DEFAULT_PARTITIONS = 3;
    /** The setting every stage defines for the partition count of the topics it creates. */
    public static final String PARTITIONS_KEY = "topic.partitions";
    /** Its description, shared by every stage. */
    public static final String PARTITIONS_DOC = "Partitions of the article topics (raw, enriched) and the sink's "
            + "news.entities.* topics when a stage creates them; the dead-letter topic has one. Enrich and sink scale out "
            + "to at most this many instances (times their threads). Topics that exist keep their count.";

    private static final Map<String, String> ARTICLE_CONFIGS = Map.of(
            // Latest version of each article by id; old versions are compacted away.
            "cleanup.policy", "compact",
            "compression.type", "producer",
            "max.message.bytes", String.valueOf(8 * 1024 * 1024));
    private static final Map<String, String> DLQ_CONFIGS = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", String.valueOf(30L * 24 * 3600 * 1000),
            "max.message.bytes", String.valueOf(8 * 1024 * 1024));

    public static NewsTopics defaults() {
        return withPrefix("");
    }

    /** The same topics with {@code prefix} before each name ("" for the defaults), values in single-object Avro. */
    public static NewsTopics withPrefix(String prefix) {
        return of(prefix, DEFAULT_PARTITIONS, TopicSerdes.avro());
    }

    /** The topics with {@code prefix} before each name and {@code partitions} partitions, values in single-object Avro. */
    public static NewsTopics of(String prefix, int partitions) {
        return of(prefix, partitions, TopicSerdes.avro());
    }

    /** The topics with {@code prefix} before each name and the default partition count, values in the format of {@code serdes}. */
    public static NewsTopics of(String prefix, TopicSerdes serdes) {
        return of(prefix, DEFAULT_PARTITIONS, serdes);
    }

    /**
     * The topics with {@code prefix} before each name, created with {@code partitions} partitions (the dead-letter
     * topic with one), article values in the format of {@code serdes}; the dead-letter topic keeps raw bytes in every
     * format.
     */
    public static NewsTopics of(String prefix, int partitions, TopicSerdes serdes) {
        return new NewsTopics(
                new Topic<>(prefix + RAW, Serdes.String(), serdes.value(Article.class), partitions, ARTICLE_CONFIGS),
                new Topic<>(prefix + ENRICHED, Serdes.String(), serdes.value(EnrichedArticle.class), partitions,
                        ARTICLE_CONFIGS),
                new Topic<>(prefix + DLQ, Serdes.ByteArray(), Serdes.ByteArray(), 1, DLQ_CONFIGS));
    }

    public List<Topic<?, ?>> all() {
        return List.of(raw, enriched, dlq);
    }
}
