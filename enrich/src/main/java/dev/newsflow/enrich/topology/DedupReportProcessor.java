package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupReport;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Last step, keyed by article id: holds the enriched article in a store until every band has
 * reported, then writes it with {@code duplicateOf} set to the earliest verified copy (null for
 * an original). A newer version of the article replaces a pending one; reports about a version
 * no longer pending are counted as stale and left; a tombstone clears the pending article and
 * passes.
 */
final class DedupReportProcessor implements Processor<String, DedupReport, String, EnrichedArticle> {
    private final String storeName;
    private final String articleStoreName;
    private final EnrichMetrics metrics;
    private final AvroSerde<EnrichedArticle> articles = AvroSerde.of(EnrichedArticle.class);
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, DedupReport> pending;
    private KeyValueStore<String, byte[]> pendingArticles;

    DedupReportProcessor(String storeName, String articleStoreName, EnrichMetrics metrics) {
        this.storeName = storeName;
        this.articleStoreName = articleStoreName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.pending = context.getStateStore(storeName);
        this.pendingArticles = context.getStateStore(articleStoreName);
    }

    @Override
    public void process(Record<String, DedupReport> record) {
        String id = record.key();
        DedupReport report = record.value();
        if (id == null) {
            return;
        }
        if (report == null) {
            if (pending.get(id) != null) {
                pending.delete(id);
                pendingArticles.delete(id);
            }
            context.forward(record.withValue(null));
            return;
        }
        DedupReport state;
        byte[] article = null;
        if (report.getArticle() != null) {
            ByteBuffer bytes = report.getArticle().duplicate();
            article = new byte[bytes.remaining()];
            bytes.get(article);
            state = DedupReport.newBuilder(report).setArticle(null).build();
        } else {
            state = pending.get(id);
            if (state == null || !state.getVersion().equals(report.getVersion())) {
                metrics.staleDedupReport();
                return;
            }
            state.setReports(state.getReports() + 1);
            if (report.getMatch() != null && (state.getMatch() == null || DedupBandProcessor.before(
                    report.getMatchSeenAt(), report.getMatch(), state.getMatchSeenAt(), state.getMatch()))) {
                state.setMatch(report.getMatch());
                state.setMatchSeenAt(report.getMatchSeenAt());
                state.setSimilarity(report.getSimilarity());
            }
        }
        if (state.getReports() < state.getExpected()) {
            pending.put(id, state);
            if (article != null) {
                pendingArticles.put(id, article);
            }
            return;
        }
        if (article == null) {
            article = pendingArticles.get(id);
            pending.delete(id);
            pendingArticles.delete(id);
        } else if (pending.get(id) != null) {
            // A newer version that waits for no band replaces one still waiting.
            pending.delete(id);
            pendingArticles.delete(id);
        }
        EnrichedArticle enriched = articles.deserialize(null, article);
        if (state.getMatch() != null) {
            enriched.setDuplicateOf(state.getMatch());
            enriched.setDuplicateSimilarity(Math.round(state.getSimilarity() * 1000) / 1000.0);
            metrics.nearDuplicate();
        }
        metrics.written();
        context.forward(record.withValue(enriched));
    }
}
