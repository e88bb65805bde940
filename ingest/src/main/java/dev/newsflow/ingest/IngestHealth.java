package dev.newsflow.ingest;

import dev.newsflow.health.StageHealth;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ingest stage's part of {@code /health}: {@code STARTING} until its topic is there, its
 * dedup index rebuilt and its producer created, then {@code RUNNING}, and {@code DOWN} once
 * closed or when starting failed. The last error is the last failed fetch or read of a source,
 * or the last record the broker did not acknowledge; the detail holds the counts.
 */
public final class IngestHealth extends StageHealth {
    private volatile Phase phase = Phase.STARTING;
    private volatile Instant since;
    private volatile String downReason;
    private final Supplier<IngestResult> counts;
    private final java.util.function.IntSupplier waiting;

    /**
     * @param counts  the stage's counts
     * @param waiting records waiting to be sent again because Kafka did not take them (not ready while any)
     */
    public IngestHealth(Clock clock, Supplier<IngestResult> counts, java.util.function.IntSupplier waiting) {
        super("ingest", clock);
        this.counts = counts;
        this.waiting = waiting;
        this.since = clock.instant();
    }

    void running() {
        set(Phase.RUNNING, null);
    }

    void down(String why) {
        set(Phase.DOWN, why);
    }

    private void set(Phase next, String why) {
        phase = next;
        downReason = why;
        since = clock.instant();
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public String reason() {
        return switch (phase) {
            case RUNNING -> {
                int n = waiting.getAsInt();
                yield n == 0 ? null : n + " record(s) waiting to be sent again: Kafka did not acknowledge them";
            }
            case STARTING -> "starting (creating the raw topic, rebuilding the dedup index)";
            default -> downReason == null ? "stopped" : downReason;
        };
    }

    @Override
    protected Map<String, Object> detail() {
        IngestResult now = counts.get();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("fetched", now.fetched());
        detail.put("published", now.published());
        detail.put("duplicate", now.duplicate());
        detail.put("failed", now.failed());
        detail.put("undelivered", now.undelivered());
        detail.put("fetchErrors", now.fetchErrors());
        return detail;
    }
}
