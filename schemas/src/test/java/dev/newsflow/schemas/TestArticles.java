package dev.newsflow.schemas;

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
import java.util.List;
import java.util.Map;

final class TestArticles {
    private TestArticles() {
    }

    static Article article(String id) {
        return Article.newBuilder()
                .setId(id)
                .setUrl("https://news.example.org/2015/11/26/hollande-moscow")
                .setSource("file:samples")
                .setTitle("Hollande in Moscow")
                .setBody("Moscow: Russia vowed today to cooperate.\n\nPutin said so.")
                .setLanguage("en")
                .setPublishedAt(Instant.parse("2015-11-26T10:00:00Z"))
                .setIngestedAt(Instant.parse("2026-11-25T00:00:00Z"))
                .setAuthors(List.of("A. Reporter"))
                .setDateline("Moscow")
                .setContentHash("abc123")
                .setMetadata(Map.of("guid", "g-1"))
                .build();
    }

    static EnrichedArticle enriched(String id) {
        Sentiment neutral = new Sentiment(0.0, SentimentLabel.NEUTRAL);
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setSource("file:samples")
                .setTitle("Hollande in Moscow")
                .setBody("Putin met Hollande.")
                .setContentHash("abc123")
                .setSentiment(new Sentiment(0.4, SentimentLabel.POSITIVE))
                .setSentences(List.of(new SentenceSentiment(0, 19, neutral)))
                .setEntities(List.of(Entity.newBuilder()
                        .setName("Vladimir Putin")
                        .setType(EntityType.PERSON)
                        .setSalience(0.9)
                        .setSentiment(neutral)
                        .setMentions(List.of(new Mention(0, 5, "Putin", EntityType.PERSON)))
                        .build()))
                .setEnrichment(new EnrichmentInfo("test", "1", Instant.parse("2026-11-25T00:00:01Z"), null))
                .build();
    }
}
