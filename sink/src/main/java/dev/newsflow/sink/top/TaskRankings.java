package dev.newsflow.sink.top;

import dev.newsflow.sink.avro.EntitySentimentWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The rankings one task keeps for its partition: for each precomputed window (24h, 7d, ...)
 * every entity's totals over the span that ends now. Built from the task's window stores when
 * the task starts (stores restored), changed by the stream thread with every window it
 * writes, and rolled on to the next span by a wall-clock punctuation. The query API reads
 * them from other threads: each {@link Ranking} is published whole, its entries are immutable.
 */
public final class TaskRankings {
    private final int partition;
    private final List<Duration> windows;
    private final WindowStore<String, EntitySentimentWindow> hourly;
    private final WindowStore<String, EntitySentimentWindow> daily;
    private volatile List<Ranking> rankings = List.of();

    /** Entity key to totals over {@code span}; written by the stream thread only. */
    record Ranking(WindowSpan span, ConcurrentMap<String, EntityTotals> totals) {
    }

    public TaskRankings(int partition, List<Duration> windows, WindowStore<String, EntitySentimentWindow> hourly,
                        WindowStore<String, EntitySentimentWindow> daily) {
        this.partition = partition;
        this.windows = List.copyOf(windows);
        this.hourly = hourly;
        this.daily = daily;
    }

    public int partition() {
        return partition;
    }

    /**
     * Moves every ranking to the span that ends at {@code now} (wall clock, epoch ms). A ranking
     * whose span is unchanged is kept; a new span is summed from the store (once an hour or a day).
     */
    public void roll(long now) {
        List<Ranking> current = rankings;
        List<Ranking> next = new ArrayList<>(windows.size());
        for (Duration window : windows) {
            WindowSpan span = WindowSpan.ending(Instant.ofEpochMilli(now), window);
            Ranking kept = find(current, span);
            next.add(kept != null ? kept : new Ranking(span, new ConcurrentHashMap<>(scan(span))));
        }
        rankings = List.copyOf(next);
    }

    /** Applies a change of the window of {@code size} starting at {@code windowStart} (null: absent). */
    public void windowChanged(Duration size, String key, long windowStart, EntitySentimentWindow before,
                              EntitySentimentWindow after) {
        for (Ranking ranking : rankings) {
            if (!ranking.span().size().equals(size) || !ranking.span().contains(windowStart)) {
                continue;
            }
            EntityTotals current = ranking.totals().get(key);
            EntityTotals next = current != null && current.losesLatest(windowStart, after)
                    ? read(ranking.span(), key)
                    : EntityTotals.change(current, windowStart, before, after);
            if (next == null) {
                ranking.totals().remove(key);
            } else {
                ranking.totals().put(key, next);
            }
        }
    }

    /** The totals kept over exactly {@code span}, or null when this task keeps none for it. */
    Map<String, EntityTotals> totals(WindowSpan span) {
        Ranking ranking = find(rankings, span);
        return ranking == null ? null : ranking.totals();
    }

    private static Ranking find(List<Ranking> rankings, WindowSpan span) {
        for (Ranking ranking : rankings) {
            if (ranking.span().equals(span)) {
                return ranking;
            }
        }
        return null;
    }

    private WindowStore<String, EntitySentimentWindow> store(WindowSpan span) {
        return span.daily() ? daily : hourly;
    }

    private Map<String, EntityTotals> scan(WindowSpan span) {
        if (span.isEmpty()) {
            return Map.of();
        }
        try (KeyValueIterator<Windowed<String>, EntitySentimentWindow> it = store(span).fetchAll(span.from(), span.to())) {
            return EntityTotals.sum(it, null);
        }
    }

    private EntityTotals read(WindowSpan span, String key) {
        try (WindowStoreIterator<EntitySentimentWindow> it = store(span).fetch(key, span.from(), span.to())) {
            return EntityTotals.sum(it, null).get(key);
        }
    }
}
