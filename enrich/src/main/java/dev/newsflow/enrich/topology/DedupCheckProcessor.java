package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupFingerprint;
import dev.newsflow.enrich.dedup.NearDuplicates;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Near-duplicate detection right after enrichment, in the same task and transaction: fingerprints
 * the article, looks up the articles seen earlier (raw record time, then id) within the horizon
 * that share a band, in the replicated index ({@link DedupIndex}) and in what this instance wrote
 * lately ({@link RecentFingerprints}), verifies them oldest first on the shingles, and writes the
 * article with {@code duplicateOf} set to the first verified one (null for an original) together
 * with its own fingerprint for the index. A tombstone goes to both outputs; a text too short to
 * compare leaves the index (if an earlier version of it was there) and is written as an original.
 */
final class DedupCheckProcessor implements Processor<String, EnrichedArticle, String, SpecificRecord> {
    private static final Comparator<DedupIndex.Candidate> ORDER =
            Comparator.comparingLong(DedupIndex.Candidate::seenAt).thenComparing(DedupIndex.Candidate::id);
    private final NearDuplicates detector;
    private final long horizonMs;
    private final String indexStoreName;
    private final RecentFingerprints recent;
    private final EnrichMetrics metrics;
    private final String articleSink;
    private final String fingerprintSink;
    private ProcessorContext<String, SpecificRecord> context;
    private DedupIndex index;

    DedupCheckProcessor(NearDuplicates detector, long horizonMs, String indexStoreName, RecentFingerprints recent,
                        EnrichMetrics metrics, String articleSink, String fingerprintSink) {
        this.detector = detector;
        this.horizonMs = horizonMs;
        this.indexStoreName = indexStoreName;
        this.recent = recent;
        this.metrics = metrics;
        this.articleSink = articleSink;
        this.fingerprintSink = fingerprintSink;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        ReadOnlyKeyValueStore<Bytes, byte[]> store = context.getStateStore(indexStoreName);
        this.index = new DedupIndex(store);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        String id = record.key();
        EnrichedArticle article = record.value();
        if (article == null || id == null) {
            if (id != null) {
                recent.remove(id);
                context.forward(record.<SpecificRecord>withValue(null), fingerprintSink);
            }
            context.forward(record.<SpecificRecord>withValue(null), articleSink);
            return;
        }
        NearDuplicates.Fingerprint fingerprint = detector.fingerprint(article.getBody());
        if (fingerprint.comparable()) {
            DedupIndex.Entry self = new DedupIndex.Entry(id, record.timestamp(), fingerprint.bandKeys(),
                    fingerprint.sample(), fingerprint.rate());
            Match match = earliestMatch(self);
            if (match != null) {
                article.setDuplicateOf(match.id());
                article.setDuplicateSimilarity(Math.round(match.similarity() * 1000) / 1000.0);
                metrics.nearDuplicate();
            }
            recent.add(self);
            DedupFingerprint value = self.fingerprint();
            context.forward(record.<SpecificRecord>withValue(value), fingerprintSink);
        } else if (recent.contains(id) || index.get(id) != null) {
            recent.remove(id);
            context.forward(record.<SpecificRecord>withValue(null), fingerprintSink);
        }
        metrics.written();
        context.forward(record.<SpecificRecord>withValue(article), articleSink);
    }

    private record Match(String id, double similarity) {
    }

    /** The earliest earlier article within the horizon that shares a band with {@code self} and is verified. */
    private Match earliestMatch(DedupIndex.Entry self) {
        Map<String, DedupIndex.Candidate> candidates = new HashMap<>();
        long[] bands = self.bands();
        for (int band = 0; band < bands.length; band++) {
            for (DedupIndex.Candidate candidate : index.band(band, bands[band])) {
                candidates.putIfAbsent(candidate.id(), candidate);
            }
        }
        Map<String, DedupIndex.Entry> unindexed = new HashMap<>();
        for (DedupIndex.Entry entry : recent.sharingABand(bands)) {
            DedupIndex.Candidate indexed = candidates.get(entry.id());
            if (indexed != null && indexed.seenAt() == entry.seenAt()) {
                recent.remove(entry.id()); // the index has it now
            } else {
                candidates.put(entry.id(), new DedupIndex.Candidate(entry.id(), entry.seenAt()));
                unindexed.put(entry.id(), entry);
            }
        }
        DedupIndex.Candidate selfKey = new DedupIndex.Candidate(self.id(), self.seenAt());
        List<DedupIndex.Candidate> earlier = new ArrayList<>();
        for (DedupIndex.Candidate candidate : candidates.values()) {
            if (!candidate.id().equals(self.id()) && ORDER.compare(candidate, selfKey) < 0
                    && candidate.seenAt() >= self.seenAt() - horizonMs) {
                earlier.add(candidate);
            }
        }
        earlier.sort(ORDER);
        for (DedupIndex.Candidate candidate : earlier) {
            DedupIndex.Entry other = unindexed.containsKey(candidate.id()) ? unindexed.get(candidate.id()) : index.get(candidate.id());
            if (other == null || other.seenAt() != candidate.seenAt()) {
                continue; // replaced or removed since the band was read
            }
            double similarity = NearDuplicates.sampledSimilarity(self.shingles(), self.rate(), other.shingles(), other.rate());
            if (similarity >= detector.threshold()) {
                return new Match(other.id(), similarity);
            }
        }
        return null;
    }
}
