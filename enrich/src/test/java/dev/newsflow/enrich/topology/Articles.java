package dev.newsflow.enrich.topology;

import dev.newsflow.schemas.avro.Article;
import java.time.Instant;
import java.util.List;
import java.util.Map;

final class Articles {
    private Articles() {
    }

    static Article article(String id, String body) {
        return Article.newBuilder()
                .setId(id)
                .setUrl("https://news.example.org/" + id)
                .setSource("test")
                .setTitle("Title of " + id)
                .setBody(body)
                .setLanguage("en")
                .setPublishedAt(Instant.parse("2026-11-24T12:00:00Z"))
                .setIngestedAt(Instant.parse("2026-11-24T12:01:00Z"))
                .setAuthors(List.of())
                .setContentHash(Integer.toHexString(body.hashCode()))
                .setMetadata(Map.of())
                .build();
    }
}
