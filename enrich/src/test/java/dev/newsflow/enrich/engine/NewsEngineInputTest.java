package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.DocumentTooLargeException;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Span;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Edge inputs: empty, too large, long, non-English, targets, concurrent use. */
class NewsEngineInputTest {
    private final NewsEngine engine = SharedEngine.get();

    @Test
    void shouldSkipEmptyText() {
        Annotation a = engine.annotate(Document.of("e", "  \n "));
        assertThat(a.skippedReason()).isEqualTo("empty text");
        assertThat(a.entities()).isEmpty();
        assertThat(engine.annotate(Document.of("e", null)).skippedReason()).isEqualTo("empty text");
    }

    @Test
    void shouldRejectTextOverTheSizeLimit() {
        String huge = "Angela Merkel met Emmanuel Macron in Paris. ".repeat(5_000);
        assertThat(huge.length()).isGreaterThan(EngineSettings.DEFAULT_MAX_CHARS);
        assertThatThrownBy(() -> engine.annotate(Document.of("big", huge)))
                .isInstanceOf(DocumentTooLargeException.class)
                .hasMessageContaining("engine.max.chars");
    }

    @Test
    void shouldTagLongTextInChunksWithDocumentOffsets() {
        CoreNlpNewsEngine small = ((CoreNlpNewsEngine) engine).withSettings(EngineSettings.defaults().withChunkChars(300));
        String paragraph = "Angela Merkel met Emmanuel Macron in Paris on Monday. Merkel praised the talks.\n\n";
        String text = paragraph.repeat(20);
        Annotation a = small.annotate(Document.of("long", text));
        EntityAnnotation merkel = a.entities().stream().filter(e -> e.name().equals("Angela Merkel")).findFirst().orElseThrow();
        assertThat(merkel.mentions()).hasSize(40);
        assertThat(merkel.mentions()).allSatisfy(m -> assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text()));
        assertThat(a.sentences()).hasSize(40);
    }

    @Test
    void shouldSkipNonEnglishTextWithItsDetectedLanguage() {
        String german = "Die Bundesregierung hat am Mittwoch beschlossen, die Hilfen für die Ukraine deutlich aufzustocken. "
                + "Der Kanzler sagte, man werde die Partner in Europa nicht im Stich lassen.";
        Annotation a = engine.annotate(Document.of("de", german));
        assertThat(a.language()).isEqualTo("de");
        assertThat(a.skippedReason()).isEqualTo("unsupported language: de");
        assertThat(a.entities()).isEmpty();
    }

    @Test
    void shouldTrustTheGivenLanguage() {
        Annotation a = engine.annotate(new Document("fr", null, "Barack Obama visited Paris.", "fr-FR", List.of()));
        assertThat(a.skippedReason()).isEqualTo("unsupported language: fr");
        Annotation en = engine.annotate(new Document("en", null, "Barack Obama visited Paris.", "EN", List.of()));
        assertThat(en.skippedReason()).isNull();
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.entities()).extracting(EntityAnnotation::name).contains("Barack Obama", "Paris");
    }

    @Test
    void shouldScoreSentimentTowardEachTarget() {
        String text = "Critics blasted Smith for the disastrous and corrupt deal. Fans praised Jones for her brilliant, generous work.";
        int smith = text.indexOf("Smith");
        int jones = text.indexOf("Jones");
        Annotation a = engine.annotate(new Document("t", null, text, "en",
                List.of(new Span(smith, smith + 5), new Span(jones, jones + 5))));
        assertThat(a.targets()).hasSize(2);
        assertThat(a.targets().get(0).start()).isEqualTo(smith);
        assertThat(a.targets().get(0).sentiment().label()).isEqualTo(Label.NEGATIVE);
        assertThat(a.targets().get(1).sentiment().label()).isEqualTo(Label.POSITIVE);
    }

    @Test
    void shouldRejectTargetsOutsideTheText() {
        assertThatThrownBy(() -> engine.annotate(new Document("t", null, "Short text.", "en", List.of(new Span(5, 50)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 50)");
    }

    @Test
    void shouldGiveTheSameResultWhenSharedBetweenThreads() throws Exception {
        String text = SharedEngine.resource("hollande-moscow-coalition.txt");
        Annotation expected = engine.annotate(Document.of("h", text));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Annotation> task = () -> engine.annotate(Document.of("h", text));
            List<Future<Annotation>> results = pool.invokeAll(List.of(task, task, task, task));
            for (Future<Annotation> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldEndNamesAtLineBreaksAndDropTaggedPronouns() {
        String text = "Speakers included:\nJohn Smith\nMary Jones\nPeter Brown\nThey met in London.";
        Annotation a = engine.annotate(Document.of("list", text));
        assertThat(a.entities()).extracting(EntityAnnotation::name)
                .containsExactlyInAnyOrder("John Smith", "Mary Jones", "Peter Brown", "London");
    }

    @Test
    void shouldReadItsSettingsFromAStageConfig() {
        org.apache.kafka.common.config.ConfigDef def = EngineSettings.configDef();
        EngineSettings settings = EngineSettings.from(new org.apache.kafka.common.config.AbstractConfig(def,
                java.util.Map.of(EngineSettings.MAX_CHARS, "5000", EngineSettings.ALIASES_FILE, "/tmp/extra.tsv")));
        assertThat(settings.maxChars()).isEqualTo(5000);
        assertThat(settings.chunkChars()).isEqualTo(EngineSettings.DEFAULT_CHUNK_CHARS);
        assertThat(settings.aliasesFile()).hasToString("/tmp/extra.tsv");
        assertThat(EngineSettings.from(new org.apache.kafka.common.config.AbstractConfig(def, java.util.Map.of())).aliasesFile())
                .isNull();
    }

    @Test
    void shouldNameAndVersionTheEngine() {
        assertThat(engine.name()).isEqualTo("newsflow-corenlp");
        assertThat(engine.version()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
