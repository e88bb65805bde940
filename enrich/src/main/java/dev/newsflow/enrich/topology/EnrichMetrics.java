package dev.newsflow.enrich.topology;

import dev.newsflow.health.StageHealth;
import dev.newsflow.schemas.DeadLetterRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Metrics of the enrich stage (Micrometer), plus totals the {@code run} command shows as progress. */
public final class EnrichMetrics {
    private final MeterRegistry registry;
    private final Counter in;
    private final Counter out;
    private final Counter duplicates;
    private final Counter tombstones;
    private final Timer latency;
    private final DistributionSummary entities;
    private final AtomicLong enrichedTotal = new AtomicLong();
    private final AtomicLong deadLetteredTotal = new AtomicLong();
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private volatile StageHealth health;
    private final AtomicLong writtenTotal = new AtomicLong();
    private final Counter nearDuplicates;
    private final Counter indexSkipped;

    public EnrichMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.in = Counter.builder("newsflow.enrich.records.in").description("Raw records read").register(registry);
        this.out = Counter.builder("newsflow.enrich.records.out").description("Enriched records written").register(registry);
        this.duplicates = Counter.builder("newsflow.enrich.duplicates")
                .description("Articles skipped because the same content was already enriched").register(registry);
        this.nearDuplicates = Counter.builder("newsflow.enrich.near.duplicates")
                .description("Articles written as near-duplicates of an earlier one (duplicateOf set)").register(registry);
        this.indexSkipped = Counter.builder("newsflow.enrich.dedup.index.skipped")
                .description("Fingerprint records left out of the near-duplicate index because they could not be read or applied")
                .register(registry);
        this.tombstones = Counter.builder("newsflow.enrich.tombstones").description("Tombstones passed through").register(registry);
        this.latency = Timer.builder("newsflow.enrich.latency").description("Time the engine takes per article")
                .publishPercentileHistogram().register(registry);
        this.entities = DistributionSummary.builder("newsflow.enrich.entities").description("Entities per enriched article")
                .register(registry);
        // Registered at zero for every reason enrich writes, so an alert has a series to watch before the first one.
        for (DeadLetterRecords.Reason reason : REASONS) {
            deadLettered.put(reason.label(), dlqCounter(reason.label()));
        }
    }

    /** The dead-letter reasons the enrich stage writes. */
    static final List<DeadLetterRecords.Reason> REASONS = List.of(DeadLetterRecords.Reason.DESERIALIZATION,
            DeadLetterRecords.Reason.INVALID_ARTICLE, DeadLetterRecords.Reason.TOO_LARGE, DeadLetterRecords.Reason.ENGINE_ERROR,
            DeadLetterRecords.Reason.PRODUCTION, DeadLetterRecords.Reason.SERIALIZATION);

    private Counter dlqCounter(String reason) {
        return Counter.builder("newsflow.enrich.dlq").description("Records enrich sent to the dead-letter topic, by reason")
                .tag("reason", reason).register(registry);
    }

    /** Where dead letters are reported as the stage's last error. */
    public void reportTo(StageHealth stageHealth) {
        this.health = stageHealth;
    }

    public static EnrichMetrics noop() {
        return new EnrichMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void recordIn() {
        in.increment();
    }

    void enriched(Duration took, int entityCount) {
        out.increment();
        latency.record(took);
        entities.record(entityCount);
        enrichedTotal.incrementAndGet();
    }

    void nearDuplicate() {
        nearDuplicates.increment();
    }

    /** A fingerprint record the global thread could not put in the band index (the article itself is already written). */
    void indexSkipped(String what, String cause) {
        indexSkipped.increment();
        StageHealth current = health;
        if (current != null) {
            current.error("fingerprint " + what + " left out of the near-duplicate index: " + cause);
        }
    }

    /** An enriched article written after the near-duplicate check. */
    void written() {
        writtenTotal.incrementAndGet();
    }

    /** Enriched articles this instance wrote to the output topic since start (after the near-duplicate check when on). */
    public long writtenTotal() {
        return writtenTotal.get();
    }

    void duplicate() {
        duplicates.increment();
    }

    void tombstone() {
        tombstones.increment();
        out.increment();
    }

    void deadLettered(String reason, String what) {
        deadLettered.computeIfAbsent(reason, this::dlqCounter).increment();
        deadLetteredTotal.incrementAndGet();
        StageHealth current = health;
        if (current != null) {
            current.error("dead-lettered " + what + ": " + reason);
        }
    }

    /** Articles enriched by this instance since start. */
    public long enrichedTotal() {
        return enrichedTotal.get();
    }

    /** Records dead-lettered by this instance since start. */
    public long deadLetteredTotal() {
        return deadLetteredTotal.get();
    }
}
