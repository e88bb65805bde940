package dev.newsflow.sink.store;

import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityOp;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import java.time.Duration;
import java.time.Instant;

/** Tumbling, epoch-aligned (UTC) windows of sentiment toward an entity. */
public final class SentimentWindows {
    private SentimentWindows() {
    }

    public static long windowStart(long time, Duration size) {
        return Math.floorDiv(time, size.toMillis()) * size.toMillis();
    }

    /** A window is closed once stream time has passed its end plus the grace period. */
    public static boolean closed(long windowStart, Duration size, Duration grace, long streamTime) {
        return windowStart + size.toMillis() + grace.toMillis() <= streamTime;
    }

    /** Key of a window record in the output topics: "entity key@2026-11-25T08:00:00Z". */
    public static String outputKey(String entityKey, long windowStart) {
        return entityKey + "@" + Instant.ofEpochMilli(windowStart);
    }

    /**
     * @param current the stored window, or null
     * @param name    the entity's display name now (a window added to takes it)
     * @param type    the entity's type now
     * @return the new window, or null when it holds no article any more
     */
    public static EntitySentimentWindow apply(EntitySentimentWindow current, String key, EntityEvent event,
                                              long windowStart, Duration size, String name, String type) {
        EntityArticle article = event.getArticle();
        int sign = event.getOp() == EntityOp.ADD ? 1 : -1;
        EntitySentimentWindow.Builder next = current != null ? EntitySentimentWindow.newBuilder(current)
                : EntitySentimentWindow.newBuilder()
                        .setKey(key).setName(name).setType(type)
                        .setWindowStart(Instant.ofEpochMilli(windowStart))
                        .setWindowEnd(Instant.ofEpochMilli(windowStart + size.toMillis()))
                        .setMentions(0).setArticles(0).setSentimentSum(0).setMeanSentiment(0)
                        .setNegative(0).setNeutral(0).setPositive(0);
        if (current == null && sign < 0) {
            return null;
        }
        next.setMentions(Math.max(0, next.getMentions() + sign * (long) article.getMentions()));
        next.setArticles(next.getArticles() + sign);
        next.setSentimentSum(next.getSentimentSum() + sign * article.getScore());
        switch (article.getLabel()) {
            case "NEGATIVE" -> next.setNegative(next.getNegative() + sign);
            case "POSITIVE" -> next.setPositive(next.getPositive() + sign);
            default -> next.setNeutral(next.getNeutral() + sign);
        }
        if (next.getArticles() <= 0) {
            return null;
        }
        if (sign > 0) {
            next.setName(name);
            next.setType(type);
        }
        next.setMeanSentiment(next.getSentimentSum() / next.getArticles());
        return next.build();
    }
}
