package dev.newsflow.ingest.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A labelled set of small pages written for this test: the published time (instant, the page's
 * own offset, where it was found), the authors, the language and the top image of each.
 */
class PageMetadataTest {
    private static final String STORY = "<article><p>The ferry to the island ran again on Wednesday after two years of repairs to its hull and engine, "
            + "and about sixty people queued before dawn for the first crossing of the day.</p></article>";

    record Expected(String url, String published, String local, String dateSource, List<String> authors, String language, String image) {
    }

    private static Arguments page(String name, String head, Expected expected) {
        return Arguments.of(name, "<html" + (head.startsWith("lang=") ? " " + head.substring(0, head.indexOf('>')) + ">" + head.substring(head.indexOf('>') + 1)
                : "><head>" + head) + "</head><body>" + STORY + "</body></html>", expected);
    }

    static Stream<Arguments> pages() {
        String u = "https://gazette.example/local/ferry";
        return Stream.of(
                page("JSON-LD date wins over meta, its offset kept", "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                        + "\"datePublished\": \"2025-04-02T07:45:00-05:00\", \"author\": {\"@type\": \"Person\", \"name\": \"Maren Holt\"}}</script>"
                        + "<meta property=\"article:published_time\" content=\"2025-04-01T00:00:00Z\">",
                        new Expected(u, "2025-04-02T12:45:00Z", "2025-04-02T07:45-05:00", "json-ld", List.of("Maren Holt"), null, null)),
                page("meta published time with offset", "<meta property=\"article:published_time\" content=\"2025-03-12T08:30:00+02:00\">"
                        + "<meta name=\"author\" content=\"Lena Fischer\">",
                        new Expected(u, "2025-03-12T06:30:00Z", "2025-03-12T08:30+02:00", "meta:article:published_time", List.of("Lena Fischer"), null, null)),
                page("time element only", "</head><body><time datetime=\"2025-01-05T10:00:00+09:00\">5 January</time><head>",
                        new Expected(u, "2025-01-05T01:00:00Z", "2025-01-05T10:00+09:00", "time", List.of(), null, null)),
                page("date in the URL only", "<title>Ferry</title>",
                        new Expected("https://gazette.example/2025/02/14/ferry", "2025-02-14T00:00:00Z", null, "url", List.of(), null, null)),
                page("no date anywhere", "<title>Ferry</title>", new Expected(u, null, null, null, List.of(), null, null)),
                page("JSON-LD @graph with two authors", "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebSite\", \"name\": \"Gazette\"}, "
                        + "{\"@type\": \"NewsArticle\", \"datePublished\": \"2025-04-02T07:45:00Z\", \"author\": [{\"@type\": \"Person\", \"name\": \"Ana Ruiz\"}, "
                        + "{\"@type\": \"Person\", \"name\": \"Jonas Brandt\"}]}]}</script>",
                        new Expected(u, "2025-04-02T07:45:00Z", "2025-04-02T07:45Z", "json-ld", List.of("Ana Ruiz", "Jonas Brandt"), null, null)),
                page("byline furniture is not a name", "<meta name=\"author\" content=\"By Staff | Updated 3pm\">",
                        new Expected(u, null, null, null, List.of(), null, null)),
                page("byline cut to the name", "<meta name=\"author\" content=\"By Jane Roe | Updated 3pm\">",
                        new Expected(u, null, null, null, List.of("Jane Roe"), null, null)),
                page("two names in one meta tag", "<meta name=\"author\" content=\"Jane Roe and John Doe\">",
                        new Expected(u, null, null, null, List.of("Jane Roe", "John Doe"), null, null)),
                page("author link in the markup", "</head><body><a rel=\"author\" href=\"/staff/anna\">Anna Berg</a><head>",
                        new Expected(u, null, null, null, List.of("Anna Berg"), null, null)),
                page("html lang and a relative og:image", "lang=\"en-US\"><head><meta property=\"og:image\" content=\"/img/ferry.jpg\">",
                        new Expected(u, null, null, null, List.of(), "en", "https://gazette.example/img/ferry.jpg")),
                page("og:locale", "<meta property=\"og:locale\" content=\"de_DE\">",
                        new Expected(u, null, null, null, List.of(), "de", null)),
                page("JSON-LD inLanguage and image array over html lang and og:image", "lang=\"en\"><head><script type=\"application/ld+json\">"
                        + "{\"@type\": \"NewsArticle\", \"inLanguage\": \"fr-FR\", \"image\": [\"https://cdn.example/a.jpg\", \"https://cdn.example/b.jpg\"]}</script>"
                        + "<meta property=\"og:image\" content=\"https://cdn.example/og.jpg\">",
                        new Expected(u, null, null, null, List.of(), "fr", "https://cdn.example/a.jpg")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void shouldFindTheLabelledMetadata(String name, String html, Expected expected) {
        PageContent page = new ArticlePageExtractor().extract(html, expected.url());

        assertThat(page.publishedAt()).isEqualTo(expected.published() == null ? null : Instant.parse(expected.published()));
        assertThat(page.publishedLocal()).isEqualTo(expected.local());
        assertThat(page.dateSource()).isEqualTo(expected.dateSource());
        assertThat(page.authors()).containsExactlyElementsOf(expected.authors());
        assertThat(page.language()).isEqualTo(expected.language());
        assertThat(page.imageUrl()).isEqualTo(expected.image());
        assertThat(page.text()).startsWith("The ferry to the island");
    }
}
