package dev.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.normalize.RawArticle;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonArticlesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldMapTheDocumentedFields() throws Exception {
        RawArticle raw = JsonArticles.fromJson(JSON.readTree("""
                {"headline": "H", "articleBody": "<p>Para</p>", "link": "https://x.example/a", "datePublished": "2025-03-14T09:05:00+01:00",
                 "source": {"name": "Wire"}, "authors": ["A", {"name": "B"}], "author": "C", "guid": "g-1", "lang": "en",
                 "dateline": "Oslo", "section": "World", "tags": ["ignored"]}
                """), "file.jsonl");

        assertThat(raw.title()).isEqualTo("H");
        assertThat(raw.isHtml()).isTrue();
        assertThat(raw.link()).isEqualTo("https://x.example/a");
        assertThat(raw.publishedAt()).isEqualTo(Instant.parse("2025-03-14T08:05:00Z"));
        assertThat(raw.source()).isEqualTo("Wire");
        assertThat(raw.authors()).containsExactly("A", "B", "C");
        assertThat(raw.guid()).isEqualTo("g-1");
        assertThat(raw.language()).isEqualTo("en");
        assertThat(raw.dateline()).isEqualTo("Oslo");
        assertThat(raw.metadata()).containsEntry("section", "World").containsEntry("origin", "file.jsonl").doesNotContainKey("tags");
    }

    @Test
    void shouldTakeEpochSecondsAndMillis() throws Exception {
        assertThat(JsonArticles.fromJson(JSON.readTree("{\"title\": \"t\", \"date\": 1741939500}"), "s").publishedAt())
                .isEqualTo(Instant.parse("2025-03-14T08:05:00Z"));
        assertThat(JsonArticles.fromJson(JSON.readTree("{\"title\": \"t\", \"publishedAt\": 1741939500000}"), "s").publishedAt())
                .isEqualTo(Instant.parse("2025-03-14T08:05:00Z"));
    }

    @Test
    void shouldNameTheProblemOfAnInvalidArticle() throws Exception {
        assertThatThrownBy(() -> JsonArticles.fromJson(JSON.readTree("[1]"), "s")).isInstanceOf(InvalidArticleException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> JsonArticles.fromJson(JSON.readTree("{\"url\": \"https://x.example\"}"), "s"))
                .hasMessageContaining("no text");
        assertThatThrownBy(() -> JsonArticles.fromJson(JSON.readTree("{\"title\": \"t\", \"published_at\": \"soon\"}"), "s"))
                .hasMessageContaining("'published_at'").hasMessageContaining("soon");
    }
}
