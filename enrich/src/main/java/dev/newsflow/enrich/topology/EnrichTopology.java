package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology: raw articles in, enriched articles out, keyed by article id.
 * Every node and store is named so internal topic names stay stable as it changes.
 */
public final class EnrichTopology {
    public static final String SOURCE = "raw-articles-source";
    public static final String ENRICH = "enrich-articles";
    public static final String SINK = "enriched-articles-sink";
    /** Last enriched content hash per article id; its changelog is {@code <application.id>-enriched-content-hashes-changelog}. */
    public static final String HASH_STORE = "enriched-content-hashes";

    private EnrichTopology() {
    }

    public static Topology build(EnrichConfig config, NewsTopics topics, NewsEngine engine, EnrichMetrics metrics) {
        return build(topics, engine, metrics, config.getInt(EnrichConfig.MAX_ARTICLE_CHARS), Clock.systemUTC());
    }

    static Topology build(NewsTopics topics, NewsEngine engine, EnrichMetrics metrics, int maxArticleChars, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        StoreBuilder<KeyValueStore<String, String>> hashes = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HASH_STORE), Serdes.String(), Serdes.String());
        builder.addStateStore(hashes);
        builder.<String, Article>stream(topics.raw().name(),
                        Consumed.with(topics.raw().keySerde(), topics.raw().valueSerde()).withName(SOURCE))
                .<String, EnrichedArticle>process(
                        () -> new EnrichProcessor(engine, metrics, maxArticleChars, HASH_STORE, clock),
                        Named.as(ENRICH), HASH_STORE)
                .to(topics.enriched().name(),
                        Produced.with(topics.enriched().keySerde(), topics.enriched().valueSerde()).withName(SINK));
        return builder.build();
    }
}
