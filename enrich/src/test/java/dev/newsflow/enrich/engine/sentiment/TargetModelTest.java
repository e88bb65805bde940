package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void shouldShipStaticWordVectorsForEveryWordPieceOfTheModel() {
        assertThat(MODEL.pieces()).isNotNull();
        // all-MiniLM-L6-v2's uncased vocabulary: 30,522 pieces less its special and unused ones
        assertThat(MODEL.pieces().weights()).hasSizeGreaterThan(29_000).containsKeys("praised", "##ed", "corrupt");
    }

    /**
     * The target model's means weigh each piece by a / (a + p) (SIF, p its share of the training
     * sentences' pieces), so the pieces of the most frequent words carry far smaller weights than
     * words of praise and blame (plain means: about a seventh as large; with the weighting about
     * a fourteenth).
     */
    @Test
    void shouldWeighTheMostFrequentPiecesFarBelowContentWords() {
        Map<String, double[]> pieces = MODEL.pieces().weights();
        double frequent = meanNorm(pieces, "the", ",", ".", "of", "to", "a", "and", "in", "'", "s", "that", "for", "on",
                "is", "was", "said");
        double content = meanNorm(pieces, "praised", "corrupt", "attacked", "welcomed", "crisis", "victory", "failed",
                "scandal", "hero", "fraud", "support", "criticized", "won", "lost", "murder", "celebrated");
        assertThat(frequent).isLessThan(0.1 * content);
    }

    private static double meanNorm(Map<String, double[]> pieces, String... names) {
        double sum = 0;
        for (String name : names) {
            double sq = 0;
            for (double w : pieces.get(name)) {
                sq += w * w;
            }
            sum += Math.sqrt(sq);
        }
        return sum / names.length;
    }

    /**
     * None of these verbs occurs in NewsMTSC train or in the lexicon, so without static word
     * vectors every sentence of a frame would score alike; through their vectors the words of
     * blame read lower than the words of praise in each frame (on average: single rare words are
     * cut into pieces whose vectors say little).
     */
    @ParameterizedTest
    @ValueSource(strings = {"The newspaper %s Smith on Monday.", "Smith was %s by the committee.", "Voters %s Smith."})
    void shouldReadVerbsTheTrainingSetNeverUsesByTheirVectors(String frame) {
        assertThat(meanScore(frame, "excoriated", "eviscerated", "castigated", "skewered", "vilified", "scolded"))
                .isLessThan(meanScore(frame, "acclaimed", "venerated", "feted", "lionized", "extolled", "exalted") - 0.03);
    }

    private static double meanScore(String frame, String... verbs) {
        double sum = 0;
        for (String verb : verbs) {
            String s = String.format(frame, verb);
            int start = s.indexOf("Smith");
            double[] p = MODEL.probabilities(s, start, start + 5);
            sum += p[2] - p[0];
        }
        return sum / verbs.length;
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
