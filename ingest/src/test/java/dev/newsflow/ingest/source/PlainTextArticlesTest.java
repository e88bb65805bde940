package dev.newsflow.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.FixtureServer;
import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.schemas.avro.Article;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlainTextArticlesTest {
    private static final Path SAMPLE = Path.of("samples/hollande-moscow-coalition.txt");
    private final ArticleNormalizer normalizer = new ArticleNormalizer(1_000_000, true);

    private Article sample() {
        String text = new String(FixtureServer.resource("samples/hollande-moscow-coalition.txt"), StandardCharsets.UTF_8);
        return normalizer.normalize(PlainTextArticles.fromText(text, SAMPLE, SAMPLE.toString()), Instant.now());
    }

    @Test
    void shouldSplitTheDatelineOffTheSampleArticle() {
        Article article = sample();

        assertThat(article.getDateline()).isEqualTo("Moscow");
        assertThat(article.getBody()).startsWith("Russia vowed today to cooperate in the fight against terrorism");
    }

    @Test
    void shouldRemoveJunkLinesAndKeepParagraphsOfTheSampleArticle() {
        Article article = sample();

        assertThat(article.getBody()).doesNotContain("COMMERCIAL BREAK").doesNotContain("SCROLL TO CONTINUE READING")
                .doesNotContain("\n\n\n").contains("Islamic State group.\n\nSitting down to talks with Hollande");
        assertThat(article.getBody().split("\n\n")).hasSizeGreaterThan(10);
        assertThat(article.getLanguage()).isEqualTo("en");
    }

    @Test
    void shouldDeriveTheTitleFromTheFileNameWhenTheFirstLineIsASentence() {
        assertThat(sample().getTitle()).isEqualTo("Hollande moscow coalition");
    }

    @Test
    void shouldTakeAHeadlineFirstLineAsTheTitle() {
        var raw = PlainTextArticles.fromText("Ferry service resumes\n\nLerwick: The ferry link resumed on Saturday.",
                Path.of("ferry.txt"), "ferry.txt");

        assertThat(raw.title()).isEqualTo("Ferry service resumes");
        assertThat(raw.body()).doesNotContain("Ferry service resumes");
    }
}
