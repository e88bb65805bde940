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
        StaticVectors.Table table = randomTable(random);
        assertFoldedScoresEqualDenseScores(table, random);
    }

    /** Joined tables (two vectors per piece) fold into the same six weights per piece, exactly. */
    @Test
    void shouldScoreAJoinedTableWithFoldedPieceWeightsAsWithTheDenseFeatures() {
        Random random = new Random(5);
        StaticVectors.Table joined = StaticVectors.Table.join(randomTable(random), randomTable(random));
        assertThat(joined.dim()).isEqualTo(2 * StaticVectors.DIM);
        assertFoldedScoresEqualDenseScores(joined, random);
    }

    private static StaticVectors.Table randomTable(Random random) {
        Map<String, float[]> vectors = new HashMap<>();
        for (String piece : new java.util.TreeSet<>(VOCAB)) {
            float[] v = new float[StaticVectors.DIM];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
            }
            vectors.put(piece, v);
        }
        return new StaticVectors.Table("test", vectors);
    }

    private static void assertFoldedScoresEqualDenseScores(StaticVectors.Table table, Random random) {
        List<DevSets.TargetSentence> train = List.of(
                sentence("Critics lambasted Smith on Monday.", "Smith"),
                sentence("The plan praised Smith.", "Smith"),
                sentence("Smith praised the cafe on Monday in the U.S.", "Smith"));
        StaticVectors.Scaling scaling = StaticVectors.Scaling.fit(table, StaticVectors.Groups.NEAR_REST, train);
        Map<String, double[]> weights = new HashMap<>();
        weights.put("bias", new double[] {0.1, -0.2, 0.3});
        for (int j = 0; j < 2 * table.dim(); j++) {
            weights.put(StaticVectors.DENSE_PREFIX + j, new double[] {random.nextGaussian(), random.nextGaussian(),
                random.nextGaussian()});
        }
        for (DevSets.TargetSentence s : train) {
            DevSets.Target t = s.targets().get(0);
            List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
            Map<String, Double> x = new HashMap<>(Map.of("bias", 1.0));
            scaling.put(table, toks, t.start(), t.end(), x);
            assertThat(x).hasSize(1 + 2 * table.dim());
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

    /** A stand-in transformer: the state of position i is its id plus i in every dimension (so context shows). */
    private static float[][] positional(long[] ids) {
        float[][] out = new float[ids.length][StaticVectors.DIM];
        for (int i = 0; i < ids.length; i++) {
            java.util.Arrays.fill(out[i], ids[i] + i);
        }
        return out;
    }

    @Test
    void shouldAverageAPiecesStatesOverItsOccurrencesShrunkTowardItsFallbackVector() {
        Map<String, Integer> vocabulary = Map.of("critics", 10, "praised", 20, "smith", 30, ".", 40, "the", 50, "plan", 60,
                "monday", 70);
        Map<String, float[]> half = new HashMap<>();
        vocabulary.keySet().forEach(p -> {
            float[] v = new float[StaticVectors.DIM];
            java.util.Arrays.fill(v, 0.5f);
            half.put(p, v);
        });
        StaticVectors.Table fallback = new StaticVectors.Table("half", half);
        StaticVectors.CorpusStates states = new StaticVectors.CorpusStates(StaticVectorsTest::positional, vocabulary,
                List.of("Critics praised Smith.", "The plan praised Smith."), new int[] {0, 1}, 2);

        StaticVectors.Table all = states.table(fallback, 2, -1);
        // "praised" at position 2 of the first sentence and 3 of the second ([CLS] is 0), two fallback occurrences of 0.5
        assertThat(all.vectors().get("praised")[0]).isCloseTo((22 + 23 + 2 * 0.5f) / 4, Offset.offset(1e-4f));
        assertThat(all.vectors().get("praised")[StaticVectors.DIM - 1]).isCloseTo((22 + 23 + 2 * 0.5f) / 4, Offset.offset(1e-4f));
        assertThat(all.vectors().get("monday")).as("a piece never seen keeps its fallback vector").isSameAs(half.get("monday"));
        assertThat(all.source()).contains("half");
    }

    @Test
    void shouldLeaveAGroupsSentencesOutOfTheVectorsOfThatGroupsFold() {
        Map<String, Integer> vocabulary = Map.of("critics", 10, "praised", 20, "smith", 30, ".", 40, "the", 50, "plan", 60);
        Map<String, float[]> zero = new HashMap<>();
        vocabulary.keySet().forEach(p -> zero.put(p, new float[StaticVectors.DIM]));
        StaticVectors.CorpusStates states = new StaticVectors.CorpusStates(StaticVectorsTest::positional, vocabulary,
                List.of("Critics praised Smith.", "The plan praised Smith."), new int[] {0, 1}, 2);

        StaticVectors.Table withoutSecond = states.table(new StaticVectors.Table("zero", zero), 1, 1);
        assertThat(withoutSecond.vectors().get("plan")).as("only the left-out sentence shows it").isSameAs(zero.get("plan"));
        assertThat(withoutSecond.vectors().get("praised")[0]).isCloseTo(22 / 2f, Offset.offset(1e-4f));
        assertThat(states.seen(1)).isEqualTo(4);
        assertThat(states.seen(-1)).isEqualTo(6);
    }

    @Test
    void shouldRunEachPieceAloneBetweenClsAndSepAndKeepItsOwnStateOrTheMean() {
        List<long[]> inputs = new java.util.ArrayList<>();
        StaticVectors.Encoder recording = ids -> {
            inputs.add(ids);
            return positional(ids);
        };
        StaticVectors.Table own = StaticVectors.Table.pieceStates(recording, true);
        int praised = StaticVectors.vocabulary().get("praised");
        assertThat(inputs).allSatisfy(ids -> assertThat(ids).hasSize(3).startsWith(101).endsWith(102));
        assertThat(inputs).hasSize(StaticVectors.vocabulary().size());
        assertThat(own.vectors().get("praised")[0]).isEqualTo(praised + 1f);
        StaticVectors.Table mean = StaticVectors.Table.pieceStates(StaticVectorsTest::positional, false);
        assertThat(mean.vectors().get("praised")[0]).isCloseTo((101 + praised + 1 + 102 + 2) / 3f, Offset.offset(1e-4f));
        assertThat(mean.vectors().keySet()).isEqualTo(StaticVectors.Table.miniLm().vectors().keySet());
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
