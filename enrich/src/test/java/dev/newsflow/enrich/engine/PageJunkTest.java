package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageJunkTest {

    @Test
    void shouldBlankJunkLinesKeepingLength() {
        String text = "Moscow: talks began.\n\nCOMMERCIAL BREAK\nSCROLL TO CONTINUE READING\n\nAdvertisement\nPutin said so.";
        String masked = PageJunk.mask(text);
        assertThat(masked).hasSameSizeAs(text);
        assertThat(masked).doesNotContain("COMMERCIAL", "SCROLL", "Advertisement");
        assertThat(masked).contains("Moscow: talks began.", "Putin said so.");
    }

    @Test
    void shouldKeepOrdinaryLinesAndShoutedSentences() {
        assertThat(PageJunk.isJunk("Putin met Hollande.")).isFalse();
        assertThat(PageJunk.isJunk("NATO AND EU AGREE ON A NEW PLAN FOR THE REGION TODAY")).isFalse();
        assertThat(PageJunk.isJunk("WE ARE READY.")).isFalse();
        assertThat(PageJunk.isJunk("READ MORE")).isTrue();
    }

    @Test
    void shouldKeepDatelinesHeadlinesAndResultsWrittenInCapitals() {
        String text = "LONDON 1996-12-06\nMOSCOW (Reuters) -\nANAHEIM AT BUFFALO\nNHL ICE HOCKEY STANDINGS\n"
                + "The Mighty Ducks won in Buffalo.";
        assertThat(PageJunk.mask(text)).isEqualTo(text);
    }

    @Test
    void shouldBlankShortLinesTheArticleRepeatsAsBoilerplate() {
        String text = "Putin met Hollande.\nWatch the video\nHe said so.\nWatch the video\nThey left.\nWatch the video\n"
                + "TOP STORIES\nTOP STORIES\nEnd.";
        String masked = PageJunk.mask(text);
        assertThat(masked).hasSameSizeAs(text).doesNotContain("Watch the video").contains("Putin met Hollande.", "They left.");
        assertThat(masked).as("twice is not yet boilerplate").contains("TOP STORIES");
    }

    @Test
    void shouldCutLongTextAtParagraphBreaks() {
        String text = "a".repeat(80) + "\n\n" + "b".repeat(80) + "\n\n" + "c".repeat(30);
        List<TextChunker.Chunk> chunks = TextChunker.chunks(text, 120);
        assertThat(chunks).extracting(TextChunker.Chunk::offset).containsExactly(0, 82);
        StringBuilder joined = new StringBuilder();
        chunks.forEach(c -> joined.append(c.text()));
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(120));
    }

    @Test
    void shouldCutTextWithoutBreaksAtWhitespace() {
        String text = "word ".repeat(100);
        List<TextChunker.Chunk> chunks = TextChunker.chunks(text, 64);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text().length()).isLessThanOrEqualTo(64);
            assertThat(c.text()).startsWith("word");
        });
    }
}
