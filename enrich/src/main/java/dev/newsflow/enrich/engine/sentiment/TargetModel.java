package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Multinomial logistic regression over {@link TargetFeatures}: the sentiment of a sentence
 * toward a target, learned from NewsMTSC (see {@link TargetModelTrainer}). The weights ship as a
 * small TSV resource. Score = P(positive) - P(negative), kept consistent with the label (the
 * most probable class) and the +-0.05 thresholds. Immutable and thread-safe.
 */
public final class TargetModel implements TargetScorer {
    static final String RESOURCE = "/dev/newsflow/enrich/engine/sentiment/target-model.tsv";

    private final TargetFeatures features;
    private final Map<String, double[]> weights;

    TargetModel(TargetFeatures features, Map<String, double[]> weights) {
        this.features = features;
        this.weights = Map.copyOf(weights);
    }

    /** The model shipped with NewsFlow, or null when the resource is absent. */
    public static TargetModel load(VaderScorer vader) {
        InputStream in = TargetModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            return null;
        }
        Map<String, double[]> weights = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                weights.put(cols[0], new double[] {Double.parseDouble(cols[1]), Double.parseDouble(cols[2]),
                    Double.parseDouble(cols[3])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read target model " + RESOURCE, e);
        }
        return new TargetModel(new TargetFeatures(vader), weights);
    }

    int size() {
        return weights.size();
    }

    /** Class probabilities [negative, neutral, positive]. */
    public double[] probabilities(String sentence, int start, int end) {
        return probabilities(weights, features.extract(sentence, start, end));
    }

    static double[] probabilities(Map<String, double[]> weights, Map<String, Double> x) {
        double[] z = new double[3];
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double[] w = weights.get(e.getKey());
            if (w != null) {
                for (int c = 0; c < 3; c++) {
                    z[c] += w[c] * e.getValue();
                }
            }
        }
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < 3; c++) {
            z[c] /= sum;
        }
        return z;
    }

    @Override
    public Sentiment score(String sentence, int start, int end) {
        return sentiment(probabilities(sentence, start, end));
    }

    @Override
    public java.util.List<Sentiment> scoreAll(String sentence, java.util.List<int[]> spans) {
        TargetFeatures.Prepared prepared = features.prepare(sentence);
        java.util.List<Sentiment> out = new java.util.ArrayList<>(spans.size());
        for (int[] span : spans) {
            out.add(sentiment(probabilities(weights, features.extract(prepared, span[0], span[1]))));
        }
        return out;
    }

    /** The sentiment of class probabilities: label = most probable class, score = P(pos) - P(neg) within its band. */
    static Sentiment sentiment(double[] p) {
        double diff = p[2] - p[0];
        if (p[2] >= p[1] && p[2] >= p[0]) {
            return new Sentiment(Math.max(0.05, diff), Label.POSITIVE);
        }
        if (p[0] >= p[1]) {
            return new Sentiment(Math.min(-0.05, diff), Label.NEGATIVE);
        }
        return new Sentiment(Math.max(-0.049, Math.min(0.049, diff)), Label.NEUTRAL);
    }

    static void write(Map<String, double[]> weights, Writer out) throws IOException {
        out.write("# NewsFlow target-sentiment model: feature<TAB>w(negative)<TAB>w(neutral)<TAB>w(positive)\n");
        out.write("# Trained by dev.newsflow.enrich.engine.sentiment.TargetModelTrainer on NewsMTSC train (MIT).\n");
        for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(weights).entrySet()) {
            double[] w = e.getValue();
            out.write(e.getKey() + "\t" + fmt(w[0]) + "\t" + fmt(w[1]) + "\t" + fmt(w[2]) + "\n");
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
