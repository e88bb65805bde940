package dev.newsflow.sink.store;

import java.time.Instant;

/**
 * Keys of the recent-articles store: entity key, {@code '|'}, the article time inverted as
 * 16 hex digits (so a prefix scan yields the newest first), {@code '|'}, the article id.
 */
public final class RecentKeys {
    private RecentKeys() {
    }

    public static String prefix(String entityKey) {
        return entityKey + EntityKeys.SEPARATOR;
    }

    public static String key(String entityKey, Instant time, String articleId) {
        return prefix(entityKey) + String.format("%016x", Long.MAX_VALUE - Math.max(0, time.toEpochMilli()))
                + EntityKeys.SEPARATOR + articleId;
    }

    /** The key just after every key with {@code prefix} (for range scans). */
    public static String end(String prefix) {
        return prefix + Character.MAX_VALUE;
    }
}
