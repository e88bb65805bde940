package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.enrich.avro.DedupProbe;
import dev.newsflow.enrich.avro.DedupReport;
import dev.newsflow.enrich.dedup.NearDuplicates;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Repartitioned;
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
    public static final String DEDUP_FINGERPRINT = "dedup-fingerprint";
    public static final String DEDUP_BANDS = "dedup-bands";
    public static final String DEDUP_MATCH = "dedup-match";
    public static final String DEDUP_REPORTS = "dedup-reports";
    public static final String DEDUP_DECIDE = "dedup-decide";
    /** Fingerprint bands to the articles seen in each within the horizon (window store, changelog with retention). */
    public static final String DEDUP_BAND_STORE = "dedup-band-fingerprints";
    /** Article id to the band reports received so far, while the check of that article is open. */
    public static final String DEDUP_PENDING_STORE = "dedup-pending";
    /** Article id to the enriched article waiting for its band reports. */
    public static final String DEDUP_PENDING_ARTICLES_STORE = "dedup-pending-articles";

    /** Settings of near-duplicate detection; {@code null} in {@link #build} turns it off. */
    public record Dedup(NearDuplicates detector, Duration horizon) {
    }

    private EnrichTopology() {
    }

    public static Topology build(EnrichConfig config, NewsTopics topics, NewsEngine engine, EnrichMetrics metrics) {
        return build(topics, engine, metrics, config.getInt(EnrichConfig.MAX_ARTICLE_CHARS), Clock.systemUTC(), dedup(config));
    }

    static Dedup dedup(EnrichConfig config) {
        if (!config.getBoolean(EnrichConfig.DEDUP_ENABLED)) {
            return null;
        }
        return new Dedup(new NearDuplicates(NearDuplicates.DEFAULT_BANDS, NearDuplicates.DEFAULT_ROWS,
                config.getDouble(EnrichConfig.DEDUP_THRESHOLD), NearDuplicates.DEFAULT_MIN_SHINGLES),
                Duration.ofMillis(config.getLong(EnrichConfig.DEDUP_HORIZON_MS)));
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
        KStream<String, EnrichedArticle> out = dedup == null
                ? enriched.peek((id, article) -> metrics.written(), Named.as("count-written"))
                : nearDuplicates(builder, enriched, dedup, metrics);
        out.to(topics.enriched().name(),
                Produced.with(topics.enriched().keySerde(), topics.enriched().valueSerde()).withName(SINK));
        return builder.build();
    }

    /**
     * Enriched articles through near-duplicate detection: fingerprint bands repartitioned by band
     * so copies on other partitions meet, checked against the band's recent articles, and the
     * reports repartitioned back by article id, where the article waits until all have come.
     */
    private static KStream<String, EnrichedArticle> nearDuplicates(StreamsBuilder builder, KStream<String, EnrichedArticle> enriched,
                                                                   Dedup dedup, EnrichMetrics metrics) {
        Duration horizon = dedup.horizon();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUP_BAND_STORE, horizon, Duration.ofMillis(1), true),
                Serdes.String(), DedupSerdes.probe()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEDUP_PENDING_STORE),
                Serdes.String(), DedupSerdes.report()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEDUP_PENDING_ARTICLES_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        Map<String, KStream<String, SpecificRecord>> split = enriched
                .process(() -> new DedupFingerprintProcessor(dedup.detector()), Named.as(DEDUP_FINGERPRINT))
                .split(Named.as("dedup-"))
                .branch((key, value) -> value instanceof DedupProbe, Branched.as("probes"))
                .defaultBranch(Branched.as("own-reports"));
        KStream<String, DedupReport> bandReports = split.get("dedup-probes")
                .mapValues(value -> (DedupProbe) value, Named.as("dedup-as-probe"))
                .repartition(Repartitioned.<String, DedupProbe>as(DEDUP_BANDS)
                        .withKeySerde(Serdes.String()).withValueSerde(DedupSerdes.probe()))
                .process(() -> new DedupBandProcessor(DEDUP_BAND_STORE, horizon.toMillis(), dedup.detector().threshold()),
                        Named.as(DEDUP_MATCH), DEDUP_BAND_STORE);
        return split.get("dedup-own-reports")
                .mapValues(value -> (DedupReport) value, Named.as("dedup-as-report"))
                .merge(bandReports, Named.as("dedup-all-reports"))
                .repartition(Repartitioned.<String, DedupReport>as(DEDUP_REPORTS)
                        .withKeySerde(Serdes.String()).withValueSerde(DedupSerdes.report()))
                .process(() -> new DedupReportProcessor(DEDUP_PENDING_STORE, DEDUP_PENDING_ARTICLES_STORE, metrics),
                        Named.as(DEDUP_DECIDE), DEDUP_PENDING_STORE, DEDUP_PENDING_ARTICLES_STORE);
    }
}
