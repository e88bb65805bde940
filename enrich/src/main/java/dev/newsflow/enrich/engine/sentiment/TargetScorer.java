package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.util.ArrayList;
import java.util.List;

/** Sentiment of a sentence toward a target span in it. Implementations are thread-safe. */
public interface TargetScorer {

    /**
     * @param sentence the sentence text
     * @param start    target start in {@code sentence}
     * @param end      target end (exclusive) in {@code sentence}
     */
    Sentiment score(String sentence, int start, int end);

    /** Sentiment toward each of several targets [start, end) of one sentence, in order. */
    default List<Sentiment> scoreAll(String sentence, List<int[]> spans) {
        List<Sentiment> out = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            out.add(score(sentence, span[0], span[1]));
        }
        return out;
    }

    /**
     * Class probabilities [negative, neutral, positive] toward each target of one sentence, in
     * order. A scorer without probabilities gives its label as certain.
     */
    default List<double[]> probabilitiesAll(String sentence, List<int[]> spans) {
        List<double[]> out = new ArrayList<>(spans.size());
        for (Sentiment s : scoreAll(sentence, spans)) {
            double[] p = new double[3];
            p[s.label().ordinal()] = 1;
            out.add(p);
        }
        return out;
    }
}
