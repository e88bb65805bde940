package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import dev.newsflow.enrich.engine.eval.DevSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model scores every NewsMTSC target (dev and train) as the string-keyed path did: the feature map of
 * {@link TargetFeatures} is the one {@link ReferenceTargetFeatures} (the former extraction,
 * verbatim) builds, and the probabilities of the model's fast path over a sentence are those of
 * that map looked up weight by weight plus the static word vectors' part (the mean piece weights
 * near the target and in the rest of the sentence); scoring all the targets of a sentence at once gives what
 * scoring each alone gives (clause scopes included).
 */
class TargetModelEquivalenceTest {
    private static final double TOLERANCE = 1e-12;
    private static final VaderScorer VADER = new VaderScorer(Lexicon.news());
    private static final TargetModel MODEL = TargetModel.load(VADER);
    private static final TargetFeatures FEATURES = new TargetFeatures(VADER);
    private static final ReferenceTargetFeatures REFERENCE = new ReferenceTargetFeatures(VADER);

    private static List<DevSets.TargetSentence> newsMtsc(String name) {
        return DevSets.newsMtsc(DevSets.lines(
                TargetModelEquivalenceTest.class.getResourceAsStream("/engine/newsmtsc-" + name + ".jsonl"), name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-dev", "mt-dev", "train"})
    void shouldScoreEveryTargetAsTheStringKeyedPathDid(String set) {
        List<DevSets.TargetSentence> sentences = newsMtsc(set);
        int targets = 0;
        for (DevSets.TargetSentence s : sentences) {
            ReferenceTargetFeatures.Prepared reference = REFERENCE.prepare(s.sentence());
            TargetFeatures.Prepared prepared = FEATURES.prepare(s.sentence());
            List<int[]> spans = new ArrayList<>();
            List<double[]> expected = new ArrayList<>();
            for (DevSets.Target t : s.targets()) {
                Map<String, Double> x = REFERENCE.extract(reference, t.start(), t.end());
                String where = s.id() + " [" + t.start() + ", " + t.end() + ")";
                assertThat(FEATURES.extract(prepared, t.start(), t.end())).as(where).isEqualTo(x);
                double[] p = withPieces(x, s.sentence(), t.start(), t.end());
                double[] fast = MODEL.sentenceProbabilities(s.sentence(), t.start(), t.end());
                for (int c = 0; c < 3; c++) {
                    assertThat(fast[c]).as(where + " class " + c).isCloseTo(p[c], Offset.offset(TOLERANCE));
                }
                spans.add(new int[] {t.start(), t.end()});
                expected.add(MODEL.probabilities(s.sentence(), t.start(), t.end()));
                targets++;
            }
            List<Sentiment> all = MODEL.scoreAll(s.sentence(), spans);
            for (int k = 0; k < spans.size(); k++) {
                Sentiment want = TargetModel.sentiment(expected.get(k));
                assertThat(all.get(k).label()).as(s.id() + " target " + k).isEqualTo(want.label());
                assertThat(all.get(k).score()).as(s.id() + " target " + k)
                        .isCloseTo(want.score(), Offset.offset(TOLERANCE));
            }
        }
        assertThat(targets).isGreaterThanOrEqualTo(sentences.size()).isPositive();
    }

    /** The probabilities of a feature map looked up weight by weight, plus the pieces' part computed token by token. */
    private static double[] withPieces(Map<String, Double> x, String sentence, int start, int end) {
        double[] z = new double[3];
        x.forEach((name, v) -> {
            double[] w = MODEL.weights().get(name);
            if (w != null) {
                for (int c = 0; c < 3; c++) {
                    z[c] += w[c] * v;
                }
            }
        });
        List<TargetFeatures.Tok> toks = TargetFeatures.tokens(sentence);
        int[] groups = MODEL.pieces().groups().assign(toks, start, end);
        Map<String, double[]> pieces = MODEL.pieces().weights();
        for (int g = 0; g < MODEL.pieces().groups().size(); g++) {
            double[] sum = new double[3];
            int n = 0;
            for (int i = 0; i < toks.size(); i++) {
                if (groups[i] == g) {
                    for (String piece : StaticVectors.pieces(toks.get(i).lower(), pieces::containsKey)) {
                        n++;
                        for (int c = 0; c < 3; c++) {
                            sum[c] += pieces.get(piece)[3 * g + c];
                        }
                    }
                }
            }
            for (int c = 0; c < 3 && n > 0; c++) {
                z[c] += sum[c] / n;
            }
        }
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double total = 0;
        for (int c = 0; c < 3; c++) {
            z[c] = Math.exp(z[c] - max);
            total += z[c];
        }
        for (int c = 0; c < 3; c++) {
            z[c] /= total;
        }
        return z;
    }
}
