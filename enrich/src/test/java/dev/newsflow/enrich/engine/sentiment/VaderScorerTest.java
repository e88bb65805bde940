package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class VaderScorerTest {
    private static final VaderScorer VADER = new VaderScorer(Lexicon.vader());

    @Test
    void shouldScorePositiveAndNegativeWords() {
        assertThat(VADER.compound("The plan is good.")).isPositive();
        assertThat(VADER.compound("The plan is terrible.")).isNegative();
        assertThat(VADER.compound("The meeting is on Tuesday.")).isZero();
    }

    @Test
    void shouldFlipValenceAfterNegation() {
        assertThat(VADER.compound("The plan is not good.")).isNegative();
        assertThat(VADER.compound("The plan isn't good.")).isNegative();
        assertThat(VADER.compound("The plan is never good at all.")).isNegative();
    }

    @Test
    void shouldBoostAfterIntensifierAndDampAfterDiminisher() {
        double plain = VADER.compound("The plan is good.");
        assertThat(VADER.compound("The plan is very good.")).isGreaterThan(plain);
        assertThat(VADER.compound("The plan is slightly good.")).isLessThan(plain);
    }

    @Test
    void shouldWeighTheClauseAfterButMore() {
        assertThat(VADER.compound("The food was great but the service was awful.")).isNegative();
        assertThat(VADER.compound("The service was awful but the food was great.")).isPositive();
    }

    @Test
    void shouldAmplifyCapitalsAndExclamations() {
        double plain = VADER.compound("The plan is good.");
        assertThat(VADER.compound("The plan is GOOD.")).isGreaterThan(plain);
        assertThat(VADER.compound("The plan is good!!!")).isGreaterThan(plain);
    }

    @Test
    void shouldStayWithinUnitRange() {
        String praise = "great wonderful excellent superb amazing ".repeat(50);
        assertThat(VADER.compound(praise)).isLessThanOrEqualTo(1.0).isGreaterThan(0.99);
        assertThat(VaderScorer.normalize(-1e9)).isEqualTo(-1.0);
    }

    @Test
    void shouldIgnoreMaskedWords() {
        String text = "Justice Department officials met.";
        BitSet mask = new BitSet();
        mask.set(0, "Justice Department".length());
        assertThat(VADER.compound(text)).isPositive();
        assertThat(VADER.compound(text, mask)).isZero();
    }

    @Test
    void shouldNeutraliseInstitutionWordsInTheNewsLexicon() {
        VaderScorer news = new VaderScorer(Lexicon.news());
        assertThat(news.compound("The United States party met like every year.")).isZero();
        assertThat(VADER.compound("The United States party met like every year.")).isPositive();
    }
}
