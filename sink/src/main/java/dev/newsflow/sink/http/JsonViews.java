package dev.newsflow.sink.http;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.schemas.avro.Mention;
import dev.newsflow.schemas.avro.SentenceSentiment;
import dev.newsflow.schemas.avro.Sentiment;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.EntityKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API, as ordered maps (times as ISO-8601 strings). */
final class JsonViews {
    private JsonViews() {
    }

    static Map<String, Object> article(EnrichedArticle a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.getId());
        json.put("url", a.getUrl());
        json.put("source", a.getSource());
        json.put("title", a.getTitle());
        json.put("publishedAt", iso(a.getPublishedAt()));
        json.put("language", a.getLanguage());
        json.put("contentHash", a.getContentHash());
        json.put("duplicateOf", a.getDuplicateOf());
        json.put("duplicateSimilarity", a.getDuplicateSimilarity());
        json.put("sentiment", sentiment(a.getSentiment()));
        json.put("sentences", a.getSentences().stream().map(JsonViews::sentence).toList());
        json.put("entities", a.getEntities().stream().map(JsonViews::entity).toList());
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("engine", a.getEnrichment().getEngine());
        enrichment.put("engineVersion", a.getEnrichment().getEngineVersion());
        enrichment.put("processedAt", iso(a.getEnrichment().getProcessedAt()));
        enrichment.put("skippedReason", a.getEnrichment().getSkippedReason());
        json.put("enrichment", enrichment);
        json.put("body", a.getBody());
        return json;
    }

    /** A sentence: its offsets into the body and its sentiment. */
    private static Map<String, Object> sentence(SentenceSentiment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", s.getStart());
        json.put("end", s.getEnd());
        json.put("sentiment", sentiment(s.getSentiment()));
        return json;
    }

    /**
     * An article summary in the issue-14 vocabulary (the live feed's events): its fields, document sentiment and
     * its top {@value #SUMMARY_ENTITIES} entities by salience; labels upper case, scores rounded to 3 decimals.
     */
    static Map<String, Object> summary(EnrichedArticle a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.getId());
        json.put("title", a.getTitle());
        json.put("url", a.getUrl());
        json.put("source", a.getSource());
        json.put("language", a.getLanguage());
        json.put("publishedAt", iso(a.getPublishedAt()));
        json.put("sentiment", roundedSentiment(a.getSentiment()));
        json.put("duplicateOf", a.getDuplicateOf());
        json.put("entities", a.getEntities().stream()
                .sorted(java.util.Comparator.comparingDouble(Entity::getSalience).reversed())
                .limit(SUMMARY_ENTITIES)
                .map(e -> {
                    Map<String, Object> entity = new LinkedHashMap<>();
                    entity.put("id", e.getId());
                    entity.put("name", e.getName());
                    entity.put("type", e.getType().name());
                    entity.put("salience", round(e.getSalience()));
                    entity.put("sentiment", roundedSentiment(e.getSentiment()));
                    return entity;
                }).toList());
        return json;
    }

    /** Entities an article summary carries. */
    static final int SUMMARY_ENTITIES = 5;

    private static Map<String, Object> roundedSentiment(Sentiment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", round(s.getScore()));
        json.put("label", s.getLabel().name());
        return json;
    }

    /** A score or ratio rounded to 3 decimals. */
    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static Map<String, Object> entity(Entity e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.getName());
        json.put("type", e.getType().name());
        json.put("salience", e.getSalience());
        json.put("sentiment", sentiment(e.getSentiment()));
        json.put("mentions", e.getMentions().stream().map(m -> mention(m, e.getType())).toList());
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

    private static Map<String, Object> sentiment(Sentiment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", s.getScore());
        json.put("label", s.getLabel().name().toLowerCase(java.util.Locale.ROOT));
        return json;
    }

    /** An article as listed under an entity: sentiment is toward that entity. */
    static Map<String, Object> entityArticle(EntityArticle a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", a.getArticleId());
        json.put("title", a.getTitle());
        json.put("url", a.getUrl());
        json.put("source", a.getSource());
        json.put("time", iso(a.getTime()));
        Map<String, Object> sentiment = new LinkedHashMap<>();
        sentiment.put("score", a.getScore());
        sentiment.put("label", a.getLabel().toLowerCase(java.util.Locale.ROOT));
        json.put("sentiment", sentiment);
        json.put("documentSentiment", a.getDocumentScore());
        json.put("mentions", a.getMentions());
        json.put("salience", a.getSalience());
        json.put("duplicateOf", a.getDuplicateOf());
        return json;
    }

    static Map<String, Object> copy(ArticleCopy c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.getId());
        json.put("title", c.getTitle());
        json.put("url", c.getUrl());
        json.put("source", c.getSource());
        json.put("time", iso(c.getTime()));
        json.put("similarity", c.getSimilarity());
        return json;
    }

    /**
     * An entity: its totals, types and recent articles. A linked entity (its key is an id) lists
     * the types its articles gave it and, as {@code aliases}, the names they gave it with counts;
     * an unlinked one lists the types stored under the same name ({@code sameName}).
     */
    static Map<String, Object> entityIndex(EntityIndex e, List<EntityArticle> recent, List<EntityIndex> sameName) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", e.getKey());
        json.put("id", e.getId());
        json.put("name", e.getName());
        json.put("type", e.getType());
        json.put("mentions", e.getMentions());
        json.put("articles", e.getArticles());
        json.put("meanSentiment", e.getArticles() == 0 ? 0.0 : e.getSentimentSum() / e.getArticles());
        json.put("firstSeen", iso(e.getFirstSeen()));
        json.put("lastSeen", iso(e.getLastSeen()));
        List<Map<String, Object>> types = new ArrayList<>();
        if (e.getId() == null && !sameName.isEmpty()) {
            sameName.forEach(t -> types.add(typeCount(t.getType(), t.getArticles(), t.getMentions())));
        } else if (!e.getTypes().isEmpty()) {
            e.getTypes().forEach(t -> types.add(typeCount(t.getType(), t.getArticles(), t.getMentions())));
        } else {
            types.add(typeCount(e.getType(), e.getArticles(), e.getMentions()));
        }
        json.put("types", types);
        if (e.getId() != null) {
            json.put("aliases", e.getNames().stream().map(n -> {
                Map<String, Object> alias = new LinkedHashMap<>();
                alias.put("name", n.getName());
                alias.put("count", n.getArticles());
                return alias;
            }).toList());
        }
        json.put("recent", recent.stream().map(JsonViews::entityArticle).toList());
        return json;
    }

    private static Map<String, Object> typeCount(String type, long articles, long mentions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("articles", articles);
        json.put("mentions", mentions);
        return json;
    }

    /** Another entity a name could stand for; {@code articleCount}: the stored articles that give it that name. */
    static Map<String, Object> alternative(String key, String name, String type, long articleCount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", key);
        json.put("id", EntityKeys.id(key));
        json.put("name", name);
        json.put("type", type);
        json.put("articleCount", articleCount);
        return json;
    }

    static Map<String, Object> window(EntitySentimentWindow w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", iso(w.getWindowStart()));
        json.put("end", iso(w.getWindowEnd()));
        json.put("mentions", w.getMentions());
        json.put("articles", w.getArticles());
        json.put("meanSentiment", w.getMeanSentiment());
        json.put("negative", w.getNegative());
        json.put("neutral", w.getNeutral());
        json.put("positive", w.getPositive());
        return json;
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
