package dev.newsflow.sink.top;

/** One entity's totals over a time range, as ranked by {@code GET /entities/top}; {@code id} is the key's link id, or null. */
public record TopEntry(String key, String id, String name, String type, long mentions, long articles, double meanSentiment,
                       long negative, long neutral, long positive) {
}
