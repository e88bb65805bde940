package dev.newsflow.sink.top;

import dev.newsflow.sink.avro.EntitySentimentWindow;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * One entity's sums over the sentiment windows of a span. The name is the one of its latest
 * window in the span ({@code latestStart}), as a scan that keeps the newest window would give.
 */
public record EntityTotals(String key, String name, String type, long latestStart, long mentions, long articles,
                           double sentimentSum, long negative, long neutral, long positive) {

    /** Sums windows (in any order) per entity; {@code type} keeps one type only, null keeps all. */
    public static <K> Map<String, EntityTotals> sum(KeyValueIterator<K, EntitySentimentWindow> windows, String type) {
        Map<String, EntityTotals> totals = new HashMap<>();
        while (windows.hasNext()) {
            KeyValue<K, EntitySentimentWindow> next = windows.next();
            EntitySentimentWindow window = next.value;
            if (type == null || type.equals(window.getType())) {
                totals.compute(window.getKey(), (key, sum) -> change(sum, window.getWindowStart().toEpochMilli(),
                        null, window));
            }
        }
        return totals;
    }

    /**
     * The totals after one window of the span changed from {@code before} to {@code after}
     * (either null when absent). Returns null when the entity has no article left in the span.
     * When the entity's latest window is removed the name cannot be known from the sums: read the
     * entity's windows again instead (see {@link #losesLatest}).
     */
    public static EntityTotals change(EntityTotals current, long windowStart, EntitySentimentWindow before,
                                      EntitySentimentWindow after) {
        EntitySentimentWindow any = after != null ? after : before;
        if (any == null) {
            return current;
        }
        long articles = (current == null ? 0 : current.articles) + articles(after) - articles(before);
        if (articles <= 0) {
            return null;
        }
        String name = current == null ? any.getName() : current.name;
        long latest = current == null ? windowStart : current.latestStart;
        if (after != null && windowStart >= latest) {
            name = after.getName();
            latest = windowStart;
        }
        return new EntityTotals(any.getKey(), name, any.getType(), latest,
                (current == null ? 0 : current.mentions) + mentions(after) - mentions(before),
                articles,
                (current == null ? 0 : current.sentimentSum) + sentimentSum(after) - sentimentSum(before),
                (current == null ? 0 : current.negative) + negative(after) - negative(before),
                (current == null ? 0 : current.neutral) + neutral(after) - neutral(before),
                (current == null ? 0 : current.positive) + positive(after) - positive(before));
    }

    /** True when removing the window at {@code windowStart} leaves these totals without their latest window. */
    public boolean losesLatest(long windowStart, EntitySentimentWindow after) {
        return after == null && windowStart == latestStart;
    }

    public TopEntry entry() {
        return new TopEntry(key, dev.newsflow.sink.store.EntityKeys.id(key), name, type, mentions, articles, articles == 0 ? 0.0 : sentimentSum / articles,
                negative, neutral, positive);
    }

    private static long articles(EntitySentimentWindow w) {
        return w == null ? 0 : w.getArticles();
    }

    private static long mentions(EntitySentimentWindow w) {
        return w == null ? 0 : w.getMentions();
    }

    private static double sentimentSum(EntitySentimentWindow w) {
        return w == null ? 0 : w.getSentimentSum();
    }

    private static long negative(EntitySentimentWindow w) {
        return w == null ? 0 : w.getNegative();
    }

    private static long neutral(EntitySentimentWindow w) {
        return w == null ? 0 : w.getNeutral();
    }

    private static long positive(EntitySentimentWindow w) {
        return w == null ? 0 : w.getPositive();
    }
}
