package dev.newsflow.sink.store;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityOp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one article contributes to each entity it mentions, by entity key ({@link EntityKeys#key(String, String, String)}:
 * the id when linked). An entity listed twice under one key (same id, or same normalized name and
 * type) counts once: mentions add up, the name, sentiment and salience of its most salient listing win.
 */
public final class EntityContributions {
    private EntityContributions() {
    }

    /** Entity key to event, in the article's order. */
    public static Map<String, EntityEvent> of(EnrichedArticle article, EntityOp op) {
        long time = EventTime.of(article);
        Map<String, EntityEvent> byKey = new LinkedHashMap<>();
        for (Entity entity : article.getEntities()) {
            if (entity.getName() == null || entity.getName().isBlank()) {
                continue;
            }
            String key = EntityKeys.key(entity.getId(), entity.getName(), entity.getType().name());
            int mentions = Math.max(1, entity.getMentions().size());
            EntityEvent seen = byKey.get(key);
            if (seen == null) {
                byKey.put(key, EntityEvent.newBuilder()
                        .setOp(op)
                        .setName(entity.getName())
                        .setType(entity.getType().name())
                        .setId(EntityKeys.linkable(entity.getId()) ? entity.getId() : null)
                        .setArticle(EntityArticle.newBuilder()
                                .setArticleId(article.getId())
                                .setTitle(article.getTitle())
                                .setUrl(article.getUrl())
                                .setSource(article.getSource())
                                .setTime(java.time.Instant.ofEpochMilli(time))
                                .setScore(entity.getSentiment().getScore())
                                .setLabel(entity.getSentiment().getLabel().name())
                                .setDocumentScore(article.getSentiment().getScore())
                                .setSalience(entity.getSalience())
                                .setMentions(mentions)
                                .setDuplicateOf(article.getDuplicateOf())
                                .build())
                        .build());
            } else {
                EntityArticle merged = EntityArticle.newBuilder(seen.getArticle())
                        .setMentions(seen.getArticle().getMentions() + mentions).build();
                if (entity.getSalience() > seen.getArticle().getSalience()) {
                    seen.setName(entity.getName());
                    seen.setType(entity.getType().name());
                    merged.setScore(entity.getSentiment().getScore());
                    merged.setLabel(entity.getSentiment().getLabel().name());
                    merged.setSalience(entity.getSalience());
                }
                seen.setArticle(merged);
            }
        }
        return byKey;
    }
}
