package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains {@link TargetModel} offline: multinomial logistic regression with AdaGrad and L2 over
 * {@link TargetFeatures}, on NewsMTSC train, deterministic (fixed shuffle seed). Prints macro-F1
 * on the given dev sets and writes the weights TSV that the engine ships.
 *
 * <pre>
 * java -cp ... dev.newsflow.enrich.engine.sentiment.TargetModelTrainer TRAIN.jsonl OUT.tsv [DEV.jsonl ...]
 * </pre>
 */
public final class TargetModelTrainer {
    public record Params(int epochs, double learningRate, double l2, int minCount, double prune) {
        public static Params defaults() {
            return new Params(4, 0.05, 1e-4, 5, 0.01);
        }
    }

    private record Example(Map<String, Double> x, int y) {
    }

    private final TargetFeatures features;
    private final Params params;

    public TargetModelTrainer(TargetFeatures features, Params params) {
        this.features = features;
        this.params = params;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TargetModelTrainer TRAIN.jsonl OUT.tsv [DEV.jsonl ...]");
            System.exit(2);
        }
        Params p = Params.defaults();
        String spec = System.getProperty("params");
        if (spec != null) {
            String[] v = spec.split(",");
            p = new Params(Integer.parseInt(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                    Integer.parseInt(v[3]), Double.parseDouble(v[4]));
        }
        VaderScorer vader = new VaderScorer(Lexicon.news());
        TargetModelTrainer trainer = new TargetModelTrainer(new TargetFeatures(vader), p);
        Map<String, double[]> weights = trainer.train(DevSets.newsMtsc(DevSets.lines(Path.of(args[0]))));
        TargetModel model = new TargetModel(new TargetFeatures(vader), weights);
        System.out.printf(Locale.ROOT, "params %s, %d features kept%n", p, weights.size());
        for (int i = 2; i < args.length; i++) {
            Evaluation.Confusion c = evaluate(model, DevSets.newsMtsc(DevSets.lines(Path.of(args[i]))));
            System.out.printf(Locale.ROOT, "%s: macro-F1 %.3f accuracy %.3f%n", Path.of(args[i]).getFileName(), c.macroF1(), c.accuracy());
        }
        try (Writer out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            TargetModel.write(weights, out);
        }
    }

    /** Macro-F1 of a model on sentences with gold targets, scoring each target in its sentence. */
    public static Evaluation.Confusion evaluate(TargetScorer model, List<DevSets.TargetSentence> sentences) {
        return Evaluation.newsMtsc(sentences, (s, t) -> model.score(s.sentence(), t.start(), t.end()).label());
    }

    public Map<String, double[]> train(List<DevSets.TargetSentence> sentences) {
        List<Example> examples = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (DevSets.TargetSentence s : sentences) {
            for (DevSets.Target t : s.targets()) {
                Map<String, Double> x = features.extract(s.sentence(), t.start(), t.end());
                examples.add(new Example(x, t.polarity() + 1));
                x.keySet().forEach(k -> counts.merge(k, 1, Integer::sum));
            }
        }
        Map<String, double[]> w = new HashMap<>();
        Map<String, double[]> g2 = new HashMap<>();
        counts.forEach((k, n) -> {
            if (n >= params.minCount()) {
                w.put(k, new double[3]);
                g2.put(k, new double[3]);
            }
        });
        Random random = new Random(42);
        for (int epoch = 0; epoch < params.epochs(); epoch++) {
            Collections.shuffle(examples, random);
            for (Example e : examples) {
                double[] p = TargetModel.probabilities(w, e.x());
                for (Map.Entry<String, Double> f : e.x().entrySet()) {
                    double[] wf = w.get(f.getKey());
                    if (wf == null) {
                        continue;
                    }
                    double[] gf = g2.get(f.getKey());
                    for (int c = 0; c < 3; c++) {
                        double grad = (p[c] - (c == e.y() ? 1 : 0)) * f.getValue() + params.l2() * wf[c];
                        gf[c] += grad * grad;
                        wf[c] -= params.learningRate() * grad / (Math.sqrt(gf[c]) + 1e-8);
                    }
                }
            }
        }
        Map<String, double[]> kept = new HashMap<>();
        w.forEach((k, v) -> {
            if (Math.max(Math.abs(v[0]), Math.max(Math.abs(v[1]), Math.abs(v[2]))) >= params.prune() || k.equals("bias")) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
