package dev.newsflow.schemas.json;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.schemas.avro.Mention;
import dev.newsflow.schemas.avro.SentenceSentiment;
import dev.newsflow.schemas.avro.Sentiment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON view of an enriched article, shared by the sink's {@code GET /articles/{id}} (and
 * its lists) and {@code newsflow annotate}, after the project's JSON vocabulary: lowerCamelCase
 * names, times as ISO-8601 UTC strings, enum values upper case, scores and ratios rounded to 3
 * decimals. Ordered maps, for any JSON writer.
 */
public final class ArticleView {
    /** How many entities an article summary carries (the most salient). */
    public static final int SUMMARY_ENTITIES = 5;

    private ArticleView() {
    }

    /** An article as listed: the top entities only. */
    public static Map<String, Object> summary(EnrichedArticle a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.getId());
        json.put("title", a.getTitle());
        json.put("url", a.getUrl());
        json.put("source", a.getSource());
        json.put("language", a.getLanguage());
        json.put("publishedAt", iso(a.getPublishedAt()));
        json.put("sentiment", sentiment(a.getSentiment()));
        json.put("duplicateOf", a.getDuplicateOf());
        json.put("entities", bySalience(a).stream().limit(SUMMARY_ENTITIES).map(e -> {
            Map<String, Object> entity = reference(e);
            entity.put("salience", round(e.getSalience()));
            entity.put("sentiment", sentiment(e.getSentiment()));
            return entity;
        }).toList());
        return json;
    }

    /**
     * The whole article: the summary fields, then the text, sentences, every entity with its
     * mentions, {@code copies} (when not null: the sink lists the known near-duplicates), enrichment.
     */
    public static Map<String, Object> detail(EnrichedArticle a, Object copies) {
        Map<String, Object> json = summary(a);
        json.put("authors", a.getAuthors());
        json.put("dateline", a.getDateline());
        json.put("body", a.getBody());
        json.put("contentHash", a.getContentHash());
        json.put("duplicateSimilarity", round(a.getDuplicateSimilarity()));
        json.put("sentences", a.getSentences().stream().map(ArticleView::sentence).toList());
        json.put("entities", bySalience(a).stream().map(ArticleView::entity).toList());
        if (copies != null) {
            json.put("copies", copies);
        }
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("engine", a.getEnrichment().getEngine());
        enrichment.put("engineVersion", a.getEnrichment().getEngineVersion());
        enrichment.put("processedAt", iso(a.getEnrichment().getProcessedAt()));
        enrichment.put("skippedReason", a.getEnrichment().getSkippedReason());
        json.put("enrichment", enrichment);
        return json;
    }

    private static List<Entity> bySalience(EnrichedArticle a) {
        List<Entity> sorted = new ArrayList<>(a.getEntities());
        sorted.sort(Comparator.comparingDouble(Entity::getSalience).reversed());
        return sorted;
    }

    private static Map<String, Object> reference(Entity e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.getId());
        json.put("name", e.getName());
        json.put("type", e.getType().name());
        return json;
    }

    private static Map<String, Object> entity(Entity e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", e.getId());
        json.put("linkConfidence", round(e.getLinkConfidence()));
        json.put("name", e.getName());
        json.put("type", e.getType().name());
        json.put("salience", round(e.getSalience()));
        json.put("sentiment", sentiment(e.getSentiment()));
        json.put("mentions", e.getMentions().stream().map(m -> mention(m, e.getType())).toList());
        return json;
    }

    private static Map<String, Object> sentence(SentenceSentiment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", s.getStart());
        json.put("end", s.getEnd());
        json.put("sentiment", sentiment(s.getSentiment()));
        return json;
    }

    /** A mention with its own type; records written before schema v2 have none, and show the entity's. */
    private static Map<String, Object> mention(Mention m, EntityType entityType) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", m.getStart());
        json.put("end", m.getEnd());
        json.put("text", m.getText());
        json.put("type", (m.getType() != null ? m.getType() : entityType).name());
        return json;
    }

    /** {@code {"score": -0.412, "label": "NEGATIVE"}}. */
    public static Map<String, Object> sentiment(Sentiment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", round(s.getScore()));
        json.put("label", s.getLabel().name());
        return json;
    }

    /** Scores and ratios are rounded to 3 decimals; null stays null. */
    public static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000.0) / 1000.0;
    }

    public static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
