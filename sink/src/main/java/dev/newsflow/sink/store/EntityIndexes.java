package dev.newsflow.sink.store;

import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntityName;
import dev.newsflow.sink.avro.EntityOp;
import dev.newsflow.sink.avro.EntityTypeCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies entity events to an entity's totals ({@link EntityIndex}). Besides the totals it
 * counts, per name and per type, the stored articles that give the entity that name or type:
 * the display name is the most frequent name (ties: the longer, then the first in sort order),
 * the type the most frequent type (ties: in {@link EntityType} order), so both follow the
 * articles exactly when one is withdrawn.
 */
public final class EntityIndexes {
    private static final Comparator<EntityName> NAMES = Comparator.comparingLong(EntityName::getArticles).reversed()
            .thenComparing(Comparator.comparingInt((EntityName n) -> n.getName().length()).reversed())
            .thenComparing(EntityName::getName);
    private static final Comparator<EntityTypeCount> TYPES = Comparator.comparingLong(EntityTypeCount::getArticles)
            .reversed().thenComparingInt(t -> typeOrder(t.getType()));

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
            List<EntityName> names = names(current.getNames(), event.getName(), -1);
            List<EntityTypeCount> types = types(current.getTypes(), event.getType(), -article.getMentions(), -1);
            return EntityIndex.newBuilder(current)
                    .setArticles(current.getArticles() - 1)
                    .setMentions(Math.max(0, current.getMentions() - article.getMentions()))
                    .setSentimentSum(current.getSentimentSum() - article.getScore())
                    .setRecentCount(Math.max(0, current.getRecentCount() + recentDelta))
                    .setNames(names)
                    .setTypes(types)
                    .setName(names.isEmpty() ? current.getName() : names.get(0).getName())
                    .setType(types.isEmpty() ? current.getType() : types.get(0).getType())
                    .build();
        }
        if (current == null) {
            return EntityIndex.newBuilder()
                    .setKey(key)
                    .setId(EntityKeys.id(key))
                    .setName(event.getName())
                    .setType(event.getType())
                    .setMentions(article.getMentions())
                    .setArticles(1)
                    .setSentimentSum(article.getScore())
                    .setFirstSeen(article.getTime())
                    .setLastSeen(article.getTime())
                    .setRecentCount(Math.max(0, recentDelta))
                    .setNames(List.of(new EntityName(event.getName(), 1L)))
                    .setTypes(List.of(new EntityTypeCount(event.getType(), (long) article.getMentions(), 1L)))
                    .build();
        }
        boolean newest = !article.getTime().isBefore(current.getLastSeen());
        List<EntityName> names = names(current.getNames(), event.getName(), 1);
        List<EntityTypeCount> types = types(current.getTypes(), event.getType(), article.getMentions(), 1);
        return EntityIndex.newBuilder(current)
                .setId(EntityKeys.id(key))
                .setNames(names)
                .setTypes(types)
                .setName(names.get(0).getName())
                .setType(types.get(0).getType())
                .setMentions(current.getMentions() + article.getMentions())
                .setArticles(current.getArticles() + 1)
                .setSentimentSum(current.getSentimentSum() + article.getScore())
                .setFirstSeen(min(current.getFirstSeen(), article.getTime()))
                .setLastSeen(newest ? article.getTime() : current.getLastSeen())
                .setRecentCount(Math.max(0, current.getRecentCount() + recentDelta))
                .build();
    }

    /** The name counts after one article with {@code name} was added (+1) or withdrawn (-1), best first. */
    private static List<EntityName> names(List<EntityName> current, String name, int delta) {
        List<EntityName> next = new ArrayList<>(current.size() + 1);
        boolean found = false;
        for (EntityName entry : current) {
            if (entry.getName().equals(name)) {
                found = true;
                if (entry.getArticles() + delta > 0) {
                    next.add(new EntityName(name, entry.getArticles() + delta));
                }
            } else {
                next.add(entry);
            }
        }
        if (!found && delta > 0) {
            next.add(new EntityName(name, (long) delta));
        }
        next.sort(NAMES);
        return next;
    }

    private static List<EntityTypeCount> types(List<EntityTypeCount> current, String type, long mentions, int delta) {
        List<EntityTypeCount> next = new ArrayList<>(current.size() + 1);
        boolean found = false;
        for (EntityTypeCount entry : current) {
            if (entry.getType().equals(type)) {
                found = true;
                if (entry.getArticles() + delta > 0) {
                    next.add(new EntityTypeCount(type, Math.max(0, entry.getMentions() + mentions), entry.getArticles() + delta));
                }
            } else {
                next.add(entry);
            }
        }
        if (!found && delta > 0) {
            next.add(new EntityTypeCount(type, mentions, (long) delta));
        }
        next.sort(TYPES);
        return next;
    }

    private static int typeOrder(String type) {
        for (EntityType candidate : EntityType.values()) {
            if (candidate.name().equals(type)) {
                return candidate.ordinal();
            }
        }
        return EntityType.values().length;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
