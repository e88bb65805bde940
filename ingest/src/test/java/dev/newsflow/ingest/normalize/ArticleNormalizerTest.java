package dev.newsflow.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.schemas.avro.Article;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleNormalizerTest {
    private static final Instant NOW = Instant.parse("2025-03-15T12:00:00Z");
    private final ArticleNormalizer normalizer = new ArticleNormalizer(1_000_000, true);

    private static RawArticle article(String source, String link) {
        return new RawArticle(source).link(link).title("Port workers end strike")
                .text("Dock workers voted on Thursday to end a six-day strike after a pay deal was agreed with the operators.");
    }

    @Test
    void shouldGiveTheSameIdToTheSameArticleReachedTwoWays() {
        Article fromFeed = normalizer.normalize(article("https://a.example/rss", "https://News.Example.com/world/strike?utm_source=rss#top"), NOW);
        Article fromOtherFeed = normalizer.normalize(article("https://b.example/atom", "https://news.example.com/world/strike?fbclid=abc"), NOW);

        assertThat(fromFeed.getId()).isEqualTo(fromOtherFeed.getId());
        assertThat(fromFeed.getUrl()).isEqualTo("https://news.example.com/world/strike");
        assertThat(fromFeed.getContentHash()).isEqualTo(fromOtherFeed.getContentHash());
    }

    @Test
    void shouldFallBackToSourceAndGuidThenToTheText() {
        Article byGuid = normalizer.normalize(article("https://a.example/rss", null).guid("gazette-48121"), NOW);
        Article sameGuidOtherSource = normalizer.normalize(article("https://b.example/rss", null).guid("gazette-48121"), NOW);
        Article byText = normalizer.normalize(article("stdin", null), NOW);
        Article sameTextElsewhere = normalizer.normalize(article("http", null), NOW);

        assertThat(byGuid.getId()).startsWith("g").isNotEqualTo(sameGuidOtherSource.getId());
        assertThat(byText.getId()).startsWith("t").isEqualTo(sameTextElsewhere.getId());
        assertThat(byGuid.getUrl()).isNull();
    }

    @Test
    void shouldKeepTheIdButChangeTheHashWhenTheArticleChanges() {
        Article first = normalizer.normalize(article("s", "https://news.example.com/a"), NOW);
        Article updated = normalizer.normalize(article("s", "https://news.example.com/a").title("Port workers end strike (updated)"), NOW);

        assertThat(updated.getId()).isEqualTo(first.getId());
        assertThat(updated.getContentHash()).isNotEqualTo(first.getContentHash()).hasSize(64);
    }

    @Test
    void shouldIgnoreWhitespaceAndCaseChangesInTheContentHash() {
        Article a = normalizer.normalize(new RawArticle("s").title("Title").text("Body   text\n\nmore"), NOW);
        Article b = normalizer.normalize(new RawArticle("s").title("TITLE ").text("body text\n\n\n\nMore"), NOW);

        assertThat(a.getContentHash()).isEqualTo(b.getContentHash());
    }

    @Test
    void shouldDetectTheLanguage() {
        Article english = normalizer.normalize(new RawArticle("s").title("Storm closes passes").text(
                "Heavy snow and strong winds closed three mountain passes on Tuesday, and the avalanche warning was raised."), NOW);
        Article german = normalizer.normalize(new RawArticle("s").title("Sturm schliesst Pässe").text(
                "Starker Schneefall und heftige Winde haben am Dienstag drei Bergpässe geschlossen, die Lawinenwarnstufe wurde erhöht."), NOW);
        Article french = normalizer.normalize(new RawArticle("s").title("La tempête ferme les cols").text(
                "De fortes chutes de neige et des vents violents ont fermé trois cols de montagne mardi, et le risque d'avalanche a été relevé."), NOW);

        assertThat(english.getLanguage()).isEqualTo("en");
        assertThat(german.getLanguage()).isEqualTo("de");
        assertThat(french.getLanguage()).isEqualTo("fr");
    }

    @Test
    void shouldTakeThePublishedTimeFromTheUrlWhenNothingElseHasOne() {
        Article article = normalizer.normalize(article("s", "https://news.example.com/2025/03/11/storm"), NOW);

        assertThat(article.getPublishedAt()).isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
        assertThat(article.getIngestedAt()).isEqualTo(NOW);
    }

    @Test
    void shouldPreferTheSourceDateOverTheUrlDate() {
        Article article = normalizer.normalize(article("s", "https://news.example.com/2025/03/11/storm")
                .publishedAt(Instant.parse("2025-03-11T07:30:00Z")), NOW);

        assertThat(article.getPublishedAt()).isEqualTo(Instant.parse("2025-03-11T07:30:00Z"));
    }

    @Test
    void shouldCleanHtmlTitlesAndBodies() {
        Article article = normalizer.normalize(new RawArticle("s").title("Port workers end strike after <em>pay deal</em>")
                .html("<p>Rotterdam: Dock workers&rsquo; vote.</p><div>ADVERTISEMENT</div><p>Second paragraph.</p>"), NOW);

        assertThat(article.getTitle()).isEqualTo("Port workers end strike after pay deal");
        assertThat(article.getDateline()).isEqualTo("Rotterdam");
        assertThat(article.getBody()).isEqualTo("Dock workers\u2019 vote.\n\nSecond paragraph.");
    }

    @Test
    void shouldRefuseAnArticleWithoutTitleOrText() {
        assertThatThrownBy(() -> normalizer.normalize(new RawArticle("feed").link("https://x.example/a").text("  "), NOW))
                .isInstanceOf(InvalidArticleException.class)
                .hasMessageContaining("neither title nor text");
    }

    @Test
    void shouldCutOverlongBodiesAtAParagraph() {
        ArticleNormalizer small = new ArticleNormalizer(100, false);
        String body = ("A paragraph of some forty characters ok.\n\n").repeat(10);

        Article article = small.normalize(new RawArticle("s").title("t").text(body), NOW);

        assertThat(article.getBody().length()).isLessThanOrEqualTo(100);
        assertThat(article.getBody()).endsWith("ok.");
    }
}
