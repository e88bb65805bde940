package dev.newsflow.sink.store;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.SinkSerdes;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/** Names and builders of the sink's state stores (each backed by a changelog topic). */
public final class SinkStores {
    /** Article id to the latest {@link EnrichedArticle}. */
    public static final String ARTICLES = "sink-articles-by-id";
    /** Entity key to {@link EntityIndex}. */
    public static final String ENTITY_INDEX = "sink-entity-index";
    /** {@link RecentKeys} (entity, inverted time, article id) to the article as seen from that entity. */
    public static final String ENTITY_RECENT = "sink-entity-recent";
    /** Entity key + hour window to {@link EntitySentimentWindow}. */
    public static final String SENTIMENT_HOURLY = "sink-entity-sentiment-hourly";
    /** Entity key + UTC day window to {@link EntitySentimentWindow}. */
    public static final String SENTIMENT_DAILY = "sink-entity-sentiment-daily";

    /** Normalized surface form ({@link EntityKeys#surface}) to the entities it was seen for ({@link EntityAliases}). */
    public static final String ALIASES = "sink-entity-aliases";

    /** Copy id to the original its duplicateOf names. */
    public static final String COPY_OF = "sink-copy-of";
    /** {@link #copyKey} (original id, copy id) to the copy, on the original's partition. */
    public static final String COPIES = "sink-article-copies";

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);

    private SinkStores() {
    }

    public static StoreBuilder<KeyValueStore<String, EnrichedArticle>> articles(Serde<EnrichedArticle> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLES), Serdes.String(), serde);
    }

    public static StoreBuilder<KeyValueStore<String, String>> copyOf() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COPY_OF), Serdes.String(), Serdes.String());
    }

    public static StoreBuilder<KeyValueStore<String, ArticleCopy>> copies() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COPIES), Serdes.String(), SinkSerdes.articleCopy());
    }

    /** Key of one copy under its original: ids hold no NUL, so a prefix scan of the original's key finds exactly its copies. */
    public static String copyKey(String original, String copy) {
        return copyPrefix(original) + copy;
    }

    public static String copyPrefix(String original) {
        return original + '\u0000';
    }

    /** Cached: hot entities change many times per commit but reach the changelog once. */
    public static StoreBuilder<KeyValueStore<String, EntityIndex>> entityIndex() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_INDEX), Serdes.String(),
                SinkSerdes.entityIndex()).withCachingEnabled();
    }

    /** Cached like the index: a common form changes with most articles. */
    public static StoreBuilder<KeyValueStore<String, EntityAliases>> aliases() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALIASES), Serdes.String(),
                SinkSerdes.entityAliases()).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, EntityArticle>> entityRecent() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_RECENT), Serdes.String(),
                SinkSerdes.entityArticle());
    }

    public static StoreBuilder<WindowStore<String, EntitySentimentWindow>> sentiment(String name, Duration size,
                                                                                   Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, size, false),
                Serdes.String(), SinkSerdes.sentimentWindow()).withCachingEnabled();
    }
}
