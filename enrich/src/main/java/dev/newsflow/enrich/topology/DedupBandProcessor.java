package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupProbe;
import dev.newsflow.enrich.avro.DedupReport;
import dev.newsflow.enrich.dedup.NearDuplicates;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Second step, keyed by fingerprint band: compares the probe with every article seen earlier in
 * the same band within the horizon, verifies each on the shingles (shared over the shorter's),
 * reports the earliest verified one back keyed by the article's id, and remembers the probe.
 * "Earlier" is by raw record time, then id, the same order in every band, so two copies never
 * name each other.
 */
final class DedupBandProcessor implements Processor<String, DedupProbe, String, DedupReport> {
    private final String storeName;
    private final long horizonMs;
    private final double threshold;
    private ProcessorContext<String, DedupReport> context;
    private WindowStore<String, DedupProbe> seen;

    DedupBandProcessor(String storeName, long horizonMs, double threshold) {
        this.storeName = storeName;
        this.horizonMs = horizonMs;
        this.threshold = threshold;
    }

    @Override
    public void init(ProcessorContext<String, DedupReport> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, DedupProbe> record) {
        DedupProbe probe = record.value();
        if (probe == null || record.key() == null) {
            return;
        }
        int[] shingles = DedupSerdes.unpack(probe.getShingles());
        DedupProbe best = null;
        double bestSimilarity = 0;
        try (WindowStoreIterator<DedupProbe> earlier = seen.fetch(record.key(), probe.getSeenAt() - horizonMs, probe.getSeenAt())) {
            while (earlier.hasNext()) {
                KeyValue<Long, DedupProbe> entry = earlier.next();
                DedupProbe other = entry.value;
                if (other.getId().equals(probe.getId()) || !before(other, probe) || (best != null && !before(other, best))) {
                    continue;
                }
                double similarity = NearDuplicates.sampledSimilarity(shingles, probe.getRate(),
                        DedupSerdes.unpack(other.getShingles()), other.getRate());
                if (similarity >= threshold) {
                    best = other;
                    bestSimilarity = similarity;
                }
            }
        }
        seen.put(record.key(), probe, probe.getSeenAt());
        DedupReport.Builder report = DedupReport.newBuilder().setVersion(probe.getVersion()).setReports(1);
        if (best != null) {
            report.setMatch(best.getId()).setMatchSeenAt(best.getSeenAt()).setSimilarity(bestSimilarity);
        }
        context.forward(record.withKey(probe.getId()).withValue(report.build()));
    }

    /** The order copies are told apart by: raw record time, then id. */
    static boolean before(DedupProbe a, DedupProbe b) {
        return before(a.getSeenAt(), a.getId(), b.getSeenAt(), b.getId());
    }

    static boolean before(long aTime, String aId, long bTime, String bId) {
        return aTime < bTime || (aTime == bTime && aId.compareTo(bId) < 0);
    }
}
