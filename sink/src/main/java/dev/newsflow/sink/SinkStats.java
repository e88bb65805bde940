package dev.newsflow.sink;

import dev.newsflow.health.StageHealth;
import dev.newsflow.schemas.DeadLetterRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters the storage topology updates, registered in Micrometer. The number of stored
 * articles is exact: each active task counts its store when it starts and keeps the count.
 */
public final class SinkStats {
    /** The dead-letter reasons the sink writes. */
    static final java.util.List<DeadLetterRecords.Reason> REASONS = java.util.List.of(
            DeadLetterRecords.Reason.UNREADABLE, DeadLetterRecords.Reason.PROCESSING, DeadLetterRecords.Reason.PRODUCTION);

    private final Map<String, AtomicLong> storedByTask = new ConcurrentHashMap<>();
    private final Counter upserts;
    private final Counter deletes;
    private final Counter duplicates;
    private final Counter late;
    private final Counter malformed;
    private final Counter entityEvents;
    private final Map<DeadLetterRecords.Reason, Counter> deadLettered = new EnumMap<>(DeadLetterRecords.Reason.class);
    private final Timer pipelineLatency;
    private volatile StageHealth health;

    public SinkStats(MeterRegistry registry) {
        upserts = Counter.builder("newsflow.sink.articles.upserts").description("Articles stored or replaced")
                .register(registry);
        deletes = Counter.builder("newsflow.sink.articles.deletes").description("Articles deleted by a tombstone")
                .register(registry);
        duplicates = Counter.builder("newsflow.sink.articles.unchanged")
                .description("Records identical to the stored article (skipped)").register(registry);
        late = Counter.builder("newsflow.sink.window.late")
                .description("Entity contributions too late for their sentiment window (after grace)").register(registry);
        malformed = Counter.builder("newsflow.sink.records.malformed")
                .description("Input records that could not be read (sent to the dead-letter topic)").register(registry);
        entityEvents = Counter.builder("newsflow.sink.entity.events")
                .description("Article contributions applied to the entity index (adds and withdrawals)").register(registry);
        // Registered at zero for every reason the sink writes, so an alert has a series to watch before the first one.
        for (DeadLetterRecords.Reason reason : REASONS) {
            deadLettered.put(reason, Counter.builder("newsflow.sink.dlq")
                    .description("Records the sink sent to the dead-letter topic, by reason").tag("reason", reason.label())
                    .register(registry));
        }
        pipelineLatency = Timer.builder("newsflow.pipeline.latency")
                .description("End to end: from ingestion (the newsflow.ingested.at header ingest writes) to the article stored by the sink")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("newsflow.sink.articles.stored", this, SinkStats::storedArticles)
                .description("Articles held by this instance's active tasks").register(registry);
    }

    /** Stats that go nowhere (tests, tools). */
    public static SinkStats detached() {
        return new SinkStats(new SimpleMeterRegistry());
    }

    public long storedArticles() {
        return storedByTask.values().stream().mapToLong(AtomicLong::get).sum();
    }

    AtomicLong taskCounter(String taskId, long initial) {
        AtomicLong counter = new AtomicLong(initial);
        storedByTask.put(taskId, counter);
        return counter;
    }

    void taskClosed(String taskId) {
        storedByTask.remove(taskId);
    }

    void upserted() {
        upserts.increment();
    }

    void deleted() {
        deletes.increment();
    }

    void unchanged() {
        duplicates.increment();
    }

    void late() {
        late.increment();
    }

    void entityEvent() {
        entityEvents.increment();
    }

    /** Article contributions applied to the entity index by this instance since it started. */
    public long entityEventsApplied() {
        return (long) entityEvents.count();
    }

    /** Counts a record sent to the dead-letter topic and makes it the stage's last error. */
    public void deadLettered(DeadLetterRecords.Reason reason, String what) {
        if (reason != DeadLetterRecords.Reason.PRODUCTION) {
            malformed.increment();
        }
        deadLettered.get(reason).increment();
        StageHealth current = health;
        if (current != null) {
            current.error("dead-lettered " + what + ": " + reason.label());
        }
    }

    /** Where dead letters are reported as the stage's last error. */
    public void reportTo(StageHealth stageHealth) {
        this.health = stageHealth;
    }

    /** Records the time from ingestion to storage of one article. */
    void stored(Duration sinceIngested) {
        if (!sinceIngested.isNegative()) {
            pipelineLatency.record(sinceIngested);
        }
    }
}
