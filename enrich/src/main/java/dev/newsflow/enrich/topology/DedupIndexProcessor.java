package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupFingerprint;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the replicated band index: the global store's processor, fed by the fingerprint topic on
 * every instance (and on restore, record by record, so a fresh state directory ends up with the
 * same index). A fingerprint replaces the article's earlier one; a null value removes the
 * article. Entries whose record time is more than the horizon behind the newest one seen
 * are removed as the index goes (a global store has no punctuation).
 */
final class DedupIndexProcessor implements Processor<String, DedupFingerprint, Void, Void> {
    /** Expiry runs when the cut-off has moved at least this far since it last ran. */
    private static final long EXPIRY_STEP_MS = 60_000;
    private final String storeName;
    private final long horizonMs;
    private DedupIndex index;
    private long newest = Long.MIN_VALUE;
    private long expiredUpTo = Long.MIN_VALUE;

    DedupIndexProcessor(String storeName, long horizonMs) {
        this.storeName = storeName;
        this.horizonMs = horizonMs;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(storeName);
        this.index = new DedupIndex(store);
    }

    @Override
    public void process(Record<String, DedupFingerprint> record) {
        String id = record.key();
        if (id == null) {
            return;
        }
        DedupFingerprint fingerprint = record.value();
        if (fingerprint == null) {
            index.remove(id);
            return;
        }
        index.put(DedupIndex.Entry.of(id, fingerprint));
        newest = Math.max(newest, fingerprint.getSeenAt());
        long cutoff = newest - horizonMs;
        if (expiredUpTo == Long.MIN_VALUE || cutoff - expiredUpTo >= EXPIRY_STEP_MS) {
            index.expire(cutoff);
            expiredUpTo = cutoff;
        }
    }
}
