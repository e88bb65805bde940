package dev.newsflow.schemas;

import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.format.TopicSerdes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The article topics every stage shares. Build one set with {@link #defaults()} or,
 * for isolated tests and side-by-side deployments, {@link #withPrefix(String)}.
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
    public static final int DEFAULT_PARTITIONS = 3;

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
        return of(prefix, TopicSerdes.avro());
    }

    /**
     * The topics with {@code prefix} before each name, article values in the format of
     * {@code serdes}; the dead-letter topic keeps raw bytes in every format.
     */
    public static NewsTopics of(String prefix, TopicSerdes serdes) {
        return new NewsTopics(
                new Topic<>(prefix + RAW, Serdes.String(), serdes.value(Article.class), DEFAULT_PARTITIONS, ARTICLE_CONFIGS),
                new Topic<>(prefix + ENRICHED, Serdes.String(), serdes.value(EnrichedArticle.class), DEFAULT_PARTITIONS,
                        ARTICLE_CONFIGS),
                new Topic<>(prefix + DLQ, Serdes.ByteArray(), Serdes.ByteArray(), 1, DLQ_CONFIGS));
    }

    public List<Topic<?, ?>> all() {
        return List.of(raw, enriched, dlq);
    }
}
