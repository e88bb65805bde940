package dev.newsflow.sink.http;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.store.RecentKeys;
import dev.newsflow.sink.store.SinkStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads this instance's active stores (interactive queries); a store that is not ready is a 503. */
final class LocalQueries {
    private final Supplier<KafkaStreams> streams;

    LocalQueries(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    EnrichedArticle article(String id, int partition) {
        ReadOnlyKeyValueStore<String, EnrichedArticle> store =
                store(SinkStores.ARTICLES, QueryableStoreTypes.keyValueStore(), partition);
        return store.get(id);
    }

    /** Every type stored under {@code name}, most articles first; {@code type} narrows it to one. */
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

    /** The entity's recent articles, newest first, that pass {@code filter}; at most {@code limit}. */
    List<EntityArticle> recent(String entityKey, int partition, int limit, Predicate<EntityArticle> filter) {
        ReadOnlyKeyValueStore<String, EntityArticle> store =
                store(SinkStores.ENTITY_RECENT, QueryableStoreTypes.keyValueStore(), partition);
        List<EntityArticle> found = new ArrayList<>();
        try (KeyValueIterator<String, EntityArticle> it =
                     store.prefixScan(RecentKeys.prefix(entityKey), new StringSerializer())) {
            while (it.hasNext() && found.size() < limit) {
                EntityArticle article = it.next().value;
                if (filter.test(article)) {
                    found.add(article);
                }
            }
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

    /** Totals per entity over the windows starting in [from, to], over every local partition. */
    List<TopEntry> totals(Instant from, Instant to, boolean daily, String type) {
        ReadOnlyWindowStore<String, EntitySentimentWindow> store =
                store(daily ? SinkStores.SENTIMENT_DAILY : SinkStores.SENTIMENT_HOURLY,
                        QueryableStoreTypes.windowStore(), null);
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Double> sums = new HashMap<>();
        Map<String, EntitySentimentWindow> latest = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, EntitySentimentWindow> it = store.fetchAll(from, to)) {
            it.forEachRemaining(kv -> {
                EntitySentimentWindow w = kv.value;
                if (type != null && !type.equals(w.getType())) {
                    return;
                }
                long[] c = counts.computeIfAbsent(w.getKey(), k -> new long[5]);
                c[0] += w.getMentions();
                c[1] += w.getArticles();
                c[2] += w.getNegative();
                c[3] += w.getNeutral();
                c[4] += w.getPositive();
                sums.merge(w.getKey(), w.getSentimentSum(), Double::sum);
                latest.merge(w.getKey(), w, (a, b) -> a.getWindowStart().isAfter(b.getWindowStart()) ? a : b);
            });
        }
        List<TopEntry> entries = new ArrayList<>();
        counts.forEach((key, c) -> {
            EntitySentimentWindow w = latest.get(key);
            entries.add(new TopEntry(key, w.getName(), w.getType(), c[0], c[1],
                    c[1] == 0 ? 0.0 : sums.get(key) / c[1], c[2], c[3], c[4]));
        });
        return entries;
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
