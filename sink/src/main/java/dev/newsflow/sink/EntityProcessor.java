package dev.newsflow.sink;

import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntityOp;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.EntityIndexes;
import dev.newsflow.sink.store.RecentKeys;
import dev.newsflow.sink.store.SentimentWindows;
import dev.newsflow.sink.store.SinkStores;
import dev.newsflow.sink.top.TaskRankings;
import dev.newsflow.sink.top.TopRankings;
import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies entity events (partitioned by entity) to the entity totals, the bounded list of
 * each entity's most recent articles, and the hourly and daily sentiment windows; forwards
 * every change (or its tombstone) as a {@link SinkUpdate} for the compacted output topics.
 *
 * <p>The recent list is one small store entry per (entity, article), keyed so that a prefix
 * scan reads it newest first; adding one beyond the bound evicts the oldest. Each event thus
 * writes a few small records whatever the entity's size.
 *
 * <p>A contribution whose window is closed (window end + grace at or before stream time) is
 * not applied to that window: closed windows are final, as in the DSL's windowed aggregations.
 *
 * <p>Every window change also updates this task's precomputed {@code /entities/top} rankings
 * ({@link TaskRankings}), which a wall-clock punctuation moves on as hours and days pass.
 */
final class EntityProcessor implements Processor<String, EntityEvent, String, SinkUpdate> {
    private final SinkStats stats;
    private final int maxRecent;
    private final Duration grace;
    private final TopRankings rankings;
    private TaskRankings top;
    private ProcessorContext<String, SinkUpdate> context;
    private KeyValueStore<String, EntityIndex> index;
    private KeyValueStore<String, EntityArticle> recent;
    private WindowStore<String, EntitySentimentWindow> hourly;
    private WindowStore<String, EntitySentimentWindow> daily;

    EntityProcessor(SinkStats stats, int maxRecent, Duration grace, TopRankings rankings) {
        this.stats = stats;
        this.maxRecent = maxRecent;
        this.grace = grace;
        this.rankings = rankings;
    }

    @Override
    public void init(ProcessorContext<String, SinkUpdate> context) {
        this.context = context;
        this.index = context.getStateStore(SinkStores.ENTITY_INDEX);
        this.recent = context.getStateStore(SinkStores.ENTITY_RECENT);
        this.hourly = context.getStateStore(SinkStores.SENTIMENT_HOURLY);
        this.daily = context.getStateStore(SinkStores.SENTIMENT_DAILY);
        // Called once the stores are restored: the rankings are summed from them, never from memory of a past run.
        this.top = new TaskRankings(context.taskId().partition(), rankings.windows(), hourly, daily);
        top.roll(context.currentSystemTimeMs());
        rankings.register(top);
        context.schedule(rankings.refresh(), PunctuationType.WALL_CLOCK_TIME, top::roll);
    }

    @Override
    public void close() {
        if (top != null) {
            rankings.unregister(top);
        }
    }

    @Override
    public void process(Record<String, EntityEvent> record) {
        String key = record.key();
        EntityEvent event = record.value();
        if (key == null || event == null) {
            return;
        }
        stats.entityEvent();
        EntityIndex current = index.get(key);
        int recentDelta = updateRecent(key, event, current, record);
        EntityIndex updated = EntityIndexes.apply(current, key, event, recentDelta);
        if (current == null && updated == null) {
            return;
        }
        if (updated == null) {
            index.delete(key);
        } else {
            index.put(key, updated);
        }
        context.forward(record.withValue(new SinkUpdate(SinkUpdate.Kind.INDEX, updated)));

        long time = event.getArticle().getTime().toEpochMilli();
        // Windows carry the entity's display name and type (the most frequent ones), as the index does.
        EntityIndex shown = updated != null ? updated : current;
        window(hourly, SinkStores.HOUR, SinkUpdate.Kind.HOURLY, key, event, shown, time, record);
        window(daily, SinkStores.DAY, SinkUpdate.Kind.DAILY, key, event, shown, time, record);
    }

    /** Adds or removes the article in the entity's recent list; returns the change of its size. */
    private int updateRecent(String key, EntityEvent event, EntityIndex current, Record<String, EntityEvent> record) {
        EntityArticle article = event.getArticle();
        String recentKey = RecentKeys.key(key, article.getTime(), article.getArticleId());
        boolean present = recent.get(recentKey) != null;
        if (event.getOp() == EntityOp.REMOVE) {
            if (!present) {
                return 0;
            }
            recent.delete(recentKey);
            forwardRecent(key, article.getArticleId(), null, record);
            return -1;
        }
        recent.put(recentKey, article);
        forwardRecent(key, article.getArticleId(), article, record);
        if (present) {
            return 0;
        }
        int size = (current == null ? 0 : current.getRecentCount()) + 1;
        if (size <= maxRecent) {
            return 1;
        }
        String prefix = RecentKeys.prefix(key);
        try (KeyValueIterator<String, EntityArticle> oldest = recent.reverseRange(prefix, RecentKeys.end(prefix))) {
            if (oldest.hasNext()) {
                KeyValue<String, EntityArticle> evicted = oldest.next();
                recent.delete(evicted.key);
                forwardRecent(key, evicted.value.getArticleId(), null, record);
                return 0;
            }
        }
        return 1;
    }

    private void forwardRecent(String entityKey, String articleId, EntityArticle value, Record<String, EntityEvent> cause) {
        context.forward(new Record<>(RecentKeys.prefix(entityKey) + articleId,
                new SinkUpdate(SinkUpdate.Kind.ARTICLE, value), cause.timestamp(), cause.headers()));
    }

    private void window(WindowStore<String, EntitySentimentWindow> store, Duration size, SinkUpdate.Kind kind,
                        String key, EntityEvent event, EntityIndex shown, long time, Record<String, EntityEvent> record) {
        long start = SentimentWindows.windowStart(time, size);
        if (SentimentWindows.closed(start, size, grace, context.currentStreamTimeMs())) {
            stats.late();
            return;
        }
        EntitySentimentWindow current = store.fetch(key, start);
        EntitySentimentWindow updated = SentimentWindows.apply(current, key, event, start, size,
                shown != null ? shown.getName() : event.getName(), shown != null ? shown.getType() : event.getType());
        if (current == null && updated == null) {
            return;
        }
        store.put(key, updated, start);
        top.windowChanged(size, key, start, current, updated);
        context.forward(new Record<>(SentimentWindows.outputKey(key, start), new SinkUpdate(kind, updated),
                record.timestamp(), record.headers()));
    }
}
