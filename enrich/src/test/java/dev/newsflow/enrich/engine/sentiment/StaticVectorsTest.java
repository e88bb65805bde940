package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.eval.DevSets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class StaticVectorsTest {
    private static final Set<String> VOCAB = Set.of("lam", "##bas", "##ted", "cafe", "u", ".", "s", "praised", "the",
            "plan", "smith", "critics", "on", "monday");

    @Test
    void shouldCutAWordIntoTheLongestKnownPiecesFromTheLeft() {
        assertThat(StaticVectors.pieces("lambasted", VOCAB::contains)).containsExactly("lam", "##bas", "##ted");
        assertThat(StaticVectors.pieces("praised", VOCAB::contains)).containsExactly("praised");
    }

    @Test
    void shouldStripAccentsAndSplitAtPunctuationAsTheUncasedTokenizerDoes() {
        assertThat(StaticVectors.pieces("café", VOCAB::contains)).containsExactly("cafe");
        assertThat(StaticVectors.pieces("u.s", VOCAB::contains)).containsExactly("u", ".", "s");
    }

    @Test
    void shouldGiveNoPiecesForAWordThatCannotBeCut() {
        assertThat(StaticVectors.pieces("lamxyz", VOCAB::contains)).isEmpty();
    }

    @Test
    void shouldGroupTokensAsNearTheTargetTheRestOrTheTargetItself() {
        String s = "Critics praised Smith on Monday , one two three four five six seven eight .";
        List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s);
        int[] groups = StaticVectors.groups(toks, s.indexOf("Smith"), s.indexOf("Smith") + 5);
        assertThat(groups[2]).isEqualTo(-1);
        assertThat(groups[0]).isZero();
        assertThat(groups[2 + StaticVectors.NEAR]).isZero();
        assertThat(groups[2 + StaticVectors.NEAR + 1]).isEqualTo(1);
    }

    /** Folding the dense weights into per-piece weights gives the class scores the dense features give. */
    @Test
    void shouldScoreWithFoldedPieceWeightsAsWithTheDenseFeatures() {
        Random random = new Random(3);
        Map<String, float[]> vectors = new HashMap<>();
        for (String piece : VOCAB) {
            float[] v = new float[StaticVectors.DIM];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
            }
            vectors.put(piece, v);
        }
        StaticVectors.Table table = new StaticVectors.Table(vectors);
        List<DevSets.TargetSentence> train = List.of(
                sentence("Critics lambasted Smith on Monday.", "Smith"),
                sentence("The plan praised Smith.", "Smith"),
                sentence("Smith praised the cafe on Monday in the U.S.", "Smith"));
        StaticVectors.Scaling scaling = StaticVectors.Scaling.fit(table, train);
        Map<String, double[]> weights = new HashMap<>();
        weights.put("bias", new double[] {0.1, -0.2, 0.3});
        for (int j = 0; j < 2 * StaticVectors.DIM; j++) {
            weights.put(StaticVectors.DENSE_PREFIX + j, new double[] {random.nextGaussian(), random.nextGaussian(),
                random.nextGaussian()});
        }
        for (DevSets.TargetSentence s : train) {
            DevSets.Target t = s.targets().get(0);
            List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
            Map<String, Double> x = new HashMap<>(Map.of("bias", 1.0));
            scaling.put(table, toks, t.start(), t.end(), x);
            double[] dense = scores(weights, x);

            Map<String, double[]> folded = new HashMap<>(weights);
            Map<String, double[]> pieces = StaticVectors.project(folded, table, scaling);
            assertThat(folded.keySet()).containsExactly("bias");
            double[] z = folded.get("bias").clone();
            StaticVectors.PieceWeights pw = new StaticVectors.PieceWeights(pieces);
            pw.add(pw.analyse(toks), t.start(), t.end(), z);
            for (int c = 0; c < 3; c++) {
                assertThat(z[c]).as(s.sentence() + " class " + c).isCloseTo(dense[c], Offset.offset(1e-9));
            }
        }
    }

    private static DevSets.TargetSentence sentence(String text, String target) {
        int at = text.indexOf(target);
        return new DevSets.TargetSentence(text, text, List.of(new DevSets.Target(at, at + target.length(), 0)));
    }

    private static double[] scores(Map<String, double[]> weights, Map<String, Double> x) {
        double[] z = new double[3];
        x.forEach((name, v) -> {
            for (int c = 0; c < 3; c++) {
                z[c] += weights.get(name)[c] * v;
            }
        });
        return z;
    }
}
