package dev.newsflow.sink;

import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.EntityIndexes;
import dev.newsflow.sink.store.SentimentWindows;
import dev.newsflow.sink.store.SinkStores;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies entity events (partitioned by entity) to the entity index and to the hourly and
 * daily sentiment windows, and forwards every changed index entry and window (or its
 * tombstone) as a {@link SinkUpdate} for the compacted output topics.
 *
 * <p>A contribution whose window is closed (window end + grace at or before stream time) is
 * not applied to that window: closed windows are final, as in the DSL's windowed aggregations.
 */
final class EntityProcessor implements Processor<String, EntityEvent, String, SinkUpdate> {
    private final SinkStats stats;
    private final int maxRecent;
    private final Duration grace;
    private ProcessorContext<String, SinkUpdate> context;
    private KeyValueStore<String, EntityIndex> index;
    private WindowStore<String, EntitySentimentWindow> hourly;
    private WindowStore<String, EntitySentimentWindow> daily;

    EntityProcessor(SinkStats stats, int maxRecent, Duration grace) {
        this.stats = stats;
        this.maxRecent = maxRecent;
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, SinkUpdate> context) {
        this.context = context;
        this.index = context.getStateStore(SinkStores.ENTITY_INDEX);
        this.hourly = context.getStateStore(SinkStores.SENTIMENT_HOURLY);
        this.daily = context.getStateStore(SinkStores.SENTIMENT_DAILY);
    }

    @Override
    public void process(Record<String, EntityEvent> record) {
        String key = record.key();
        EntityEvent event = record.value();
        if (key == null || event == null) {
            return;
        }
        stats.entityEvent();
        EntityIndex updated = EntityIndexes.apply(index.get(key), key, event, maxRecent);
        if (updated == null) {
            index.delete(key);
        } else {
            index.put(key, updated);
        }
        context.forward(record.withValue(new SinkUpdate(SinkUpdate.Kind.INDEX, updated)));

        long time = event.getArticle().getTime().toEpochMilli();
        window(hourly, SinkStores.HOUR, SinkUpdate.Kind.HOURLY, key, event, time, record);
        window(daily, SinkStores.DAY, SinkUpdate.Kind.DAILY, key, event, time, record);
    }

    private void window(WindowStore<String, EntitySentimentWindow> store, Duration size, SinkUpdate.Kind kind,
                        String key, EntityEvent event, long time, Record<String, EntityEvent> record) {
        long start = SentimentWindows.windowStart(time, size);
        if (SentimentWindows.closed(start, size, grace, context.currentStreamTimeMs())) {
            stats.late();
            return;
        }
        EntitySentimentWindow updated = SentimentWindows.apply(store.fetch(key, start), key, event, start, size);
        store.put(key, updated, start);
        context.forward(new Record<>(SentimentWindows.outputKey(key, start), new SinkUpdate(kind, updated),
                record.timestamp(), record.headers()));
    }
}
