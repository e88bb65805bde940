package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EnrichmentInfo;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.schemas.avro.Mention;
import dev.newsflow.schemas.avro.SentenceSentiment;
import dev.newsflow.schemas.avro.Sentiment;
import dev.newsflow.schemas.avro.SentimentLabel;
import java.time.Instant;

/** Maps a raw article and the engine's annotation to the Avro {@link EnrichedArticle} (the stream, and {@code annotate}). */
public final class EnrichedArticleMapper {
    private EnrichedArticleMapper() {
    }

    static NewsEngine.Document document(Article article) {
        return new NewsEngine.Document(article.getId(), article.getTitle(), article.getBody(), article.getLanguage(),
                java.util.List.of());
    }

    public static EnrichedArticle map(Article article, Annotation annotation, String engine, String engineVersion, Instant now) {
        return EnrichedArticle.newBuilder()
                .setId(article.getId())
                .setUrl(article.getUrl())
                .setSource(article.getSource())
                .setTitle(article.getTitle())
                .setBody(article.getBody())
                .setPublishedAt(article.getPublishedAt())
                .setLanguage(annotation.language() != null ? annotation.language() : article.getLanguage())
                .setContentHash(article.getContentHash())
                .setSentiment(sentiment(annotation.sentiment()))
                .setSentences(annotation.sentences().stream()
                        .map(s -> new SentenceSentiment(s.start(), s.end(), sentiment(s.sentiment())))
                        .toList())
                .setEntities(annotation.entities().stream().map(EnrichedArticleMapper::entity).toList())
                .setEnrichment(new EnrichmentInfo(engine, engineVersion, now, annotation.skippedReason()))
                .setAuthors(article.getAuthors() == null ? java.util.List.of() : article.getAuthors())
                .setDateline(article.getDateline())
                .build();
    }

    private static Entity entity(NewsEngine.EntityAnnotation entity) {
        return Entity.newBuilder()
                .setName(entity.name())
                .setType(EntityType.valueOf(entity.type().name()))
                .setSalience(entity.salience())
                .setSentiment(sentiment(entity.sentiment()))
                .setMentions(entity.mentions().stream().map(m -> new Mention(m.start(), m.end(), m.text(), EntityType.valueOf(m.type().name()))).toList())
                .setId(entity.id())
                .setLinkConfidence(entity.linkConfidence())
                .build();
    }

    private static Sentiment sentiment(NewsEngine.Sentiment sentiment) {
        NewsEngine.Sentiment s = sentiment == null ? NewsEngine.Sentiment.NEUTRAL : sentiment;
        return new Sentiment(s.score(), SentimentLabel.valueOf(s.label().name()));
    }
}
