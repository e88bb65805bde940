package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TargetModelTest {
    private static final TargetModel MODEL = TargetModel.load(new VaderScorer(Lexicon.news()));

    private static Sentiment toward(String sentence, String target) {
        int start = sentence.indexOf(target);
        return MODEL.score(sentence, start, start + target.length());
    }

    @Test
    void shouldShipTheTrainedWeights() {
        assertThat(MODEL).isNotNull();
        assertThat(MODEL.size()).isGreaterThan(1_000);
    }

    @Test
    void shouldGiveProbabilitiesThatSumToOne() {
        double[] p = MODEL.probabilities("Smith met the press on Monday.", 0, 5);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, Offset.offset(1e-9));
    }

    @Test
    void shouldReadPraiseAndAttackTowardTheTarget() {
        assertThat(toward("Critics slammed Smith as a corrupt liar who failed the country.", "Smith").label())
                .isEqualTo(Label.NEGATIVE);
        assertThat(toward("Voters praised Smith as an honest and brilliant leader.", "Smith").label())
                .isEqualTo(Label.POSITIVE);
    }

    @Test
    void shouldDistinguishTwoTargetsOfOneSentence() {
        String s = "Jones, a respected and popular reformer, defeated the disgraced and corrupt Smith.";
        assertThat(toward(s, "Smith").score()).isLessThan(toward(s, "Jones").score());
    }

    @Test
    void shouldKeepScoreConsistentWithLabelThresholds() {
        for (double[] p : new double[][] {{0.2, 0.5, 0.3}, {0.5, 0.2, 0.3}, {0.1, 0.3, 0.6}, {0.34, 0.33, 0.33}}) {
            Sentiment s = TargetModel.sentiment(p);
            assertThat(Sentiment.of(s.score()).label()).isEqualTo(s.label());
        }
    }
}
