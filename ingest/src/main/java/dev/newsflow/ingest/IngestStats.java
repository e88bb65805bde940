package dev.newsflow.ingest;

import dev.newsflow.health.StageHealth;
import dev.newsflow.ingest.publish.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of the ingest stage, totals and per source, mirrored to Micrometer:
 * {@code newsflow.ingest.articles{source,outcome}} (outcome: fetched, published, duplicate,
 * failed), {@code newsflow.ingest.fetch.errors{source,reason}} and the timer
 * {@code newsflow.ingest.fetch.latency{source}}. Thread-safe.
 */
public final class IngestStats {
    private final MeterRegistry registry;
    private final LongAdder fetched = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder undelivered = new LongAdder();
    private final LongAdder fetchErrors = new LongAdder();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile StageHealth health;

    public IngestStats(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Where failed fetches and unacknowledged records are reported as the stage's last error. */
    public void reportTo(StageHealth stageHealth) {
        this.health = stageHealth;
    }

    private void error(String message) {
        StageHealth current = health;
        if (current != null) {
            current.error(message);
        }
    }

    public void fetched(String source) {
        fetched.increment();
        counter(source, "fetched").increment();
    }

    public void outcome(String source, Outcome outcome) {
        switch (outcome) {
            case PUBLISHED -> {
                published.increment();
                counter(source, "published").increment();
            }
            case DUPLICATE -> {
                duplicate.increment();
                counter(source, "duplicate").increment();
            }
            case UNDELIVERED -> {
                undelivered.increment();
                failed.increment();
                error("a record from " + source + " was not acknowledged by Kafka");
                counter(source, "failed").increment();
            }
            case INVALID -> {
                failed.increment();
                counter(source, "failed").increment();
            }
        }
    }

    public void fetchError(String source, String reason) {
        fetchErrors.increment();
        error("reading " + source + " failed: " + reason);
        counters.computeIfAbsent(source + "\u0000err\u0000" + reason, k -> Counter.builder("newsflow.ingest.fetch.errors")
                .description("Failed fetches or reads of a source, by reason").tag("source", source).tag("reason", reason)
                .register(registry)).increment();
    }

    public void fetchLatency(String source, Duration duration) {
        timers.computeIfAbsent(source, s -> Timer.builder("newsflow.ingest.fetch.latency")
                .description("Time to fetch a feed or page").tag("source", s).register(registry)).record(duration);
    }

    public IngestResult snapshot() {
        return new IngestResult(fetched.sum(), published.sum(), duplicate.sum(), failed.sum(), undelivered.sum(),
                fetchErrors.sum());
    }

    private Counter counter(String source, String outcome) {
        return counters.computeIfAbsent(source + "\u0000" + outcome, k -> Counter.builder("newsflow.ingest.articles")
                .description("Articles by source and outcome").tag("source", source).tag("outcome", outcome)
                .register(registry));
    }
}
