package dev.newsflow.sink.top;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The precomputed {@code /entities/top} rankings of this instance: what each active task of
 * the entity stores keeps ({@link TaskRankings}), by partition. Shared by the topology, which
 * registers a task's rankings once its stores are restored and withdraws them when the task
 * closes, and the query API, which reads them.
 */
public final class TopRankings {
    private final List<Duration> windows;
    private final Duration refresh;
    private final ConcurrentMap<Integer, TaskRankings> byPartition = new ConcurrentHashMap<>();

    /**
     * @param windows the windows (request lengths like 24h) to keep rankings for
     * @param refresh how often (wall clock) the rankings move on to the current hour or day
     */
    public TopRankings(List<Duration> windows, Duration refresh) {
        this.windows = List.copyOf(windows);
        this.refresh = refresh;
    }

    public List<Duration> windows() {
        return windows;
    }

    public Duration refresh() {
        return refresh;
    }

    public void register(TaskRankings task) {
        byPartition.put(task.partition(), task);
    }

    public void unregister(TaskRankings task) {
        byPartition.remove(task.partition(), task);
    }

    /**
     * Every entity's totals over {@code span} in {@code partitions} (only of {@code type} unless
     * it is null), or empty when one of the partitions keeps no ranking of exactly this span:
     * its task is not running here (yet), or has not rolled on past a window boundary yet.
     */
    public Optional<List<TopEntry>> totals(WindowSpan span, Collection<Integer> partitions, String type) {
        List<Map<String, EntityTotals>> found = new ArrayList<>(partitions.size());
        for (int partition : partitions) {
            TaskRankings task = byPartition.get(partition);
            Map<String, EntityTotals> totals = task == null ? null : task.totals(span);
            if (totals == null) {
                return Optional.empty();
            }
            found.add(totals);
        }
        List<TopEntry> entries = new ArrayList<>();
        for (Map<String, EntityTotals> totals : found) {
            for (EntityTotals entity : totals.values()) {
                if (type == null || type.equals(entity.type())) {
                    entries.add(entity.entry());
                }
            }
        }
        return Optional.of(entries);
    }
}
