package dev.newsflow.sink.http;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.json.ArticleView;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.Sentiment;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.top.TopEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that shapes the API's JSON, after the project's JSON vocabulary: lowerCamelCase
 * names, times as ISO-8601 UTC strings, enum values upper case, scores and ratios rounded to 3
 * decimals, counts named {@code ...Count}, every list answer an object {@code {items, next, total}}.
 */
final class JsonViews {
    private JsonViews() {
    }

    /** A list answer: {@code items}, the cursor of the next page (null on the last) and the total when known. */
    static Map<String, Object> list(Map<String, Object> describing, List<?> items, String next, Long total) {
        Map<String, Object> json = new LinkedHashMap<>(describing);
        json.put("items", items);
        json.put("next", next);
        json.put("total", total);
        return json;
    }

    /** An article as listed: the top entities only ({@link ArticleView#summary}). */
    static Map<String, Object> summary(EnrichedArticle a) {
        return ArticleView.summary(a);
    }

    /** An article as listed under an entity (its key): the summary, the sentiment toward the entity and how often it is named. */
    static Map<String, Object> entitySummary(EnrichedArticle a, String key) {
        Map<String, Object> json = summary(a);
        Optional<Entity> entity = entityIn(a, key);
        json.put("entitySentiment", entity.map(e -> sentiment(e.getSentiment())).orElse(null));
        json.put("entityMentionCount", entity.map(e -> e.getMentions().size()).orElse(0));
        return json;
    }

    /** The most salient entity of the article with this entity key ({@link EntityKeys#key(String, String, String)}). */
    static Optional<Entity> entityIn(EnrichedArticle a, String key) {
        return a.getEntities().stream()
                .filter(e -> EntityKeys.key(e.getId(), e.getName(), e.getType().name()).equals(key))
                .max(Comparator.comparingDouble(Entity::getSalience));
    }

    /** {@code GET /articles/{id}}: the article's one view ({@link ArticleView#detail}, as {@code annotate} prints it) with its copies. */
    static Map<String, Object> detail(EnrichedArticle a, Object copies) {
        return ArticleView.detail(a, copies);
    }

    static Map<String, Object> sentiment(Sentiment s) {
        return ArticleView.sentiment(s);
    }

    /**
     * A near-duplicate copy as listed under its original. The copy record holds no language or sentiment,
     * so those are null; its time is its event time (publication, else enrichment).
     */
    static Map<String, Object> copy(ArticleCopy c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.getId());
        json.put("title", c.getTitle());
        json.put("url", c.getUrl());
        json.put("source", c.getSource());
        json.put("language", null);
        json.put("publishedAt", iso(c.getTime()));
        json.put("sentiment", null);
        json.put("duplicateOf", c.getOriginal());
        json.put("similarity", round(c.getSimilarity()));
        return json;
    }

    /**
     * {@code GET /entities/{name}} and {@code /entities/id/{id}}: totals, types, recent articles
     * (summaries). A linked entity (its key is an id) lists the types its articles gave it and, as
     * {@code aliases}, the names they gave it with counts; an unlinked one lists the types stored
     * under the same name ({@code sameName}).
     */
    static Map<String, Object> entityIndex(EntityIndex e, List<EntityIndex> sameName, List<?> articles) {
        Map<String, Object> json = entityRef(e);
        json.put("mentionCount", e.getMentions());
        json.put("articleCount", e.getArticles());
        json.put("meanSentiment", e.getArticles() == 0 ? null : round(e.getSentimentSum() / e.getArticles()));
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
        json.put("articles", articles);
        return json;
    }

    private static Map<String, Object> typeCount(String type, long articles, long mentions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("mentionCount", mentions);
        json.put("articleCount", articles);
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

    /** The describing fields of an entity answer: key, id, name, type. */
    static Map<String, Object> entityRef(EntityIndex e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", e.getKey());
        json.put("id", EntityKeys.id(e.getKey()));
        json.put("name", e.getName());
        json.put("type", e.getType());
        return json;
    }

    /** Every bucket of {@code size} that starts in [from, to), aligned to UTC; buckets without a window are empty. */
    static List<Map<String, Object>> buckets(List<EntitySentimentWindow> windows, Instant from, Instant to, Duration size) {
        Map<Instant, EntitySentimentWindow> byStart = new LinkedHashMap<>();
        windows.forEach(w -> byStart.put(w.getWindowStart(), w));
        long step = size.toMillis();
        long first = Math.floorDiv(from.toEpochMilli(), step) * step;
        if (first < from.toEpochMilli()) {
            first += step;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (long start = first; start < to.toEpochMilli(); start += step) {
            Instant at = Instant.ofEpochMilli(start);
            EntitySentimentWindow w = byStart.get(at);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("start", iso(at));
            json.put("end", iso(at.plus(size)));
            json.put("mentionCount", w == null ? 0 : w.getMentions());
            json.put("articleCount", w == null ? 0 : w.getArticles());
            json.put("meanSentiment", w == null || w.getArticles() == 0 ? null : round(w.getMeanSentiment()));
            json.put("negativeCount", w == null ? 0 : w.getNegative());
            json.put("neutralCount", w == null ? 0 : w.getNeutral());
            json.put("positiveCount", w == null ? 0 : w.getPositive());
            items.add(json);
        }
        return items;
    }

    static Map<String, Object> topEntry(TopEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", e.key());
        json.put("id", e.id());
        json.put("name", e.name());
        json.put("type", e.type());
        json.put("mentionCount", e.mentions());
        json.put("articleCount", e.articles());
        json.put("meanSentiment", round(e.meanSentiment()));
        return json;
    }

    static Double round(Double value) {
        return ArticleView.round(value);
    }

    static String iso(Instant instant) {
        return ArticleView.iso(instant);
    }
}
