package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The teacher the shipped target model is distilled from (training only): the trainer's sparse
 * {@link TargetFeatures} plus MiniLM's output states run over the sentence (the mean state of
 * the sentence's pieces, and the mean state of the target's own pieces), standardised over the
 * training targets, fitted by the trainer's own {@link TargetModelTrainer#fit}. Too slow for the
 * engine (a transformer run per sentence), it only labels the training targets with class
 * probabilities, cross-fitted: with the trainer's K folds, a teacher fitted on every fold but j
 * scores fold j (the final model's soft targets; together they are the teacher's K-fold CV), and
 * for the student's CV fold k, a teacher fitted on every fold but k and j scores fold j, so no
 * student fold is fitted toward probabilities from a teacher that saw its held-out sentences
 * (K + K(K-1)/2 teacher fits, each pair serving both of its folds).
 */
final class SentimentTeacher implements TargetModelTrainer.Teacher {
    /** The teacher's dense features: "ms0" .. "ms767" (sentence mean state, then the target's pieces' mean state). */
    private static final String PREFIX = "ms";
    private static final int DIM = StaticVectors.DIM;
    private static final long CLS = 101;
    private static final long SEP = 102;
    private static final int MAX_PIECES = 254;

    /** Capitalised words that open no name: a run of capitals starting with one of them drops it. */
    private static final java.util.Set<String> NOT_NAMES = java.util.Set.of("the", "a", "an", "in", "on", "at", "but", "and",
            "or", "if", "when", "while", "as", "after", "before", "during", "it", "he", "she", "they", "we", "i", "this", "that",
            "these", "those", "his", "her", "their", "our", "its", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "so", "for", "to", "of", "with", "not", "no", "yes");

    private final List<Map<Integer, double[][]>> byLeftOut = new ArrayList<>();
    private final List<Map<Integer, double[][]>> unlabelledByLeftOut = new ArrayList<>();
    private final List<DevSets.TargetSentence> unlabelled;
    private final double[] confidences;
    private final double[] alphas;
    private final Evaluation.Confusion cv;
    private final TargetFeatures features;
    private final TargetModelTrainer.Params params;
    private final Map<String, Integer> vocabulary = StaticVectors.vocabulary();
    private final StaticVectors.Scaling scaling;
    private final List<List<TargetModelTrainer.Example>> groups;

    /**
     * Fits the teachers on {@code train} (sentence i in fold {@code foldOf[i]} of {@code folds})
     * with {@code params} and keeps their probabilities; {@code alphas}: the weights the trainer
     * chooses among.
     */
    SentimentTeacher(StaticVectors.Encoder encoder, TargetFeatures features, List<DevSets.TargetSentence> train,
                     int[] foldOf, int folds, TargetModelTrainer.Params params, double[] alphas) {
        this(encoder, features, train, null, foldOf, folds, params, alphas, new double[0]);
    }

    /**
     * As the constructor above; the teachers also score {@code unlabelled} (per training
     * sentence, its targets the data set left unlabelled; null: none), cross-fitted in the same
     * way; {@code confidences}: the least probabilities at which the trainer tries adding them.
     */
    SentimentTeacher(StaticVectors.Encoder encoder, TargetFeatures features, List<DevSets.TargetSentence> train,
                     List<DevSets.TargetSentence> unlabelled, int[] foldOf, int folds, TargetModelTrainer.Params params,
                     double[] alphas, double[] confidences) {
        this.alphas = alphas.clone();
        this.unlabelled = unlabelled;
        this.confidences = confidences.clone();
        this.features = features;
        this.params = params;
        List<List<double[]>> states = states(encoder, vocabulary, train);
        // the teacher's states are standardised only: they are not static vectors pooled by groups
        this.scaling = StaticVectors.Scaling.of(null, states.stream().flatMap(List::stream).toList());
        this.groups = examples(new TargetModelTrainer(features, params).examples(train),
                states, scaling);
        // teachers by the set of folds left out: {j}, then {k, j} for k < j
        List<int[]> leftOut = new ArrayList<>();
        for (int j = 0; j < folds; j++) {
            leftOut.add(new int[] {j});
        }
        for (int k = 0; k < folds; k++) {
            for (int j = k + 1; j < folds; j++) {
                leftOut.add(new int[] {k, j});
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Map<String, double[]>>> fits = new ArrayList<>();
        for (int[] out : leftOut) {
            fits.add(pool.submit(() -> {
                List<TargetModelTrainer.Example> fitOn = new ArrayList<>();
                for (int s = 0; s < groups.size(); s++) {
                    if (!contains(out, foldOf[s])) {
                        fitOn.addAll(groups.get(s));
                    }
                }
                return TargetModelTrainer.fit(fitOn, params);
            }));
        }
        for (int k = -1; k < folds; k++) {
            byLeftOut.add(new HashMap<>());
            unlabelledByLeftOut.add(new HashMap<>());
        }
        List<List<TargetModelTrainer.Example>> others = unlabelled == null ? null
                : examples(new TargetModelTrainer(features, params).examples(unlabelled), states(encoder, vocabulary, unlabelled), scaling);
        try {
            for (int f = 0; f < leftOut.size(); f++) {
                int[] out = leftOut.get(f);
                Map<String, double[]> w = fits.get(f).get();
                score(w, out, foldOf, groups, byLeftOut);
                if (others != null) {
                    score(w, out, foldOf, others, unlabelledByLeftOut);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("teacher fits interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("teacher fit failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int[][] counts = new int[3][3];
        for (int s = 0; s < groups.size(); s++) {
            double[][] p = byLeftOut.get(0).get(s);
            for (int t = 0; t < p.length; t++) {
                counts[groups.get(s).get(t).y()][TargetModelTrainer.argmax(p[t])]++;
            }
        }
        this.cv = new Evaluation.Confusion(counts);
    }

    /** Scores the sentences of the folds {@code out} that a teacher ({@code w}) was fitted without, filing them by student fold. */
    private static void score(Map<String, double[]> w, int[] out, int[] foldOf, List<List<TargetModelTrainer.Example>> groups,
                              List<Map<Integer, double[][]>> into) {
        for (int s = 0; s < groups.size(); s++) {
            if (!contains(out, foldOf[s])) {
                continue;
            }
            double[][] p = new double[groups.get(s).size()][];
            for (int t = 0; t < p.length; t++) {
                p[t] = TargetModel.probabilities(w, groups.get(s).get(t).x());
            }
            if (out.length == 1) {
                into.get(0).put(s, p);
            } else {
                // the pair {k, j} scores fold j for student fold k, and fold k for student fold j
                int other = foldOf[s] == out[0] ? out[1] : out[0];
                into.get(other + 1).put(s, p);
            }
        }
    }

    /** The teacher's own K-fold cross-validated confusion on train (each target scored by the teacher fitted without its fold). */
    Evaluation.Confusion crossValidated() {
        return cv;
    }

    @Override
    public List<double[][]> probabilities(int leftOut) {
        Map<Integer, double[][]> p = byLeftOut.get(leftOut + 1);
        List<double[][]> out = new ArrayList<>(byLeftOut.get(0).size());
        for (int s = 0; s < byLeftOut.get(0).size(); s++) {
            out.add(p.get(s));
        }
        return out;
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public List<DevSets.TargetSentence> unlabelled() {
        return unlabelled;
    }

    @Override
    public List<double[][]> unlabelledProbabilities(int leftOut) {
        Map<Integer, double[][]> p = unlabelledByLeftOut.get(leftOut + 1);
        List<double[][]> out = new ArrayList<>(unlabelled.size());
        for (int s = 0; s < unlabelled.size(); s++) {
            out.add(p.get(s));
        }
        return out;
    }

    @Override
    public double[] confidences() {
        return confidences.clone();
    }

    /**
     * Per sentence, the names its gold targets leave out: maximal runs of capitalised words
     * (not the sentence's first word, nor a run of function words, days or months, whose opening
     * "The" and the like are dropped) that overlap no gold target; each a target of polarity 0,
     * which means nothing (the teacher labels them).
     */
    static List<DevSets.TargetSentence> otherNames(List<DevSets.TargetSentence> train) {
        List<DevSets.TargetSentence> out = new ArrayList<>(train.size());
        for (DevSets.TargetSentence s : train) {
            List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
            List<DevSets.Target> names = new ArrayList<>();
            int i = 1;
            while (i < toks.size()) {
                int j = i;
                while (j < toks.size() && capitalised(toks.get(j).text())) {
                    j++;
                }
                int first = i;
                while (first < j && NOT_NAMES.contains(toks.get(first).lower())) {
                    first++;
                }
                if (first < j) {
                    int start = toks.get(first).start();
                    int end = toks.get(j - 1).end();
                    boolean gold = s.targets().stream().anyMatch(t -> t.start() < end && start < t.end());
                    if (!gold) {
                        names.add(new DevSets.Target(start, end, 0));
                    }
                }
                i = Math.max(j, i + 1);
            }
            out.add(new DevSets.TargetSentence(s.id(), s.sentence(), names));
        }
        return out;
    }

    private static boolean capitalised(String word) {
        return word.length() > 1 && Character.isUpperCase(word.charAt(0))
                && word.chars().skip(1).allMatch(c -> Character.isLetter(c) || c == '.' || c == '-' || c == '\'');
    }

    /**
     * The dev figures of a teacher fitted on all of train (whole sentences), printed to
     * {@code log}: what the student is distilled toward, measured on the dev sets in the same run.
     */
    void printDev(StaticVectors.Encoder encoder, List<TargetModelTrainer.Dev> devs, PrintStream log) {
        TargetModelTrainer sparse = new TargetModelTrainer(features, params);
        List<TargetModelTrainer.Example> all = new ArrayList<>();
        groups.forEach(all::addAll);
        Map<String, double[]> w = TargetModelTrainer.fit(all, params);
        for (TargetModelTrainer.Dev dev : devs) {
            int[][] counts = new int[3][3];
            for (List<TargetModelTrainer.Example> g : examples(sparse.examples(dev.sentences()),
                    states(encoder, vocabulary, dev.sentences()), scaling)) {
                for (TargetModelTrainer.Example e : g) {
                    counts[e.y()][TargetModelTrainer.argmax(TargetModel.probabilities(w, e.x()))]++;
                }
            }
            Evaluation.Confusion c = new Evaluation.Confusion(counts);
            log.printf(Locale.ROOT, "teacher (sparse + MiniLM states, fitted on all of train), %s, whole sentence: macro-F1 %.3f "
                            + "accuracy %.3f F1 neg/neu/pos %.3f / %.3f / %.3f%s%n", dev.name(), c.macroF1(), c.accuracy(),
                    c.f1(0), c.f1(1), c.f1(2), TargetModelTrainer.precisionRecall(c));
        }
    }

    /** The sparse examples with the standardised states added ("ms0" ...), in the same order. */
    private static List<List<TargetModelTrainer.Example>> examples(List<List<TargetModelTrainer.Example>> sparse,
                                                                   List<List<double[]>> states, StaticVectors.Scaling scaling) {
        List<List<TargetModelTrainer.Example>> out = new ArrayList<>(sparse.size());
        for (int s = 0; s < sparse.size(); s++) {
            List<TargetModelTrainer.Example> group = new ArrayList<>(sparse.get(s).size());
            for (int t = 0; t < sparse.get(s).size(); t++) {
                TargetModelTrainer.Example e = sparse.get(s).get(t);
                Map<String, Double> x = new HashMap<>(e.x());
                double[] v = states.get(s).get(t);
                for (int j = 0; j < v.length; j++) {
                    x.put(PREFIX + j, StaticVectors.SCALE * (v[j] - scaling.mean()[j]) / scaling.std()[j]);
                }
                group.add(new TargetModelTrainer.Example(x, e.y()));
            }
            out.add(group);
        }
        return out;
    }

    /**
     * Per sentence, per target: [mean output state of the sentence's pieces ([CLS] and [SEP]
     * included), mean output state of the pieces of the target's tokens] (rounded as the trainer's
     * vectors are, so every run gives the same). The sentence is cut into pieces as the engine cuts it.
     */
    static List<List<double[]>> states(StaticVectors.Encoder encoder, Map<String, Integer> vocabulary,
                                       List<DevSets.TargetSentence> sentences) {
        List<List<double[]>> out = new ArrayList<>(sentences.size());
        for (DevSets.TargetSentence s : sentences) {
            List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
            List<Long> ids = new ArrayList<>();
            List<Integer> tokenOf = new ArrayList<>();
            ids.add(CLS);
            tokenOf.add(-1);
            for (int i = 0; i < toks.size() && ids.size() <= MAX_PIECES; i++) {
                for (String piece : StaticVectors.pieces(toks.get(i).lower(), vocabulary::containsKey)) {
                    if (ids.size() <= MAX_PIECES) {
                        ids.add((long) vocabulary.get(piece));
                        tokenOf.add(i);
                    }
                }
            }
            ids.add(SEP);
            tokenOf.add(-1);
            float[][] h = encoder.states(ids.stream().mapToLong(Long::longValue).toArray());
            double[] sentence = new double[DIM];
            for (float[] row : h) {
                for (int j = 0; j < DIM; j++) {
                    sentence[j] += row[j];
                }
            }
            for (int j = 0; j < DIM; j++) {
                sentence[j] /= h.length;
            }
            List<double[]> targets = new ArrayList<>(s.targets().size());
            for (DevSets.Target t : s.targets()) {
                int[] span = TargetFeatures.targetSpan(toks, t.start(), t.end());
                double[] v = new double[2 * DIM];
                int n = 0;
                for (int i = 0; i < h.length; i++) {
                    int tok = tokenOf.get(i);
                    if (tok >= span[0] && tok <= span[1]) {
                        n++;
                        for (int j = 0; j < DIM; j++) {
                            v[DIM + j] += h[i][j];
                        }
                    }
                }
                for (int j = 0; j < DIM; j++) {
                    v[j] = StaticVectors.round(sentence[j]);
                    v[DIM + j] = n == 0 ? 0 : StaticVectors.round(v[DIM + j] / n);
                }
                targets.add(v);
            }
            out.add(targets);
        }
        return out;
    }

    private static boolean contains(int[] folds, int fold) {
        for (int f : folds) {
            if (f == fold) {
                return true;
            }
        }
        return false;
    }
}
