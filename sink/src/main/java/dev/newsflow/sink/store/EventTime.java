package dev.newsflow.sink.store;

import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Instant;

/**
 * When an article happened, for the time windows: its publication time, or the enrichment
 * time when there is none. An article cannot be published after it was enriched: a later
 * publication time is a feed's mistake (often a wrong time zone) and would push stream time,
 * and every window, into the future (brokers also reject record timestamps far ahead of their
 * clock), so the enrichment time is used instead.
 */
public final class EventTime {
    private EventTime() {
    }

    public static long of(EnrichedArticle article) {
        long processed = article.getEnrichment().getProcessedAt().toEpochMilli();
        Instant published = article.getPublishedAt();
        if (published == null || published.toEpochMilli() > processed) {
            return processed;
        }
        return published.toEpochMilli();
    }
}
