package dev.newsflow.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one stage (ingest, enrich, sink) is doing, in the one shape every stage's {@code /health}
 * answers with: phase, since when, liveness, readiness and why not, the last error, and a
 * stage's own detail. {@link StreamsHealth} is the Kafka Streams stages' kind; ingest has its own.
 *
 * <p>Liveness: the process is worth keeping (false only once the stage stopped or failed for
 * good). Readiness: the stage does its work now; {@link #reason()} says why not.
 */
public abstract class StageHealth {
    /** The phase /health reports. */
    public enum Phase { STARTING, RUNNING, REBALANCING, RESTORING, STUCK, DOWN }

    /** The most recent error a stage saw (a failed fetch, a dead-lettered record, a dead thread). */
    public record LastError(Instant at, String message) {
    }

    private final String stage;
    protected final Clock clock;
    private final AtomicReference<LastError> lastError = new AtomicReference<>();

    protected StageHealth(String stage, Clock clock) {
        this.stage = stage;
        this.clock = clock;
    }

    /** The stage's name: ingest, enrich or sink. */
    public final String stage() {
        return stage;
    }

    public abstract Phase phase();

    /** When the stage entered its current state. */
    public abstract Instant since();

    /** Why the stage is not ready, null when it is. */
    public abstract String reason();

    /** The stage's own fields of /health (Streams state and restoring partitions, counts...). */
    protected abstract Map<String, Object> detail();

    /** Whether the process should be kept: false once the stage has stopped or failed for good. */
    public boolean live() {
        return phase() != Phase.DOWN;
    }

    /** Whether the stage does its work now (or will within its grace period). */
    public boolean ready() {
        return reason() == null;
    }

    /** Remembers {@code message} as the last error /health shows. */
    public void error(String message) {
        lastError.set(new LastError(clock.instant(), message));
    }

    /** The last error recorded, null when none. */
    public LastError lastError() {
        return lastError.get();
    }

    /** This stage's part of /health. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        Phase phase = phase();
        Instant since = since();
        json.put("phase", phase.name());
        json.put("since", since.toString());
        json.put("forSeconds", Duration.between(since, clock.instant()).toSeconds());
        json.put("live", phase != Phase.DOWN);
        String reason = reason();
        json.put("ready", reason == null);
        if (reason != null) {
            json.put("reason", reason);
        }
        LastError error = lastError.get();
        if (error == null) {
            json.put("lastError", null);
        } else {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("at", error.at().toString());
            last.put("message", error.message());
            json.put("lastError", last);
        }
        json.put("detail", detail());
        return json;
    }

    /** Whether every stage is ready. */
    public static boolean allReady(List<? extends StageHealth> stages) {
        return stages.stream().allMatch(StageHealth::ready);
    }

    /** Whether every stage is live. */
    public static boolean allLive(List<? extends StageHealth> stages) {
        return stages.stream().allMatch(StageHealth::live);
    }

    /**
     * The body of {@code /health} for the stages one process runs (one, or three for
     * {@code run}): {@code status} (UP when every stage is ready, STARTING or NOT_READY while one
     * is not, DOWN once one is not live), {@code live}, {@code ready}, the first reason, and each
     * stage's part under {@code stages}.
     */
    public static Map<String, Object> report(List<? extends StageHealth> stages) {
        Map<String, Object> json = new LinkedHashMap<>();
        boolean live = allLive(stages);
        boolean ready = allReady(stages);
        boolean starting = stages.stream().anyMatch(s -> s.phase() == Phase.STARTING);
        json.put("status", !live ? "DOWN" : ready ? "UP" : starting ? "STARTING" : "NOT_READY");
        json.put("live", live);
        json.put("ready", ready);
        stages.stream().filter(s -> s.reason() != null).findFirst()
                .ifPresent(s -> json.put("reason", s.stage() + ": " + s.reason()));
        Map<String, Object> each = new LinkedHashMap<>();
        stages.forEach(s -> each.put(s.stage(), s.toJson()));
        json.put("stages", each);
        return json;
    }
}
