package dev.newsflow.sink.store;

import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntityOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies entity events to an {@link EntityIndex}: totals plus the newest articles, bounded. */
public final class EntityIndexes {
    /** Newest first; ties by article id so the order is stable. */
    static final Comparator<EntityArticle> NEWEST_FIRST = Comparator.comparing(EntityArticle::getTime).reversed()
            .thenComparing(EntityArticle::getArticleId);

    private EntityIndexes() {
    }

    /**
     * @param current    the stored index, or null
     * @param maxRecent  how many recent articles to keep
     * @return the new index, or null when no stored article mentions the entity any more
     */
    public static EntityIndex apply(EntityIndex current, String key, EntityEvent event, int maxRecent) {
        EntityArticle article = event.getArticle();
        if (event.getOp() == EntityOp.REMOVE) {
            if (current == null) {
                return null;
            }
            long articles = current.getArticles() - 1;
            if (articles <= 0) {
                return null;
            }
            List<EntityArticle> recent = new ArrayList<>(current.getRecent());
            recent.removeIf(a -> a.getArticleId().equals(article.getArticleId()));
            return EntityIndex.newBuilder(current)
                    .setArticles(articles)
                    .setMentions(Math.max(0, current.getMentions() - article.getMentions()))
                    .setSentimentSum(current.getSentimentSum() - article.getScore())
                    .setRecent(recent)
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
                    .setRecent(List.of(article))
                    .build();
        }
        List<EntityArticle> recent = new ArrayList<>(current.getRecent());
        recent.removeIf(a -> a.getArticleId().equals(article.getArticleId()));
        recent.add(article);
        recent.sort(NEWEST_FIRST);
        if (recent.size() > maxRecent) {
            recent = new ArrayList<>(recent.subList(0, maxRecent));
        }
        boolean newest = !article.getTime().isBefore(current.getLastSeen());
        return EntityIndex.newBuilder(current)
                .setName(newest ? event.getName() : current.getName())
                .setMentions(current.getMentions() + article.getMentions())
                .setArticles(current.getArticles() + 1)
                .setSentimentSum(current.getSentimentSum() + article.getScore())
                .setFirstSeen(min(current.getFirstSeen(), article.getTime()))
                .setLastSeen(newest ? article.getTime() : current.getLastSeen())
                .setRecent(recent)
                .build();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
