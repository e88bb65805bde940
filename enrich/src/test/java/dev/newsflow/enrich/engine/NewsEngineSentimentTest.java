package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewsEngineSentimentTest {
    private static final NewsEngine ENGINE = SharedEngine.get();

    private static EntityAnnotation entity(Annotation a, String name) {
        return a.entities().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entity " + name + " in " + a.entities()));
    }

    @Test
    void shouldNotReadTheTitleAWinnerTakesAsNegative() {
        Annotation a = ENGINE.annotate(Document.of("rugby", SharedEngine.resource("ireland-win-six-nations.txt")));
        assertThat(entity(a, "Six Nations Championship").sentiment().score()).isGreaterThan(-0.1);
        assertThat(entity(a, "Ireland").sentiment().label()).isEqualTo(Label.POSITIVE);
        assertThat(a.sentiment().label()).isNotEqualTo(Label.NEGATIVE);
    }

    @Test
    void shouldScoreACallersTargetsByTheirOwnClause() {
        String text = "Critics slammed Trump for his handling of the crisis, while Biden was praised.";
        int trump = text.indexOf("Trump");
        int biden = text.indexOf("Biden");
        Annotation a = ENGINE.annotate(new Document("t", null, text, "en",
                List.of(new Span(trump, trump + 5), new Span(biden, biden + 5))));
        assertThat(a.targets().get(0).sentiment().label()).isEqualTo(Label.NEGATIVE);
        assertThat(a.targets().get(1).sentiment().label()).isEqualTo(Label.POSITIVE);
    }

    @Test
    void shouldGiveEntitiesTheirOwnClausesStanceInAnArticle() {
        String text = """
                Voters reward Hartley as Corbin stumbles

                Critics slammed Senator Corbin for his handling of the flood, while Governor Hartley was praised \
                for a swift and generous relief effort.

                Residents thanked Hartley at a rally on Sunday.""";
        Annotation a = ENGINE.annotate(Document.of("clauses", text));
        assertThat(entity(a, "Hartley").sentiment().label()).isEqualTo(Label.POSITIVE);
        assertThat(entity(a, "Corbin").sentiment().score())
                .isLessThan(entity(a, "Hartley").sentiment().score());
    }

    @Test
    void shouldUseOneScaleForSentencesDocumentAndEntities() {
        Annotation a = ENGINE.annotate(Document.of("rugby", SharedEngine.resource("ireland-win-six-nations.txt")));
        a.sentences().forEach(s -> assertConsistent(s.sentiment()));
        a.entities().forEach(e -> assertConsistent(e.sentiment()));
        assertConsistent(a.sentiment());
    }

    private static void assertConsistent(NewsEngine.Sentiment s) {
        assertThat(s.score()).isBetween(-1.0, 1.0);
        switch (s.label()) {
            case POSITIVE -> assertThat(s.score()).isGreaterThanOrEqualTo(0.05);
            case NEGATIVE -> assertThat(s.score()).isLessThanOrEqualTo(-0.05);
            case NEUTRAL -> assertThat(s.score()).isBetween(-0.05, 0.05);
        }
    }
}
