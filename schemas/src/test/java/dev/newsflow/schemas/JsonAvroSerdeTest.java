package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.format.JsonAvroSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonAvroSerdeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonAvroSerde<Article> articles = JsonAvroSerde.of(Article.class);

    @Test
    void shouldWritePlainJsonWithAvroFieldNamesAndIsoTimestamps() throws Exception {
        byte[] bytes = articles.serialize("t", TestArticles.article("a-1"));

        JsonNode json = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        assertThat(json.get("id").asText()).isEqualTo("a-1");
        assertThat(json.get("title").asText()).isEqualTo("Hollande in Moscow"); // a union is its value, not {"string": ...}
        assertThat(json.get("publishedAt").asText()).isEqualTo("2015-11-26T10:00:00Z");
        assertThat(json.get("ingestedAt").asText()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(json.get("authors").get(0).asText()).isEqualTo("A. Reporter");
        assertThat(json.get("metadata").get("guid").asText()).isEqualTo("g-1");
        assertThat(json.get("imageUrl").isNull()).isTrue();
    }

    @Test
    void shouldRoundTripArticleAndEnrichedArticle() {
        Article article = TestArticles.article("a-1");
        JsonAvroSerde<EnrichedArticle> enrichedSerde = JsonAvroSerde.of(EnrichedArticle.class);
        EnrichedArticle enriched = TestArticles.enriched("a-2");

        assertThat(articles.deserialize("t", articles.serialize("t", article))).isEqualTo(article);
        assertThat(enrichedSerde.deserialize("t", enrichedSerde.serialize("t", enriched))).isEqualTo(enriched);
    }

    @Test
    void shouldWriteEnumsAsTheirSymbol() throws Exception {
        JsonAvroSerde<EnrichedArticle> serde = JsonAvroSerde.of(EnrichedArticle.class);

        JsonNode json = MAPPER.readTree(serde.serialize("t", TestArticles.enriched("a-2")));

        assertThat(json.at("/sentiment/label").asText()).isEqualTo("POSITIVE");
        assertThat(json.at("/entities/0/type").asText()).isEqualTo("PERSON");
        assertThat(json.at("/entities/0/mentions/0/text").asText()).isEqualTo("Putin");
    }

    @Test
    void shouldReadRecordsWithoutOptionalFieldsUsingTheirDefaults() {
        String older = """
                {"id": "a-9", "source": "stdin", "body": "Text.", "ingestedAt": 1700000000000,
                 "contentHash": "h", "somethingNew": 42}
                """;

        Article article = articles.deserialize("t", older.getBytes(StandardCharsets.UTF_8));

        assertThat(article.getId()).isEqualTo("a-9");
        assertThat(article.getIngestedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(article.getAuthors()).isEqualTo(List.of());
        assertThat(article.getTitle()).isNull();
    }

    @Test
    void shouldMapNullToNullBothWaysForTombstones() {
        assertThat(articles.serialize("t", null)).isNull();
        assertThat(articles.deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectInvalidJsonWithOneLineNamingTheTopic() {
        assertThatThrownBy(() -> articles.deserialize("news.articles.raw", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Not a JSON Article (topic news.articles.raw")
                .message().doesNotContain("\n");
    }

    @Test
    void shouldRejectAMissingRequiredFieldNamingIt() {
        String noBody = """
                {"id": "a-9", "source": "stdin", "ingestedAt": "2026-01-01T00:00:00Z", "contentHash": "h"}
                """;

        assertThatThrownBy(() -> articles.deserialize("t", noBody.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Article.body: missing");
    }

    @Test
    void shouldRejectAWrongTypeNamingTheField() {
        String badDate = """
                {"id": "a-9", "source": "stdin", "body": "b", "ingestedAt": "yesterday", "contentHash": "h"}
                """;

        assertThatThrownBy(() -> articles.deserialize("t", badDate.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Article.ingestedAt: not an ISO-8601 instant");
    }
}
