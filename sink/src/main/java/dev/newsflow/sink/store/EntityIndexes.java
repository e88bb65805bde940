package dev.newsflow.sink.store;

import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntityOp;
import java.time.Instant;

/** Applies entity events to an entity's totals ({@link EntityIndex}). */
public final class EntityIndexes {
    private EntityIndexes() {
    }

    /**
     * @param current     the stored index, or null
     * @param recentDelta change of the entity's recent-articles count (+1, 0, -1)
     * @return the new index, or null when no stored article mentions the entity any more
     */
    public static EntityIndex apply(EntityIndex current, String key, EntityEvent event, int recentDelta) {
        EntityArticle article = event.getArticle();
        if (event.getOp() == EntityOp.REMOVE) {
            if (current == null || current.getArticles() <= 1) {
                return null;
            }
            return EntityIndex.newBuilder(current)
                    .setArticles(current.getArticles() - 1)
                    .setMentions(Math.max(0, current.getMentions() - article.getMentions()))
                    .setSentimentSum(current.getSentimentSum() - article.getScore())
                    .setRecentCount(Math.max(0, current.getRecentCount() + recentDelta))
                    .build();
        }
        if (current == null) {
            return EntityIndex.newBuilder()
                    .setKey(key)
                    .setName(event.getName())
                    .setType(event.getType())
                    .setMentions(article.getMentions())
                    .setArticles(1)
                    .setSentimentSum(article.getScore())
                    .setFirstSeen(article.getTime())
                    .setLastSeen(article.getTime())
                    .setRecentCount(Math.max(0, recentDelta))
                    .build();
        }
        boolean newest = !article.getTime().isBefore(current.getLastSeen());
        return EntityIndex.newBuilder(current)
                .setName(newest ? event.getName() : current.getName())
                .setMentions(current.getMentions() + article.getMentions())
                .setArticles(current.getArticles() + 1)
                .setSentimentSum(current.getSentimentSum() + article.getScore())
                .setFirstSeen(min(current.getFirstSeen(), article.getTime()))
                .setLastSeen(newest ? article.getTime() : current.getLastSeen())
                .setRecentCount(Math.max(0, current.getRecentCount() + recentDelta))
                .build();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
