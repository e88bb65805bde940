package dev.newsflow.enrich.topology;

import dev.newsflow.schemas.DeadLetterRecords.Reason;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Enriches one raw article. Remembers, per article id, the content hash it last enriched:
 * the same id with the same hash produces nothing; a new hash produces a new version.
 * Tombstones pass through and clear the memory. Failures are thrown as
 * {@link EnrichmentException} for the processing exception handler to dead-letter.
 */
final class EnrichProcessor implements Processor<String, Article, String, EnrichedArticle> {
    private final NewsEngine engine;
    private final EnrichMetrics metrics;
    private final int maxArticleChars;
    private final String storeName;
    private final Clock clock;
    private ProcessorContext<String, EnrichedArticle> context;
    private KeyValueStore<String, String> enrichedHashes;

    EnrichProcessor(NewsEngine engine, EnrichMetrics metrics, int maxArticleChars, String storeName, Clock clock) {
        this.engine = engine;
        this.metrics = metrics;
        this.maxArticleChars = maxArticleChars;
        this.storeName = storeName;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
        this.context = context;
        this.enrichedHashes = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Article> record) {
        metrics.recordIn();
        Article article = record.value();
        if (article == null) {
            if (record.key() != null) {
                enrichedHashes.delete(record.key());
                metrics.tombstone();
                context.forward(record.withValue(null));
            }
            return;
        }
        String id = article.getId();
        if (id == null || id.isBlank()) {
            throw new EnrichmentException(Reason.INVALID_ARTICLE, "article has no id", null);
        }
        if (article.getContentHash().equals(enrichedHashes.get(id))) {
            metrics.duplicate();
            return;
        }
        int length = article.getBody().length();
        if (length > maxArticleChars) {
            throw new EnrichmentException(Reason.TOO_LARGE,
                    "article " + id + " body has " + length + " characters; " + EnrichConfig.MAX_ARTICLE_CHARS + " is " + maxArticleChars, null);
        }
        Instant started = clock.instant();
        Annotation annotation;
        try {
            annotation = engine.annotate(EnrichedArticleMapper.document(article));
        } catch (NewsEngine.DocumentTooLargeException e) {
            throw new EnrichmentException(Reason.TOO_LARGE, "article " + id + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EnrichmentException(Reason.ENGINE_ERROR,
                    "engine failed on article " + id + ": " + e.getMessage(), e);
        }
        Instant finished = clock.instant();
        EnrichedArticle enriched = EnrichedArticleMapper.map(article, annotation, engine.name(), engine.version(), finished);
        enrichedHashes.put(id, article.getContentHash());
        metrics.enriched(Duration.between(started, finished), enriched.getEntities().size());
        context.forward(record.withKey(id).withValue(enriched));
    }
}
