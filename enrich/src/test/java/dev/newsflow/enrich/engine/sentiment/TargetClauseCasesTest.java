package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sentiment toward each target comes from the clause and role that govern it: contrast,
 * coordination, reported speech and passive agents, on sentences written for these tests.
 */
class TargetClauseCasesTest {
    private static final TargetModel MODEL = TargetModel.load(new VaderScorer(Lexicon.news()));

    private static List<Sentiment> toward(String sentence, String... targets) {
        List<int[]> spans = new ArrayList<>();
        for (String t : targets) {
            int start = sentence.indexOf(t);
            assertThat(start).as(t).isNotNegative();
            spans.add(new int[] {start, start + t.length()});
        }
        return MODEL.scoreAll(sentence, spans);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            contrast with while, negative first  # Critics slammed Trump for his handling of the crisis, while Biden was praised. # Trump # NEGATIVE # Biden # POSITIVE
            contrast with but, positive first    # Biden was praised, but Trump was slammed for his handling of the crisis. # Biden # POSITIVE # Trump # NEGATIVE
            contrast with whereas                # Smith won the election, whereas Jones suffered a humiliating defeat. # Smith # POSITIVE # Jones # NEGATIVE
            contrast with whereas, two agents    # The senator praised Jones, whereas critics mocked Brown. # Jones # POSITIVE # Brown # NEGATIVE
            shared subject, contrasted objects   # Smith praised Jones but attacked Brown. # Jones # POSITIVE # Brown # NEGATIVE
            coordinated objects share a verb     # Voters applauded Smith and Jones for their courage. # Smith # POSITIVE # Jones # POSITIVE
            coordinated subjects share a verb    # Smith and Jones were praised for their courage. # Smith # POSITIVE # Jones # POSITIVE
            reported speech, speaker first       # Smith said Jones was a corrupt liar. # Smith # NEUTRAL # Jones # NEGATIVE
            reported speech, speaker last        # Jones is a corrupt liar, Smith said. # Smith # NEUTRAL # Jones # NEGATIVE
            reported speech with that            # Smith told reporters that Jones had betrayed the party. # Smith # NEUTRAL # Jones # NEGATIVE
            """)
    void shouldReadEachTargetFromTheClauseThatGovernsIt(String name, String sentence, String first, Label firstLabel,
                                                        String second, Label secondLabel) {
        List<Sentiment> s = toward(sentence, first, second);
        assertThat(s.get(0).label()).as(first).isEqualTo(firstLabel);
        assertThat(s.get(1).label()).as(second).isEqualTo(secondLabel);
    }

    @Test
    void shouldNotLetANegativeClauseDecideATargetPraisedInTheOther() {
        Sentiment biden = toward("Critics slammed Trump for his handling of the crisis, while Biden was praised.", "Biden")
                .get(0);
        assertThat(biden.score()).isGreaterThan(0.3);
    }

    @Test
    void shouldGiveThePatientTheSameLabelInTheActiveAndThePassive() {
        Sentiment active = toward("Smith criticized Jones.", "Jones").get(0);
        Sentiment passive = toward("Jones was criticized by Smith.", "Jones").get(0);
        assertThat(active.label()).isEqualTo(Label.NEGATIVE).isEqualTo(passive.label());
        Sentiment praisedActive = toward("Smith praised Jones.", "Jones").get(0);
        Sentiment praisedPassive = toward("Jones was praised by Smith.", "Jones").get(0);
        assertThat(praisedActive.label()).isEqualTo(Label.POSITIVE).isEqualTo(praisedPassive.label());
    }

    @Test
    void shouldScoreOneTargetAloneAsAmongOthers() {
        String s = "Critics slammed Trump for his handling of the crisis, while Biden was praised.";
        int start = s.indexOf("Biden");
        assertThat(MODEL.score(s, start, start + 5)).isEqualTo(toward(s, "Trump", "Biden").get(1));
    }
}
