package dev.newsflow.ingest.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.FixtureServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticlePageExtractorTest {
    private static final String BASE = "https://gazette.example";
    private final ArticlePageExtractor extractor = new ArticlePageExtractor();

    private PageContent page(String name, String path) {
        String html = new String(FixtureServer.resource("fixtures/pages/" + name), StandardCharsets.UTF_8).replace("{{base}}", BASE);
        return extractor.extract(html, BASE + path);
    }

    @Test
    void shouldTakeJsonLdDatePublishedBeforeMetaTags() {
        PageContent page = page("rates-hold.html", "/economy/rates-hold");

        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-03-13T14:02:00Z"));
        assertThat(page.dateSource()).isEqualTo("json-ld");
        assertThat(page.authors()).containsExactly("Samuel Okafor", "Priya Raman");
        assertThat(page.title()).isEqualTo("Central bank holds rates, signals cut in summer");
        assertThat(page.canonicalUrl()).isEqualTo(BASE + "/economy/rates-hold");
    }

    @Test
    void shouldExtractTheMainTextWithoutNavigationAdsOrFooter() {
        PageContent page = page("rates-hold.html", "/economy/rates-hold");

        assertThat(page.text()).contains("The central bank kept its main interest rate at 3.25 per cent")
                .contains("Business groups welcomed the signal")
                .doesNotContain("Subscribe").doesNotContain("cookies").doesNotContain("All rights reserved")
                .doesNotContain("Advertisement").doesNotContain("dataLayer");
        assertThat(page.text().split("\n\n").length).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldFallBackToThePublishedTimeMetaTagAndAuthorMeta() {
        PageContent page = page("bronzes-returned.html", "/culture/bronzes-returned");

        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-03-12T08:30:00Z"));
        assertThat(page.dateSource()).isEqualTo("meta:article:published_time");
        assertThat(page.authors()).containsExactly("Lena Fischer");
        assertThat(page.text()).startsWith("Twelve bronze plaques").doesNotContain("Share this article");
    }

    @Test
    void shouldTakeTheDateInTheUrlWhenThePageMarkupHasNone() {
        PageContent page = page("no-date.html", "/weather/2025/03/11/storm-passes");

        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
        assertThat(page.dateSource()).isEqualTo("url");
        assertThat(page.publishedLocal()).isNull();
        assertThat(page.text()).contains("Heavy snow and winds").doesNotContain("newsletter");
    }

    @Test
    void shouldGiveNoDateWhenNeitherThePageNorItsUrlHasOne() {
        PageContent page = page("no-date.html", "/weather/storm-passes");

        assertThat(page.publishedAt()).isNull();
        assertThat(page.dateSource()).isNull();
    }

    @Test
    void shouldIgnoreMalformedJsonLd() {
        String html = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": </script>"
                + "<meta name=\"pubdate\" content=\"2025-03-01T10:00:00Z\"></head><body><p>Text.</p></body></html>";

        assertThat(extractor.extract(html, BASE + "/a").publishedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    }

    @Test
    void shouldFindTheCharsetInTheMetaTagWhenTheServerSendsNone() {
        String html = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9</title></head><body><article>"
                + "<p>Z\u00fcrich: The caf\u00e9 on the square reopened on Monday after a long renovation of its kitchen and terrace.</p>"
                + "</article></body></html>";

        PageContent page = extractor.extract(html.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), null, BASE + "/a");

        assertThat(page.text()).contains("Z\u00fcrich").contains("caf\u00e9");
    }
}
