package dev.newsflow.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    @Test
    void shouldKeepParagraphsAndDropScriptsFromHtml() {
        String html = "<p>First &amp; foremost,&nbsp;the   minister said.</p><script>track()</script>"
                + "<div>Second<br>line</div><p>Third &#8212; and last.</p>";

        assertThat(TextCleaner.fromHtml(html)).isEqualTo("First & foremost, the minister said.\n\nSecond line\n\nThird \u2014 and last.");
    }

    @Test
    void shouldDecodeEntitiesAndNormalizeWhitespaceInPlainText() {
        String text = "  Caf&eacute; owners\u00A0said   \"yes\".\r\n\r\n\r\n\tThe end &amp; more.  ";

        assertThat(TextCleaner.fromPlainText(text)).isEqualTo("Caf\u00e9 owners said \"yes\".\n\nThe end & more.");
    }

    @Test
    void shouldJoinHardWrappedLinesWithinAParagraph() {
        assertThat(TextCleaner.fromPlainText("one line\nwrapped here\n\nnext")).isEqualTo("one line wrapped here\n\nnext");
    }

    @Test
    void shouldDropPageJunkLinesButKeepSentencesMentioningThem() {
        String text = "Para one.\n\nCOMMERCIAL BREAK\nSCROLL TO CONTINUE READING\n\nAdvertisement\n\n"
                + "The advertisement campaign was pulled, the company said.\n\nShare this article";

        assertThat(TextCleaner.fromPlainText(text))
                .isEqualTo("Para one.\n\nThe advertisement campaign was pulled, the company said.");
    }
}
