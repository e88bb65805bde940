package dev.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.ingest.FixtureServer;
import dev.newsflow.ingest.fetch.FetchException;
import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.schemas.avro.Article;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedParserTest {
    private static final String BASE = "https://gazette.example";
    private final ArticleNormalizer normalizer = new ArticleNormalizer(1_000_000, true);

    private static byte[] fixture(String name, java.nio.charset.Charset charset) {
        return new String(FixtureServer.resource("fixtures/" + name), charset).replace("{{base}}", BASE).getBytes(charset);
    }

    private Article normalize(RawArticle raw) {
        return normalizer.normalize(raw, Instant.now());
    }

    @Test
    void shouldReadRss2WithCdataContentEncodedCreatorAndMedia() throws Exception {
        List<FeedParser.Item> items = FeedParser.parse(fixture("rss2.xml", StandardCharsets.UTF_8),
                "application/rss+xml; charset=utf-8", BASE + "/feeds/rss2.xml");

        assertThat(items).hasSize(4);
        Article strike = normalize(items.get(0).article());
        assertThat(strike.getTitle()).isEqualTo("Port workers end strike after pay deal in Rotterdam");
        assertThat(strike.getUrl()).isEqualTo(BASE + "/world/2025/03/14/port-strike-ends");
        assertThat(strike.getAuthors()).containsExactly("Marta de Vries");
        assertThat(strike.getPublishedAt()).isEqualTo(Instant.parse("2025-03-14T08:05:00Z"));
        assertThat(strike.getDateline()).isEqualTo("Rotterdam");
        assertThat(strike.getBody()).startsWith("Dock workers in Europe\u2019s largest port").contains("7.5 per cent")
                .doesNotContain("ADVERTISEMENT").doesNotContain("trackView").contains("\n\n\"This is a fair result");
        assertThat(strike.getLanguage()).isEqualTo("en");
        assertThat(strike.getMetadata()).containsEntry("guid", "gazette-48121");
        assertThat(items.get(1).feedText()).startsWith("The bank kept its main rate");
        assertThat(normalize(items.get(2).article()).getAuthors()).containsExactly("Lena Fischer");
        assertThat(normalize(items.get(2).article()).getBody()).isEqualTo("Twelve bronzes taken in 1897 are going home.");
        assertThat(items.get(3).article().publishedAt()).isNull();
    }

    @Test
    void shouldReadRss1RdfInItsDeclaredCharset() throws Exception {
        List<FeedParser.Item> items = FeedParser.parse(fixture("rss1.rdf", StandardCharsets.ISO_8859_1), "application/rdf+xml",
                BASE + "/feeds/rss1.rdf");

        assertThat(items).hasSize(2);
        Article bridge = normalize(items.get(0).article());
        assertThat(bridge.getAuthors()).containsExactly("Jos\u00e9 Ib\u00e1\u00f1ez");
        assertThat(bridge.getDateline()).isEqualTo("Z\u00fcrich");
        assertThat(bridge.getPublishedAt()).isEqualTo(Instant.parse("2025-03-10T07:15:00Z"));
        assertThat(normalize(items.get(1).article()).getTitle()).isEqualTo("Village caf\u00e9 wins national award");
    }

    @Test
    void shouldReadAtomWithXhtmlContentRelativeLinksAndSeveralAuthors() throws Exception {
        List<FeedParser.Item> items = FeedParser.parse(fixture("atom.xml", StandardCharsets.UTF_8), "application/atom+xml",
                BASE + "/feeds/atom.xml");

        Article ferry = normalize(items.get(0).article());
        assertThat(ferry.getTitle()).isEqualTo("Ferry service to the islands resumes");
        assertThat(ferry.getUrl()).isEqualTo(BASE + "/transport/ferry-resumes");
        assertThat(ferry.getAuthors()).containsExactly("Ingrid Solberg", "Tom Ashby");
        assertThat(ferry.getPublishedAt()).isEqualTo(Instant.parse("2025-03-15T07:45:00Z"));
        assertThat(ferry.getDateline()).isEqualTo("Lerwick");
        assertThat(ferry.getBody().split("\n\n")).hasSize(4);
        assertThat(items.get(1).article().publishedAt()).isEqualTo(Instant.parse("2025-03-14T12:00:00Z"));
    }

    @Test
    void shouldToleratAWrongCharsetHeader() throws Exception {
        List<FeedParser.Item> items = FeedParser.parse(fixture("rss1.rdf", StandardCharsets.ISO_8859_1),
                "application/rdf+xml; charset=utf-8", BASE + "/feeds/rss1.rdf");

        assertThat(items).hasSize(2);
    }

    @Test
    void shouldRefuseMalformedAndTruncatedFeedsWithAReason() {
        byte[] truncated = java.util.Arrays.copyOf(fixture("rss2.xml", StandardCharsets.UTF_8), 1500);

        assertThatThrownBy(() -> FeedParser.parse("<rss><channel><item><title>x</chan".getBytes(StandardCharsets.UTF_8), "text/xml", "f"))
                .isInstanceOf(FetchException.class).hasMessageContaining("not a readable feed at f");
        assertThatThrownBy(() -> FeedParser.parse(truncated, "text/xml", "f"))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.BAD_CONTENT));
        assertThatThrownBy(() -> FeedParser.parse("<html><body>Not a feed</body></html>".getBytes(StandardCharsets.UTF_8), "text/html", "f"))
                .isInstanceOf(FetchException.class);
    }

    @Test
    void shouldNeverResolveExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>t</title><item><title>&secret;</title><link>https://x.example/a</link></item></channel></rss>
                """;

        assertThatThrownBy(() -> FeedParser.parse(xxe.getBytes(StandardCharsets.UTF_8), "text/xml", "f"))
                .isInstanceOf(FetchException.class);
    }
}
