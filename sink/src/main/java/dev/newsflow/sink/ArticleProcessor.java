package dev.newsflow.sink;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityOp;
import dev.newsflow.sink.avro.AliasEvent;
import dev.newsflow.sink.search.ArticleIndex;
import dev.newsflow.sink.store.AliasContributions;
import dev.newsflow.sink.store.EntityContributions;
import dev.newsflow.sink.store.EventTime;
import dev.newsflow.sink.store.SinkStores;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest article per id and turns every change into entity events: the old
 * version's contributions are withdrawn ({@code REMOVE}) and the new version's added
 * ({@code ADD}), keyed by entity key for the repartition to the entity side; so are its uses of
 * surface forms ({@link AliasEvent}, keyed by surface form, for the alias index). A near-duplicate
 * copy (duplicateOf set) contributes nothing unless {@code entity.count.copies} is on, so a
 * syndicated story counts once.
 *
 * <p>It also keeps the instance's {@link ArticleIndex} in step with the store: every put and
 * delete goes to the index too, the task rebuilds its partition's documents from the store
 * when it starts (after restoring it; on the index's own thread, so the task runs at once), and
 * drops them when it closes (its partition moves).
 */
final class ArticleProcessor implements Processor<String, EnrichedArticle, String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleProcessor.class);

    /** The header ingest writes with the ingestion time (epoch ms); enrich passes headers on. */
    static final String INGESTED_AT = "newsflow.ingested.at";

    private final SinkStats stats;
    private final boolean countCopies;
    private final ArticleIndex index;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EnrichedArticle> articles;
    private AtomicLong stored;
    private String taskId;
    private int partition;

    ArticleProcessor(SinkStats stats, boolean countCopies, ArticleIndex index) {
        this.stats = stats;
        this.countCopies = countCopies;
        this.index = index;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.articles = context.getStateStore(SinkStores.ARTICLES);
        this.taskId = context.taskId().toString();
        this.partition = context.taskId().partition();
        this.stored = stats.taskCounter(taskId, 0);
        // The store's view is taken here, before this task processes anything; the index re-adds it
        // on its own thread, and the count joins the counter that process() moves from now on.
        KeyValueIterator<String, EnrichedArticle> all = articles.all();
        AtomicLong counter = stored;
        index.rebuild(partition, new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return all.hasNext();
            }

            @Override
            public EnrichedArticle next() {
                return all.next().value;
            }
        }, all, count -> {
            counter.addAndGet(count);
            LOG.debug("Task {} holds {} articles", taskId, count);
        });
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        String id = record.key();
        if (id == null) {
            LOG.debug("Skipping a record without key (an article id is required)");
            return;
        }
        EnrichedArticle previous = articles.get(id);
        EnrichedArticle next = record.value();
        if (next == null) {
            if (previous != null) {
                articles.delete(id);
                index.delete(partition, id);
                stored.decrementAndGet();
                stats.deleted();
                emit(previous, EntityOp.REMOVE, record);
            }
            return;
        }
        if (next.equals(previous)) {
            stats.unchanged();
            return;
        }
        articles.put(id, next);
        index.put(partition, next);
        stats.upserted();
        Header ingested = record.headers().lastHeader(INGESTED_AT);
        if (ingested != null && ingested.value() != null) {
            try {
                long at = Long.parseLong(new String(ingested.value(), StandardCharsets.UTF_8));
                stats.stored(Duration.ofMillis(System.currentTimeMillis() - at));
            } catch (NumberFormatException e) {
                LOG.debug("Article {} has an unreadable {} header", id, INGESTED_AT);
            }
        }
        if (previous == null) {
            stored.incrementAndGet();
        } else {
            emit(previous, EntityOp.REMOVE, record);
        }
        emit(next, EntityOp.ADD, record);
    }

    /** A near-duplicate copy contributes nothing unless copies are counted; the same rule adds and withdraws. */
    private void emit(EnrichedArticle article, EntityOp op, Record<String, EnrichedArticle> cause) {
        if (article.getDuplicateOf() != null && !countCopies) {
            return;
        }
        long time = EventTime.of(article);
        for (Map.Entry<String, EntityEvent> event : EntityContributions.of(article, op).entrySet()) {
            context.forward(new Record<>(event.getKey(), event.getValue(), time, cause.headers()));
        }
        for (KeyValue<String, AliasEvent> alias : AliasContributions.of(article, op == EntityOp.ADD ? 1 : -1)) {
            context.forward(new Record<>(alias.key, alias.value, time, cause.headers()));
        }
    }

    @Override
    public void close() {
        index.drop(partition);
        stats.taskClosed(taskId);
    }
}
