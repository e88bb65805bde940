package dev.newsflow.sink.store;

import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;

/**
 * When an article happened, for the time windows: its publication time, or the enrichment
 * time when there is none. A publication time more than a day after the enrichment time is
 * a feed's mistake and would push stream time (and every window) into the future, so the
 * enrichment time is used instead.
 */
public final class EventTime {
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private EventTime() {
    }

    public static long of(EnrichedArticle article) {
        long processed = article.getEnrichment().getProcessedAt().toEpochMilli();
        Instant published = article.getPublishedAt();
        if (published == null || published.toEpochMilli() > processed + MAX_AHEAD.toMillis()) {
            return processed;
        }
        return published.toEpochMilli();
    }
}
