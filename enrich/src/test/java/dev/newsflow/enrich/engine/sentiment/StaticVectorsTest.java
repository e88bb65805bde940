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
            "plan", "smith", "critics", "on", "monday", "did", "not", "never", "praise", "but", ",", "in");

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

    @Test
    void shouldPoolANegationsScopeItsClauseAndDistanceBandsApart() {
        // tokens: 0 Critics 1 did 2 not 3 praise 4 Smith 5 on 6 Monday 7 , 8 but 9 one 10 two 11 three 12 four 13 .
        String s = "Critics did not praise Smith on Monday, but one two three four.";
        List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s);
        int at = s.indexOf("Smith");
        // "not" opens a negation scope over "praise Smith on Monday" up to the comma
        assertThat(StaticVectors.Groups.parse("neg,d6,rest").assign(toks, at, at + 5))
                .containsExactly(1, 1, 1, 0, -1, 0, 0, 1, 1, 1, 1, 2, 2, 2);
        // ClauseScopes cuts at "but": the target's clause ends before it
        assertThat(StaticVectors.Groups.parse("d2,clause,rest").assign(toks, at, at + 5))
                .containsExactly(1, 1, 0, 0, -1, 0, 0, 1, 2, 2, 2, 2, 2, 2);
        assertThat(StaticVectors.Groups.parse("d2,d6,rest").assign(toks, at, at + 5))
                .containsExactly(1, 1, 0, 0, -1, 0, 0, 1, 1, 1, 1, 2, 2, 2);
    }

    @Test
    void shouldRefuseGroupsThatDoNotEndWithRestOrAreUnknown() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StaticVectors.Groups.parse("d6,neg"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rest");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StaticVectors.Groups.parse("far,rest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("far");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StaticVectors.SentencePieces(Map.of(),
                StaticVectors.Groups.parse("d6,rest"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Folding the dense weights into per-piece weights gives the class scores the dense features give. */
    @Test
    void shouldScoreWithFoldedPieceWeightsAsWithTheDenseFeatures() {
        Random random = new Random(3);
        StaticVectors.Table table = randomTable(random);
        assertFoldedScoresEqualDenseScores(table, StaticVectors.Groups.NEAR_REST, random);
    }

    /** Joined tables (two vectors per piece) fold into the same six weights per piece, exactly. */
    @Test
    void shouldScoreAJoinedTableWithFoldedPieceWeightsAsWithTheDenseFeatures() {
        Random random = new Random(5);
        StaticVectors.Table joined = StaticVectors.Table.join(randomTable(random), randomTable(random));
        assertThat(joined.dim()).isEqualTo(2 * StaticVectors.DIM);
        assertFoldedScoresEqualDenseScores(joined, StaticVectors.Groups.NEAR_REST, random);
    }

    /** Every kind of group folds exactly: negation scope, clause scope, distance bands, three weights per group and piece. */
    @Test
    void shouldScoreEveryGroupingWithFoldedPieceWeightsAsWithTheDenseFeatures() {
        Random random = new Random(11);
        StaticVectors.Table table = randomTable(random);
        for (String spec : List.of("neg,d6,rest", "d6,clause,rest", "d2,d6,rest", "neg,d2,d6,clause,rest", "~neg,d6,rest", "-neg,d6,rest")) {
            assertFoldedScoresEqualDenseScores(table, StaticVectors.Groups.parse(spec), random);
        }
    }

    /** SIF weights scale each piece's vector, so they fold too; the sentence model's negation group folds as well. */
    @Test
    void shouldFoldWeightedVectorsAndTheSentenceModelsNegationGroup() {
        Random random = new Random(13);
        StaticVectors.Table table = randomTable(random).weighted(Map.of("the", 50, "praised", 1, "smith", 3), 1e-3);
        assertFoldedScoresEqualDenseScores(table, StaticVectors.Groups.parse("neg,d6,rest"), random);

        StaticVectors.Groups groups = StaticVectors.Groups.parse("neg,rest");
        List<String> sentences = List.of("Critics did not praise the plan on Monday.", "The plan praised Smith.",
                "Critics never lambasted the cafe.");
        List<double[]> vectors = sentences.stream()
                .map(s -> table.sentenceFeatures(TargetFeatures.tokens(s), null, 0, groups)).toList();
        StaticVectors.Scaling scaling = StaticVectors.Scaling.of(groups, vectors);
        Map<String, double[]> weights = new HashMap<>();
        weights.put("bias", new double[] {0.1, -0.2, 0.3});
        for (int j = 0; j < groups.size() * table.dim(); j++) {
            weights.put("ss" + j, new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
        }
        // a deep copy: the fold moves the constant part into the bias in place
        Map<String, double[]> folded = new HashMap<>();
        weights.forEach((name, w) -> folded.put(name, w.clone()));
        StaticVectors.SentencePieces pieces = new StaticVectors.SentencePieces(
                StaticVectors.projectSentence(folded, table, scaling), groups);
        for (int k = 0; k < sentences.size(); k++) {
            Map<String, Double> x = new HashMap<>(Map.of("bias", 1.0));
            scaling.putSentence(vectors.get(k), x);
            double[] dense = scores(weights, x);
            double[] z = folded.get("bias").clone();
            pieces.add(TargetFeatures.tokens(sentences.get(k)), null, 0, z);
            for (int c = 0; c < 3; c++) {
                assertThat(z[c]).as(sentences.get(k) + " class " + c).isCloseTo(dense[c], Offset.offset(1e-9));
            }
        }
    }

    @Test
    void shouldWeighAFrequentPieceDownAsSifDoes() {
        StaticVectors.Table table = randomTable(new Random(17));
        StaticVectors.Table weighted = table.weighted(Map.of("the", 999, "plan", 1), 1e-3);
        // p(the) = 0.999: a / (a + p) = 0.001 / 1.0; "smith" never counted keeps its vector (p = 0)
        assertThat(weighted.vectors().get("the")[0]).isCloseTo(table.vectors().get("the")[0] * 0.001f, Offset.offset(1e-6f));
        assertThat(weighted.vectors().get("smith")[0]).isEqualTo(table.vectors().get("smith")[0]);
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

    private static void assertFoldedScoresEqualDenseScores(StaticVectors.Table table, StaticVectors.Groups groups, Random random) {
        List<DevSets.TargetSentence> train = List.of(
                sentence("Critics lambasted Smith on Monday.", "Smith"),
                sentence("The plan praised Smith.", "Smith"),
                sentence("Critics did not praise Smith on Monday, but the cafe praised the plan in the U.S.", "Smith"),
                sentence("Smith praised the cafe on Monday in the U.S.", "Smith"));
        StaticVectors.Scaling scaling = StaticVectors.Scaling.fit(table, groups, train);
        Map<String, double[]> weights = new HashMap<>();
        weights.put("bias", new double[] {0.1, -0.2, 0.3});
        for (int j = 0; j < groups.size() * table.dim(); j++) {
            weights.put(StaticVectors.DENSE_PREFIX + j, new double[] {random.nextGaussian(), random.nextGaussian(),
                random.nextGaussian()});
        }
        for (DevSets.TargetSentence s : train) {
            DevSets.Target t = s.targets().get(0);
            List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
            Map<String, Double> x = new HashMap<>(Map.of("bias", 1.0));
            scaling.put(table, toks, t.start(), t.end(), x);
            assertThat(x).hasSize(1 + groups.size() * table.dim());
            double[] dense = scores(weights, x);

            Map<String, double[]> folded = new HashMap<>(weights);
            Map<String, double[]> pieces = StaticVectors.project(folded, table, scaling);
            assertThat(folded.keySet()).containsExactly("bias");
            double[] z = folded.get("bias").clone();
            assertThat(pieces.values()).allSatisfy(p -> assertThat(p).hasSize(3 * groups.size()));
            StaticVectors.PieceWeights pw = new StaticVectors.PieceWeights(pieces, groups);
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
        // SIF's piece frequencies come from the same sentences: the left-out group's are not counted
        assertThat(states.counts(1)).doesNotContainKeys("plan", "the").containsEntry("praised", 1);
        assertThat(states.counts(-1)).containsEntry("praised", 2).containsEntry("plan", 1);
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
