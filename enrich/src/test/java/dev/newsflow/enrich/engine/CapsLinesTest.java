package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import org.junit.jupiter.api.Test;

class CapsLinesTest {

    @Test
    void shouldRestoreTheArticlesOwnFormsOnLinesInCapitalsKeepingEveryOffset() {
        String text = "PUTIN MEETS HOLLANDE AT THE KREMLIN\nVladimir Putin met Francois Hollande at the Kremlin on Thursday.";
        String restored = CapsLines.restore(text);
        assertThat(restored).hasSameSizeAs(text);
        assertThat(restored).as("MEETS is not used elsewhere").startsWith("Putin MEETS Hollande at the Kremlin\n");
        assertThat(restored.substring(restored.indexOf('\n'))).isEqualTo(text.substring(text.indexOf('\n')));
    }

    @Test
    void shouldLeaveWordsTheArticleDoesNotUseElsewhereAsTheyAre() {
        String text = "ANAHEIM AT BUFFALO\nThe game was played at night.";
        assertThat(CapsLines.restore(text)).startsWith("ANAHEIM at BUFFALO\n");
    }

    @Test
    void shouldNotTouchTextWithoutLinesInCapitals() {
        String text = "The EU and NATO met in Brussels.\nIS claimed the attack.";
        assertThat(CapsLines.restore(text)).isSameAs(text);
    }

    @Test
    void shouldFindTheNamesOfAHeadlineInCapitalsWithTheRealTagger() {
        String text = "MERKEL AND MACRON MEET IN BERLIN\nAngela Merkel and Emmanuel Macron met in Berlin on Monday "
                + "to discuss the budget.";
        Annotation a = SharedEngine.get().annotate(Document.of("caps", text));
        int headlineEnd = text.indexOf('\n');
        assertThat(a.entities()).filteredOn(e -> e.name().equals("Angela Merkel")).singleElement()
                .satisfies(e -> assertThat(e.mentions()).anyMatch(m -> m.end() <= headlineEnd && m.text().equals("MERKEL")));
        assertThat(a.entities()).extracting(EntityAnnotation::name).contains("Berlin", "Emmanuel Macron");
    }
}
