package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupFingerprint;
import dev.newsflow.enrich.dedup.NearDuplicates;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
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
    /** Near-duplicate check right after enrichment, in the same sub-topology. */
    public static final String DEDUP_CHECK = "dedup-check";
    /** Sink of the fingerprint records that fill the band index. */
    public static final String DEDUP_FINGERPRINTS_SINK = "dedup-fingerprints-sink";
    /** The global store's processor (its source node is this name with {@code -source}). */
    public static final String DEDUP_INDEX_UPDATE = "dedup-index-update";
    /** The band index, a global store (replicated to every instance, restored from the fingerprint topic). */
    public static final String DEDUP_INDEX_STORE = "dedup-band-index";
    /** The fingerprint topic's name after {@code <application.id>-}. */
    public static final String DEDUP_FINGERPRINTS_TOPIC = "dedup-fingerprints";
    /** How long the fingerprint topic keeps records beyond the horizon, so a restore finds every live entry. */
    static final Duration FINGERPRINT_RETENTION_MARGIN = Duration.ofDays(1);
    /** Fingerprints this instance wrote that the check also looks in until the index has them. */
    static final int RECENT_CAPACITY = 4096;

    /** Settings of near-duplicate detection; {@code null} in {@link #build} turns it off. */
    public record Dedup(NearDuplicates detector, Duration horizon, Topic<String, DedupFingerprint> fingerprints) {
    }

    private EnrichTopology() {
    }

    public static Topology build(EnrichConfig config, NewsTopics topics, NewsEngine engine, EnrichMetrics metrics) {
        return build(topics, engine, metrics, config.getInt(EnrichConfig.MAX_ARTICLE_CHARS), Clock.systemUTC(), dedup(config));
    }

    /** The near-duplicate settings of {@code config}, or null when detection is off. */
    public static Dedup dedup(EnrichConfig config) {
        if (!config.getBoolean(EnrichConfig.DEDUP_ENABLED)) {
            return null;
        }
        Duration horizon = Duration.ofMillis(config.getLong(EnrichConfig.DEDUP_HORIZON_MS));
        return new Dedup(new NearDuplicates(NearDuplicates.DEFAULT_BANDS, NearDuplicates.DEFAULT_ROWS,
                config.getDouble(EnrichConfig.DEDUP_THRESHOLD), NearDuplicates.DEFAULT_MIN_SHINGLES),
                horizon, fingerprintTopic(config.getString(EnrichConfig.APPLICATION_ID), horizon));
    }

    /**
     * The fingerprint topic of application {@code applicationId}: keyed by article id, one
     * partition (records are small and every instance reads all of it), deleted by time once
     * past the horizon and a margin, so it holds what a fresh index must restore and no more.
     */
    static Topic<String, DedupFingerprint> fingerprintTopic(String applicationId, Duration horizon) {
        return new Topic<>(applicationId + "-" + DEDUP_FINGERPRINTS_TOPIC, Serdes.String(), DedupSerdes.fingerprint(), 1,
                Map.of("cleanup.policy", "delete",
                        "retention.ms", String.valueOf(horizon.plus(FINGERPRINT_RETENTION_MARGIN).toMillis())));
    }

    static Topology build(NewsTopics topics, NewsEngine engine, EnrichMetrics metrics, int maxArticleChars, Clock clock,
                          Dedup dedup) {
        StreamsBuilder builder = new StreamsBuilder();
        StoreBuilder<KeyValueStore<String, String>> hashes = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HASH_STORE), Serdes.String(), Serdes.String());
        builder.addStateStore(hashes);
        KStream<String, EnrichedArticle> enriched = builder.<String, Article>stream(topics.raw().name(),
                        Consumed.with(topics.raw().keySerde(), topics.raw().valueSerde()).withName(SOURCE))
                .process(() -> new EnrichProcessor(engine, metrics, maxArticleChars, HASH_STORE, clock),
                        Named.as(ENRICH), HASH_STORE);
        if (dedup == null) {
            enriched.peek((id, article) -> metrics.written(), Named.as("count-written"))
                    .to(topics.enriched().name(),
                            Produced.with(topics.enriched().keySerde(), topics.enriched().valueSerde()).withName(SINK));
        } else {
            nearDuplicates(builder, enriched, topics, dedup, metrics);
        }
        return builder.build();
    }

    /**
     * Enriched articles through near-duplicate detection in one hop: the check reads the band
     * index (a global store every instance holds) and writes the article and its fingerprint in
     * the same transaction; the fingerprint topic feeds the index on every instance.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void nearDuplicates(StreamsBuilder builder, KStream<String, EnrichedArticle> enriched, NewsTopics topics,
                                       Dedup dedup, EnrichMetrics metrics) {
        long horizonMs = dedup.horizon().toMillis();
        Topic<String, DedupFingerprint> fingerprints = dedup.fingerprints();
        StoreBuilder<KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>> index = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEDUP_INDEX_STORE), Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled();
        builder.addGlobalStore(index, fingerprints.name(),
                Consumed.with(fingerprints.keySerde(), fingerprints.valueSerde()).withName(DEDUP_INDEX_UPDATE),
                () -> new DedupIndexProcessor(DEDUP_INDEX_STORE, horizonMs));
        RecentFingerprints recent = new RecentFingerprints(RECENT_CAPACITY);
        KStream<String, SpecificRecord> checked = enriched.process(() -> new DedupCheckProcessor(dedup.detector(), horizonMs,
                DEDUP_INDEX_STORE, recent, metrics, SINK, DEDUP_FINGERPRINTS_SINK), Named.as(DEDUP_CHECK));
        checked.to(topics.enriched().name(), Produced.with(topics.enriched().keySerde(),
                (Serde<SpecificRecord>) (Serde) topics.enriched().valueSerde()).withName(SINK));
        checked.to(fingerprints.name(), Produced.with(fingerprints.keySerde(),
                (Serde<SpecificRecord>) (Serde) fingerprints.valueSerde()).withName(DEDUP_FINGERPRINTS_SINK));
    }
}
