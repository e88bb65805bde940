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
 * that map looked up weight by weight; scoring all the targets of a sentence at once gives what
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
                double[] p = TargetModel.probabilities(MODEL.weights(), x);
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
}
