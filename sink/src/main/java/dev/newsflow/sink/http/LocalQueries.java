package dev.newsflow.sink.http;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.SinkTopology;
import dev.newsflow.sink.search.ArticleIndex;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.store.SinkStores;
import dev.newsflow.sink.top.EntityTotals;
import dev.newsflow.sink.top.TopEntry;
import dev.newsflow.sink.top.TopRankings;
import dev.newsflow.sink.top.WindowSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads this instance's active stores (interactive queries); a store that is not ready is a 503. */
final class LocalQueries {
    /** Source topic of the tasks that hold the entity stores (application id + this). */
    private static final String ENTITY_EVENTS_TOPIC_SUFFIX = "-" + SinkTopology.ENTITY_EVENTS + "-repartition";

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final TopRankings rankings;

    LocalQueries(Supplier<KafkaStreams> streams, HostInfo self, TopRankings rankings) {
        this.streams = streams;
        this.self = self;
        this.rankings = rankings;
    }

    EnrichedArticle article(String id, int partition) {
        ReadOnlyKeyValueStore<String, EnrichedArticle> store =
                store(SinkStores.ARTICLES, QueryableStoreTypes.keyValueStore(), partition);
        return store.get(id);
    }

    /** The matches of a search on this instance, with their articles, in order. */
    record Found(List<ArticleIndex.Hit> hits, Map<String, EnrichedArticle> articles, boolean more, Long total) {
    }

    /**
     * Searches this instance's index and reads each match from the local article stores (a match whose
     * article is not, or no longer, stored here is left out). {@code keep} filters further on the article;
     * the total is known when it is {@code null}.
     */
    Found search(ArticleIndex index, ArticleQuery query, int limit, Predicate<EnrichedArticle> keep) {
        if (index == null) {
            throw new InvalidStateStoreException("The search index is not open yet");
        }
        ReadOnlyKeyValueStore<String, EnrichedArticle> store =
                store(SinkStores.ARTICLES, QueryableStoreTypes.keyValueStore(), null);
        Map<String, EnrichedArticle> read = new HashMap<>();
        ArticleIndex.Page page = index.search(query, limit, id -> {
            EnrichedArticle article = store.get(id);
            if (article == null || (keep != null && !keep.test(article))) {
                return false;
            }
            read.put(id, article);
            return true;
        }, keep == null);
        return new Found(page.hits(), read, page.more(), page.total());
    }

    /** The known near-duplicate copies of {@code original}, oldest first by event time. */
    List<ArticleCopy> copies(String original, int partition) {
        ReadOnlyKeyValueStore<String, ArticleCopy> store =
                store(SinkStores.COPIES, QueryableStoreTypes.keyValueStore(), partition);
        List<ArticleCopy> found = new ArrayList<>();
        try (KeyValueIterator<String, ArticleCopy> it =
                     store.prefixScan(SinkStores.copyPrefix(original), new StringSerializer())) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        found.sort(Comparator.comparing(ArticleCopy::getTime).thenComparing(ArticleCopy::getId));
        return found;
    }

    /** The entity stored under {@code key}, or null. */
    EntityIndex index(String key, int partition) {
        ReadOnlyKeyValueStore<String, EntityIndex> store =
                store(SinkStores.ENTITY_INDEX, QueryableStoreTypes.keyValueStore(), partition);
        return store.get(key);
    }

    /** The entities the surface form ({@link EntityKeys#surface}) was seen for, or null. */
    EntityAliases aliases(String surface, int partition) {
        ReadOnlyKeyValueStore<String, EntityAliases> store =
                store(SinkStores.ALIASES, QueryableStoreTypes.keyValueStore(), partition);
        return store.get(surface);
    }

    /** Every type stored under the unlinked {@code name}, most articles first; {@code type} narrows it to one. */
    List<EntityIndex> entityTypes(String name, String type, int partition) {
        ReadOnlyKeyValueStore<String, EntityIndex> store =
                store(SinkStores.ENTITY_INDEX, QueryableStoreTypes.keyValueStore(), partition);
        List<EntityIndex> found = new ArrayList<>();
        for (EntityType candidate : EntityType.values()) {
            if (type == null || candidate.name().equals(type)) {
                EntityIndex index = store.get(EntityKeys.key(name, candidate.name()));
                if (index != null) {
                    found.add(index);
                }
            }
        }
        found.sort(Comparator.comparingLong(EntityIndex::getArticles).reversed().thenComparing(EntityIndex::getType));
        return found;
    }

    /**
     * The alias index's entries of every local partition whose surface form ({@link EntityKeys#surface}:
     * case and accents folded) starts with {@code prefix}: entity names and the other names and
     * mention texts stored articles used for them.
     */
    List<EntityAliases> aliasesStartingWith(String prefix) {
        ReadOnlyKeyValueStore<String, EntityAliases> store =
                store(SinkStores.ALIASES, QueryableStoreTypes.keyValueStore(), null);
        List<EntityAliases> found = new ArrayList<>();
        try (KeyValueIterator<String, EntityAliases> it = store.prefixScan(EntityKeys.surface(prefix), new StringSerializer())) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        return found;
    }

    List<EntitySentimentWindow> series(String key, Instant from, Instant to, boolean daily, int partition) {
        ReadOnlyWindowStore<String, EntitySentimentWindow> store =
                store(daily ? SinkStores.SENTIMENT_DAILY : SinkStores.SENTIMENT_HOURLY,
                        QueryableStoreTypes.windowStore(), partition);
        List<EntitySentimentWindow> points = new ArrayList<>();
        try (WindowStoreIterator<EntitySentimentWindow> it = store.fetch(key, from, to)) {
            it.forEachRemaining(kv -> points.add(kv.value));
        }
        return points;
    }

    /**
     * Totals per entity over the windows of {@code span}, over every local partition, from the
     * rankings the tasks keep; empty when they keep none for this span (see {@link TopRankings#totals}).
     */
    Optional<List<TopEntry>> rankedTotals(WindowSpan span, String type) {
        KafkaStreams running = streams.get();
        if (running == null || !running.state().isRunningOrRebalancing()) {
            return Optional.empty();
        }
        Set<Integer> partitions = new HashSet<>();
        try {
            for (StreamsMetadata instance : running.streamsMetadataForStore(SinkStores.SENTIMENT_HOURLY)) {
                if (instance.hostInfo().equals(self)) {
                    instance.topicPartitions().stream()
                            .filter(tp -> tp.topic().endsWith(ENTITY_EVENTS_TOPIC_SUFFIX))
                            .forEach(tp -> partitions.add(tp.partition()));
                }
            }
        } catch (IllegalStateException | InvalidStateStoreException e) {
            return Optional.empty(); // stopping, or not started: the scan reports it
        }
        return partitions.isEmpty() ? Optional.empty() : rankings.totals(span, partitions, type);
    }

    /** Totals per entity over the windows of {@code span}, scanned from every local partition's store. */
    List<TopEntry> totals(WindowSpan span, String type) {
        ReadOnlyWindowStore<String, EntitySentimentWindow> store =
                store(span.daily() ? SinkStores.SENTIMENT_DAILY : SinkStores.SENTIMENT_HOURLY,
                        QueryableStoreTypes.windowStore(), null);
        if (span.isEmpty()) {
            return List.of();
        }
        try (KeyValueIterator<Windowed<String>, EntitySentimentWindow> it = store.fetchAll(span.from(), span.to())) {
            return EntityTotals.sum(it, type).values().stream().map(EntityTotals::entry).toList();
        }
    }

    private <T> T store(String name, QueryableStoreType<T> type, Integer partition) {
        KafkaStreams running = streams.get();
        if (running == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started yet");
        }
        StoreQueryParameters<T> params = StoreQueryParameters.fromNameAndType(name, type);
        return running.store(partition == null ? params : params.withPartition(partition));
    }
}
