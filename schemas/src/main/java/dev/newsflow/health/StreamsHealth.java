package dev.newsflow.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * What a Kafka Streams stage is doing, for {@code /health}: {@code RUNNING}, {@code REBALANCING}
 * (no store restoring), {@code RESTORING} (which changelog partitions, how far), {@code STUCK}
 * (a rebalance, or a restoration without progress, longer than the grace period) or
 * {@code DOWN} (the client stopped or failed), with how long it has been so.
 *
 * <p>Liveness: the Streams client is not in a terminal state. Readiness: it is running, or has
 * been rebalancing or restoring for less than the grace period. A stage registers this object
 * as its state listener's delegate and as the global state restore listener.
 */
public final class StreamsHealth extends StageHealth implements StateRestoreListener {

    private record Restore(String store, long start, long end, long position, Instant started, Instant progressed) {
    }

    private final Duration grace;
    private final Map<TopicPartition, Restore> restoring = new ConcurrentHashMap<>();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile Instant since;
    private volatile java.util.function.Supplier<Map<String, Object>> extra = Map::of;

    /**
     * @param stage the stage's name in /health (enrich, sink)
     * @param grace how long a rebalance or restoration may last before the stage is not ready
     */
    public StreamsHealth(String stage, Duration grace, Clock clock) {
        super(stage, clock);
        this.grace = grace;
        this.since = clock.instant();
    }

    /** Adds the stage's own fields (stored articles, instance...) to the detail of /health. */
    public StreamsHealth withDetail(java.util.function.Supplier<Map<String, Object>> fields) {
        this.extra = fields;
        return this;
    }

    @Override
    public Instant since() {
        return since;
    }

    /** Call from the stage's {@link KafkaStreams.StateListener}. */
    public void onStateChange(KafkaStreams.State newState) {
        state = newState;
        since = clock.instant();
        if (!newState.isRunningOrRebalancing()) {
            restoring.clear();
        }
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        Instant now = clock.instant();
        restoring.put(partition, new Restore(store, startingOffset, endingOffset, startingOffset, now, now));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoring.computeIfPresent(partition, (tp, r) ->
                new Restore(r.store(), r.start(), r.end(), batchEndOffset + 1, r.started(), clock.instant()));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
    }

    @Override
    public Phase phase() {
        KafkaStreams.State current = state;
        Instant now = clock.instant();
        switch (current) {
            case CREATED:
                return Phase.STARTING;
            case RUNNING:
                return Phase.RUNNING;
            case REBALANCING:
                if (restoring.isEmpty()) {
                    return Duration.between(since, now).compareTo(grace) > 0 ? Phase.STUCK : Phase.REBALANCING;
                }
                boolean stalled = restoring.values().stream()
                        .anyMatch(r -> Duration.between(r.progressed(), now).compareTo(grace) > 0);
                return stalled ? Phase.STUCK : Phase.RESTORING;
            default:
                return Phase.DOWN;
        }
    }

    /** Why the stage is not ready, null when it is. */
    @Override
    public String reason() {
        Phase phase = phase();
        long seconds = Duration.between(since, clock.instant()).toSeconds();
        return switch (phase) {
            case RUNNING -> null;
            case REBALANCING, RESTORING -> Duration.between(since, clock.instant()).compareTo(grace) <= 0 ? null
                    : phase.name().toLowerCase() + " for " + seconds + " s, longer than " + grace.toSeconds() + " s";
            case STUCK -> restoring.isEmpty()
                    ? "rebalancing for " + seconds + " s without finishing"
                    : "restoring without progress for more than " + grace.toSeconds() + " s on " + stalledPartitions();
            case STARTING -> "starting";
            case DOWN -> "Kafka Streams is " + state;
        };
    }

    /** The Streams state, the restoring changelog partitions (how far, since when) and the stage's own fields. */
    @Override
    protected Map<String, Object> detail() {
        Instant now = clock.instant();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("streams", state.name());
        List<Map<String, Object>> partitions = new ArrayList<>();
        restoring.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, Restore> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()))
                .forEach(e -> {
                    Restore r = e.getValue();
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("partition", e.getKey().toString());
                    p.put("store", r.store());
                    p.put("position", r.position());
                    p.put("end", r.end());
                    p.put("remaining", Math.max(0, r.end() - r.position()));
                    p.put("restoringForSeconds", Duration.between(r.started(), now).toSeconds());
                    p.put("lastProgressSecondsAgo", Duration.between(r.progressed(), now).toSeconds());
                    partitions.add(p);
                });
        json.put("restoring", partitions);
        json.putAll(extra.get());
        return json;
    }

    private List<String> stalledPartitions() {
        Instant now = clock.instant();
        return restoring.entrySet().stream()
                .filter(e -> Duration.between(e.getValue().progressed(), now).compareTo(grace) > 0)
                .map(e -> e.getKey().toString()).sorted().toList();
    }
}
