package dev.newsflow.ingest;

import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.publish.ArticlePublisher;
import dev.newsflow.ingest.publish.Outcome;
import dev.newsflow.schemas.avro.Article;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where sources hand their articles: normalizes, publishes, counts. Sources wait on the
 * returned futures before they advance their position, so nothing is marked seen before
 * the broker has it.
 */
public final class ArticleSink {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleSink.class);
    private final ArticleNormalizer normalizer;
    private final ArticlePublisher publisher;
    private final IngestStats stats;
    private final java.util.concurrent.atomic.AtomicLong lastDelivered;
    private final java.util.concurrent.atomic.AtomicLong lastUndelivered;
    private final boolean untilDelivered;

    public ArticleSink(ArticleNormalizer normalizer, ArticlePublisher publisher, IngestStats stats) {
        this(normalizer, publisher, stats, new java.util.concurrent.atomic.AtomicLong(),
                new java.util.concurrent.atomic.AtomicLong(), false);
    }

    private ArticleSink(ArticleNormalizer normalizer, ArticlePublisher publisher, IngestStats stats,
                        java.util.concurrent.atomic.AtomicLong lastDelivered,
                        java.util.concurrent.atomic.AtomicLong lastUndelivered, boolean untilDelivered) {
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.stats = stats;
        this.lastDelivered = lastDelivered;
        this.lastUndelivered = lastUndelivered;
        this.untilDelivered = untilDelivered;
    }

    /**
     * This sink for a source that cannot read its input again (stdin): sends failing with a
     * retriable error are retried with backoff until acknowledged (see
     * {@link ArticlePublisher#submitUntilDelivered}) instead of ending UNDELIVERED.
     */
    public ArticleSink untilDelivered() {
        return new ArticleSink(normalizer, publisher, stats, lastDelivered, lastUndelivered, true);
    }

    /** Normalizes and sends one article; the future says what became of it. */
    public CompletableFuture<Outcome> submit(RawArticle raw, String statsSource) throws InterruptedException {
        stats.fetched(statsSource);
        Article article;
        try {
            article = normalizer.normalize(raw, Instant.now());
        } catch (InvalidArticleException e) {
            LOG.warn("Invalid article skipped: {}", e.getMessage());
            stats.outcome(statsSource, Outcome.INVALID);
            return CompletableFuture.completedFuture(Outcome.INVALID);
        }
        return send(article, raw.source()).thenApply(outcome -> record(statsSource, outcome));
    }

    private CompletableFuture<Outcome> send(Article article, String sourceName) throws InterruptedException {
        return untilDelivered ? publisher.submitUntilDelivered(article, sourceName) : publisher.submit(article, sourceName);
    }

    /**
     * Normalizes without sending and without cutting (the push endpoint validates before answering).
     *
     * @throws dev.newsflow.ingest.normalize.ArticleTooLargeException when the body is over the limit
     */
    public Article normalizeWithinLimit(RawArticle raw) {
        return normalizer.normalizeWithinLimit(raw, Instant.now());
    }

    /** Sends an already normalized article. */
    public CompletableFuture<Outcome> submit(Article article, String statsSource) throws InterruptedException {
        stats.fetched(statsSource);
        return send(article, article.getSource()).thenApply(outcome -> record(statsSource, outcome));
    }

    private Outcome record(String statsSource, Outcome outcome) {
        stats.outcome(statsSource, outcome);
        if (outcome == Outcome.PUBLISHED) {
            lastDelivered.set(System.nanoTime());
        } else if (outcome == Outcome.UNDELIVERED) {
            lastUndelivered.set(System.nanoTime());
        }
        return outcome;
    }

    /**
     * False while the broker is not acknowledging (the latest send failed). Sources then send
     * one record per poll as a probe and leave the rest for later, so an outage costs neither
     * memory nor a long stall per record; the first acknowledged probe turns this back to true.
     */
    public boolean delivering() {
        return lastUndelivered.get() == 0 || lastDelivered.get() - lastUndelivered.get() > 0;
    }

    public IngestStats stats() {
        return stats;
    }

    /** Waits for every future; true if none ended {@link Outcome#UNDELIVERED}. */
    public static boolean awaitAll(List<CompletableFuture<Outcome>> futures) throws InterruptedException {
        boolean delivered = true;
        for (CompletableFuture<Outcome> future : futures) {
            try {
                delivered &= future.get() != Outcome.UNDELIVERED;
            } catch (ExecutionException e) {
                delivered = false;
            }
        }
        return delivered;
    }
}
