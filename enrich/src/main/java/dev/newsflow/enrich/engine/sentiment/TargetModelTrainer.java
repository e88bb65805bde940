package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.newsflow.enrich.engine.NewsEngine;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains {@link TargetModel} and {@link SentenceModel} offline: multinomial logistic regression over
 * {@link TargetFeatures} (targets) and {@link SentenceModel}'s features (sentences whose targets
 * all agree), each with an L2 penalty, fitted by L-BFGS on NewsMTSC train (deterministic). Classes are weighted
 * inversely to their frequency (the model is judged by macro-F1). With {@code -Dcv=K} the L2
 * strength is chosen by K-fold cross-validation on the training file alone (folds split by
 * sentence, so the targets of one sentence never straddle two folds); the dev files are only
 * reported; with static vectors that differ by fold ({@link Vectors#perFold}) each fold is scored
 * with vectors made without its sentences. {@link #run} writes the four weight files the engine
 * ships (target-model.tsv, target-pieces.tsv, sentence-model.tsv, sentence-pieces.tsv) into
 * OUT_DIR; the command is {@code SentimentTraining} (with the tests, as it runs MiniLM on ONNX
 * Runtime to make the vectors). Given a {@link Teacher}, CV also weighs distilling the target
 * model from it: examples fitted toward their labels mixed with the teacher's cross-fitted
 * probabilities ({@link Example#target}), or unlabelled targets fitted toward the teacher's.
 */
public final class TargetModelTrainer {
    /** The L2 strengths searched by cross-validation. */
    static final double[] L2_GRID = {1e-3, 2e-3, 5e-3, 1e-2, 2e-2};

    /** The L2 strengths {@link #trainAll} searches: {@link #L2_GRID}, or {@code -Dl2grid=a,b,...} (a cheap screen). */
    static double[] l2Grid() {
        String spec = System.getProperty("l2grid");
        return spec == null ? L2_GRID : java.util.Arrays.stream(spec.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * @param l2         L2 penalty (lambda / 2 times the squared weights, the bias excluded) per example
     * @param minCount   features seen in fewer training examples are dropped
     * @param prune      weights whose largest class weight is smaller are not shipped
     * @param balanced   weight each class's examples inversely to its frequency
     * @param iterations L-BFGS iterations at most
     */
    public record Params(double l2, int minCount, double prune, boolean balanced, int iterations) {
        public static Params defaults() {
            return new Params(2e-3, 3, 0.01, true, 300);
        }

        Params withL2(double newL2) {
            return new Params(newL2, minCount, prune, balanced, iterations);
        }
    }

    /**
     * One training example: features, class (0 negative, 1 neutral, 2 positive) and the class
     * probabilities it is fitted toward ({@code target}; null: the one-hot of {@code y}). The
     * example's class weight always follows {@code y}.
     */
    public record Example(Map<String, Double> x, int y, double[] target) {
        public Example(Map<String, Double> x, int y) {
            this(x, y, null);
        }

        /** This example fitted toward (1 - alpha) times its one-hot label plus alpha times {@code teacher}. */
        Example mixed(double[] teacher, double alpha) {
            if (alpha == 0) {
                return this;
            }
            double[] t = new double[3];
            for (int c = 0; c < 3; c++) {
                t[c] = (1 - alpha) * (c == y ? 1 : 0) + alpha * teacher[c];
            }
            return new Example(x, y, t);
        }
    }

    /**
     * A teacher for distillation (training only): class probabilities for every target of the
     * training sentences, cross-fitted so that no example is scored by a teacher fitted on it.
     */
    public interface Teacher {
        /**
         * Per training sentence, per target, the probabilities from a teacher fitted on neither the
         * sentence's own fold nor fold {@code leftOut} (-1: only the sentence's own fold left out,
         * for the final model); null for the sentences of fold {@code leftOut}.
         */
        List<double[][]> probabilities(int leftOut);

        /** The weights of the teacher's probabilities in the targets, chosen among by cross-validation beside 0 (hard labels). */
        double[] alphas();

        /**
         * Per training sentence, targets the data set left unlabelled (other names in it; their
         * polarities mean nothing), or null for none: the teacher labels them with its probabilities.
         */
        List<DevSets.TargetSentence> unlabelled();

        /** As {@link #probabilities}, for the targets of {@link #unlabelled}. */
        List<double[][]> unlabelledProbabilities(int leftOut);

        /** The least teacher probability at which an unlabelled target is added, candidates chosen among by CV. */
        double[] confidences();
    }

    /**
     * One point of a cross-validation grid: the fit's parameters, the weight of the teacher's
     * probabilities in the labelled targets, and whether unlabelled targets the teacher is at least
     * {@code minConfidence} sure of are added (fitted toward the teacher's probabilities).
     */
    record Variant(Params params, double alpha, boolean unlabelled, double minConfidence) {
        Variant(Params params, double alpha) {
            this(params, alpha, false, 0);
        }

        String describe() {
            return unlabelled ? String.format(Locale.ROOT, "teacher weight %.2f + unlabelled targets at teacher p >= %.2f", alpha, minConfidence)
                    : String.format(Locale.ROOT, "teacher weight %.2f", alpha);
        }
    }

    /**
     * What the teacher gives one CV fold (or the final model): its probabilities for the labelled
     * targets, and the unlabelled targets' examples fitted toward its probabilities (null: none).
     */
    record Taught(List<double[][]> labelled, List<List<Example>> unlabelled) {
    }

    private final TargetFeatures features;
    private final Params params;
    /** The static word vectors and their standardisation (null: sparse features only). */
    private final StaticVectors.Table table;
    private final StaticVectors.Scaling scaling;

    public TargetModelTrainer(TargetFeatures features, Params params) {
        this(features, params, null, null);
    }

    /** A trainer whose target examples also carry the static word vectors of {@code table} (see {@link StaticVectors}). */
    TargetModelTrainer(TargetFeatures features, Params params, StaticVectors.Table table, StaticVectors.Scaling scaling) {
        this.features = features;
        this.params = params;
        this.table = table;
        this.scaling = scaling;
    }

    /**
     * The trainer's command: trains both models on TRAIN.jsonl with the static vectors of
     * {@code table}, writes the four weight files into OUT_DIR and prints the CV grid and the dev
     * figures of the files written.
     */
    public static void run(String[] args, StaticVectors.Table table) throws IOException {
        run(args, Vectors.of(table));
    }

    /** As {@link #run(String[], StaticVectors.Table)}, the vectors possibly one table per CV fold. */
    public static void run(String[] args, Vectors vectors) throws IOException {
        run(args, vectors, null);
    }

    /** As {@link #run(String[], Vectors)}, the target model distilled from {@code teacher} when CV prefers it (null: hard labels only). */
    public static void run(String[] args, Vectors vectors, Teacher teacher) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: [-Dcv=K] [-Dparams=l2,minCount,prune,balanced,iterations] TRAIN.jsonl OUT_DIR [DEV.jsonl ...]");
            System.exit(2);
        }
        Params p = Params.defaults();
        String spec = System.getProperty("params");
        if (spec != null) {
            String[] v = spec.split(",");
            p = new Params(Double.parseDouble(v[0]), Integer.parseInt(v[1]), Double.parseDouble(v[2]),
                    Boolean.parseBoolean(v[3]), Integer.parseInt(v[4]));
        }
        List<DevSets.TargetSentence> train = DevSets.newsMtsc(DevSets.lines(Path.of(args[0])));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        int folds = Integer.getInteger("cv", 0);
        List<Dev> devs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            devs.add(new Dev(Path.of(args[i]).getFileName().toString(), DevSets.newsMtsc(DevSets.lines(Path.of(args[i])))));
        }
        Map<String, String> files = trainAll(train, vectors, teacher, folds, p, devs, new VaderScorer(Lexicon.news()), System.out);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(out.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** A dev set by name (reported only, never used to choose). */
    public record Dev(String name, List<DevSets.TargetSentence> sentences) {
    }

    /**
     * Where the static vectors come from: one table, or one per cross-validation fold (vectors
     * averaged over the training sentences, so that a held-out fold's own sentences did not shape
     * the vectors it is scored with).
     */
    public interface Vectors {
        /** The table of the model fitted without fold {@code leftOut}; -1: the final model, fitted on all of train. */
        StaticVectors.Table table(int leftOut);

        /** Whether {@link #table} differs by fold. */
        boolean perFold();

        /** The sentence model's table of the model fitted without fold {@code leftOut} (as {@link #table} unless the models differ). */
        default StaticVectors.Table sentenceTable(int leftOut) {
            return table(leftOut);
        }

        /** The groups the target model pools the vectors by (see {@link StaticVectors.Groups}). */
        default StaticVectors.Groups targetGroups() {
            return StaticVectors.SHIPPED_TARGET_GROUPS;
        }

        /** The groups the sentence model pools the vectors by. */
        default StaticVectors.Groups sentenceGroups() {
            return StaticVectors.SHIPPED_SENTENCE_GROUPS;
        }

        static Vectors of(StaticVectors.Table table) {
            return new Vectors() {
                @Override
                public StaticVectors.Table table(int leftOut) {
                    return table;
                }

                @Override
                public boolean perFold() {
                    return false;
                }
            };
        }
    }

    /**
     * Trains the target and sentence models on {@code train} (each L2 strength chosen by
     * {@code folds}-fold CV on train when folds > 1), folds the static vectors into per-piece
     * weights, prints the CV grid and the dev figures of the models as the engine reads them to
     * {@code log}, and returns the files' contents by name (target-model.tsv, target-pieces.tsv,
     * sentence-model.tsv, sentence-pieces.tsv; no pieces files when {@code vectors} is null).
     */
    public static Map<String, String> trainAll(List<DevSets.TargetSentence> train, Vectors vectors, int folds, Params p,
                                               List<Dev> devs, VaderScorer vader, java.io.PrintStream log) throws IOException {
        return trainAll(train, vectors, null, folds, p, devs, vader, log);
    }

    /**
     * As {@link #trainAll(List, Vectors, int, Params, List, VaderScorer, java.io.PrintStream)}; with
     * a {@code teacher} (and folds > 1), CV at the chosen L2 also chooses how the target model uses
     * it: not at all (hard labels), its probabilities mixed into the labels by each of its alphas,
     * or the unlabelled targets it labels added at each of its confidences; the models of the
     * variants not chosen are fitted too and their dev figures printed beside the written model's.
     */
    public static Map<String, String> trainAll(List<DevSets.TargetSentence> train, Vectors vectors, Teacher teacher, int folds,
                                               Params p, List<Dev> devs, VaderScorer vader, java.io.PrintStream log) throws IOException {
        TargetFeatures targetFeatures = new TargetFeatures(vader);
        Map<String, String> files = new java.util.LinkedHashMap<>();
        int[] foldOf = folds > 1 ? foldsOf(train.size(), folds) : null;
        StaticVectors.Table table = vectors == null ? null : vectors.table(-1);

        log.println("== targets");
        Params targetParams = p;
        Variant chosen = new Variant(p, 0);
        List<Variant> tried = new ArrayList<>();
        if (folds > 1) {
            Evaluation.Confusion[] grid = crossValidateGrid(f -> targetExamples(targetFeatures, p, vectors, train, f),
                    vectors != null && vectors.perFold(), foldOf, folds, p, l2Grid());
            targetParams = choose(grid, l2Grid(), folds, p, log);
            if (teacher != null) {
                Evaluation.Confusion hard = grid[indexOf(l2Grid(), targetParams.l2())];
                chosen = chooseDistillation(f -> targetExamples(targetFeatures, p, vectors, train, f),
                        f -> taught(targetFeatures, p, vectors, train, teacher, f), teacher, foldOf, folds, targetParams, hard, tried, log);
            }
        }
        StaticVectors.Scaling scaling = table == null ? null : StaticVectors.Scaling.fit(table, vectors.targetGroups(), train);
        List<List<Example>> targetGroups = new TargetModelTrainer(targetFeatures, targetParams, table, scaling).examples(train);
        Taught finalTaught = tried.isEmpty() ? null : taught(targetFeatures, targetParams, vectors, train, teacher, -1);
        for (Variant v : tried) {
            if (!v.equals(chosen)) {
                // the models of the uses of the teacher that CV did not choose (hard labels among them): dev figures of the same run
                Map<String, String> other = targetFiles(fit(examples(targetGroups, finalTaught, v, null, -1), targetParams), table, scaling);
                printTargetDev(targetModel(targetFeatures, other), devs, "not written (" + v.describe() + "), ", log);
            }
        }
        Map<String, double[]> weights = new HashMap<>(fit(examples(targetGroups, finalTaught, chosen, null, -1), targetParams));
        log.printf(Locale.ROOT, "params %s, %s, %d features kept%n", targetParams, chosen.describe(), weights.size());
        files.putAll(targetFiles(weights, table, scaling));
        // The dev figures are those of the files' contents, read back as the engine reads them.
        printTargetDev(targetModel(targetFeatures, files), devs, "", log);
        java.io.StringWriter text;

        log.println("== sentences (NewsMTSC sentences whose targets agree)");
        List<Integer> agreeingIndex = agreeingIndex(train);
        int[] sentenceFoldOf = null;
        if (foldOf != null) {
            sentenceFoldOf = new int[agreeingIndex.size()];
            for (int i = 0; i < sentenceFoldOf.length; i++) {
                sentenceFoldOf[i] = foldOf[agreeingIndex.get(i)];
            }
        }
        Params sentenceParams = p;
        if (folds > 1) {
            Evaluation.Confusion[] grid = crossValidateGrid(f -> {
                        List<List<Example>> ex = sentenceExamples(targetFeatures, train);
                        if (vectors != null) {
                            withSentenceVectors(vectors.sentenceTable(f), vectors.sentenceGroups(), train, ex);
                        }
                        return ex;
                    }, vectors != null && vectors.perFold(), sentenceFoldOf, folds, p, l2Grid());
            sentenceParams = choose(grid, l2Grid(), folds, p, log);
        }
        List<List<Example>> sentenceExamples = sentenceExamples(targetFeatures, train);
        StaticVectors.Table sentenceTable = vectors == null ? null : vectors.sentenceTable(-1);
        StaticVectors.Scaling sentenceScaling = sentenceTable == null ? null
                : withSentenceVectors(sentenceTable, vectors.sentenceGroups(), train, sentenceExamples);
        List<Example> all = new ArrayList<>();
        sentenceExamples.forEach(all::addAll);
        Map<String, double[]> sentenceWeights = new HashMap<>(fit(all, sentenceParams));
        log.printf(Locale.ROOT, "params %s, %d sentences, %d features kept%n", sentenceParams, all.size(),
                sentenceWeights.size());
        TargetModel.Pieces sentencePieces = sentenceTable == null ? null
                : new TargetModel.Pieces(sentenceScaling.groups(), StaticVectors.projectSentence(sentenceWeights, sentenceTable, sentenceScaling));
        text = new java.io.StringWriter();
        TargetModel.write(sentenceWeights, text, "sentence-sentiment");
        files.put("sentence-model.tsv", text.toString());
        if (sentencePieces != null) {
            text = new java.io.StringWriter();
            TargetModel.writePieces(sentencePieces, text, "NewsFlow sentence-sentiment model, static word vectors (all-MiniLM-L6-v2, Apache 2.0: "
                    + sentenceTable.source() + ") folded into class weights: piece, then neg/neu/pos for each group");
            files.put("sentence-pieces.tsv", text.toString());
        }
        SentenceModel sentenceModel = new SentenceModel(targetFeatures, TargetModel.read(reader(files, "sentence-model.tsv")),
                sentencePieces == null ? null : TargetModel.readPieces(reader(files, "sentence-pieces.tsv"), StaticVectors.Groups.WHOLE));
        for (Dev dev : devs) {
            List<DevSets.TargetSentence> agreeing = agreeing(dev.sentences());
            int[][] learned = new int[3][3];
            int[][] lexicon = new int[3][3];
            for (DevSets.TargetSentence s : agreeing) {
                BitSet names = targetMask(s);
                int y = s.targets().get(0).polarity() + 1;
                learned[y][Evaluation.index(sentenceModel.score(s.sentence(), names, 0).label())]++;
                lexicon[y][Evaluation.index(NewsEngine.Sentiment.of(vader.compound(s.sentence(), names, 0)).label())]++;
            }
            for (int[][] counts : List.of(lexicon, learned)) {
                Evaluation.Confusion c = new Evaluation.Confusion(counts);
                log.printf(Locale.ROOT, "%s, %d sentences, %s: macro-F1 %.3f accuracy %.3f F1 neg/neu/pos %.3f / %.3f / %.3f%n",
                        dev.name(), agreeing.size(),
                        counts == learned ? "sentence model" : "lexicon (VADER-style, names masked)",
                        c.macroF1(), c.accuracy(), c.f1(0), c.f1(1), c.f1(2));
            }
        }
        return files;
    }

    /** The target model's files (target-model.tsv, and target-pieces.tsv with static vectors) for {@code weights}. */
    private static Map<String, String> targetFiles(Map<String, double[]> weights, StaticVectors.Table table, StaticVectors.Scaling scaling)
            throws IOException {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        TargetModel.Pieces pieces = table == null ? null
                : new TargetModel.Pieces(scaling.groups(), StaticVectors.project(weights, table, scaling));
        java.io.StringWriter text = new java.io.StringWriter();
        TargetModel.write(weights, text);
        files.put("target-model.tsv", text.toString());
        if (pieces != null) {
            text = new java.io.StringWriter();
            TargetModel.writePieces(pieces, text, "NewsFlow target-sentiment model, static word vectors (all-MiniLM-L6-v2, Apache 2.0: "
                    + table.source() + ") folded into class weights: piece, then neg/neu/pos for each group");
            files.put("target-pieces.tsv", text.toString());
        }
        return files;
    }

    /** The target model of the files, read as the engine reads them. */
    private static TargetModel targetModel(TargetFeatures features, Map<String, String> files) throws IOException {
        return new TargetModel(features, TargetModel.read(reader(files, "target-model.tsv")),
                files.containsKey("target-pieces.tsv")
                        ? TargetModel.readPieces(reader(files, "target-pieces.tsv"), StaticVectors.Groups.NEAR_REST) : null);
    }

    /** Prints the dev figures of a target model, reading whole sentences and clause-aware. */
    private static void printTargetDev(TargetModel model, List<Dev> devs, String label, java.io.PrintStream log) {
        for (Dev dev : devs) {
            Evaluation.Confusion whole = Evaluation.newsMtsc(dev.sentences(), (s, t) ->
                    TargetModel.sentiment(model.sentenceProbabilities(s.sentence(), t.start(), t.end())).label());
            Evaluation.Confusion c = evaluate(model, dev.sentences());
            for (Evaluation.Confusion shown : List.of(whole, c)) {
                log.printf(Locale.ROOT, "%s%s, %s: macro-F1 %.3f accuracy %.3f F1 neg/neu/pos %.3f / %.3f / %.3f%s%n",
                        label, dev.name(), shown == c ? "clause-aware" : "whole sentence only",
                        shown.macroF1(), shown.accuracy(), shown.f1(0), shown.f1(1), shown.f1(2), precisionRecall(shown));
            }
        }
    }

    /**
     * The teacher's part for fold {@code leftOut} (-1: the final model): its probabilities for the
     * labelled targets, and the examples of the unlabelled targets (static vectors of that fold,
     * standardised as the labelled targets are) fitted toward its probabilities, their class the
     * most probable one.
     */
    private static Taught taught(TargetFeatures features, Params p, Vectors vectors, List<DevSets.TargetSentence> train,
                                 Teacher teacher, int leftOut) {
        List<DevSets.TargetSentence> unlabelled = teacher.unlabelled();
        if (unlabelled == null) {
            return new Taught(teacher.probabilities(leftOut), null);
        }
        List<double[][]> probabilities = teacher.unlabelledProbabilities(leftOut);
        StaticVectors.Table t = vectors == null ? null : vectors.table(leftOut);
        TargetModelTrainer trainer = new TargetModelTrainer(features, p, t,
                t == null ? null : StaticVectors.Scaling.fit(t, vectors.targetGroups(), train));
        List<List<Example>> out = new ArrayList<>(unlabelled.size());
        for (int s = 0; s < unlabelled.size(); s++) {
            double[][] q = probabilities.get(s);
            if (q == null || q.length == 0) {
                out.add(List.of());
                continue;
            }
            List<Example> plain = trainer.examples(List.of(unlabelled.get(s))).get(0);
            List<Example> group = new ArrayList<>(plain.size());
            for (int i = 0; i < plain.size(); i++) {
                group.add(new Example(plain.get(i).x(), argmax(q[i]), q[i].clone()));
            }
            out.add(group);
        }
        return new Taught(teacher.probabilities(leftOut), out);
    }

    /** The examples a variant fits outside fold {@code leftOut}: the labelled ones, mixed, then the unlabelled it admits. */
    private static List<Example> examples(List<List<Example>> groups, Taught taught, Variant v, int[] foldOf, int leftOut) {
        List<Example> out = flatten(groups, taught == null ? null : taught.labelled(), v.alpha(), foldOf, leftOut);
        if (v.unlabelled() && taught != null && taught.unlabelled() != null) {
            for (Example e : flatten(taught.unlabelled(), null, 0, foldOf, leftOut)) {
                if (e.target()[e.y()] >= v.minConfidence()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * The use of the teacher with the best cross-validated macro-F1 at {@code params}' L2, among
     * none (whose figure, {@code hard}, the L2 grid measured), each of the teacher's weights on the
     * labelled targets, and unlabelled targets added at each of its confidences; each student
     * fold's targets come from teachers that never saw that fold. Every variant measured is added to {@code tried}.
     */
    private static Variant chooseDistillation(java.util.function.IntFunction<List<List<Example>>> examplesFor,
                                              java.util.function.IntFunction<Taught> taughtFor, Teacher teacher, int[] foldOf,
                                              int folds, Params params, Evaluation.Confusion hard, List<Variant> tried,
                                              java.io.PrintStream log) {
        List<Variant> variants = new ArrayList<>();
        for (double a : teacher.alphas()) {
            variants.add(new Variant(params, a));
        }
        if (teacher.unlabelled() != null) {
            for (double c : teacher.confidences()) {
                variants.add(new Variant(params, 0, true, c));
            }
        }
        Evaluation.Confusion[] measured = crossValidate(examplesFor, true, foldOf, folds, variants, taughtFor);
        variants.add(0, new Variant(params, 0));
        Evaluation.Confusion[] grid = new Evaluation.Confusion[variants.size()];
        grid[0] = hard;
        System.arraycopy(measured, 0, grid, 1, measured.length);
        tried.addAll(variants);
        Variant best = variants.get(0);
        double bestF1 = -1;
        for (int i = 0; i < variants.size(); i++) {
            Evaluation.Confusion c = grid[i];
            log.printf(Locale.ROOT, "cv%d l2 %.0e %s: macro-F1 %.4f F1 neg/neu/pos %.3f / %.3f / %.3f%s%n", folds,
                    params.l2(), variants.get(i).describe(), c.macroF1(), c.f1(0), c.f1(1), c.f1(2), precisionRecall(c));
            if (c.macroF1() > bestF1) {
                bestF1 = c.macroF1();
                best = variants.get(i);
            }
        }
        log.printf(Locale.ROOT, "cv%d chose %s (macro-F1 %.4f)%n", folds, best.describe(), bestF1);
        return best;
    }

    /**
     * The examples of the groups outside fold {@code leftOut} ({@code foldOf} null: all), each
     * fitted toward its one-hot label mixed with the teacher's probabilities by {@code alpha}
     * ({@code teacher} may be null when alpha is 0).
     */
    static List<Example> flatten(List<List<Example>> groups, List<double[][]> teacher, double alpha, int[] foldOf, int leftOut) {
        List<Example> out = new ArrayList<>();
        for (int k = 0; k < groups.size(); k++) {
            if (foldOf != null && foldOf[k] == leftOut) {
                continue;
            }
            List<Example> g = groups.get(k);
            for (int t = 0; t < g.size(); t++) {
                out.add(alpha == 0 ? g.get(t) : g.get(t).mixed(teacher.get(k)[t], alpha));
            }
        }
        return out;
    }

    private static java.io.BufferedReader reader(Map<String, String> files, String name) {
        return new java.io.BufferedReader(new java.io.StringReader(files.get(name)));
    }

    /** " P/R neg a/b neu c/d pos e/f" of a confusion. */
    static String precisionRecall(Evaluation.Confusion c) {
        int[][] n = c.counts();
        StringBuilder out = new StringBuilder(" P/R");
        for (int k = 0; k < 3; k++) {
            int predicted = n[0][k] + n[1][k] + n[2][k];
            int gold = n[k][0] + n[k][1] + n[k][2];
            out.append(String.format(Locale.ROOT, " %s %.3f/%.3f", new String[] {"neg", "neu", "pos"}[k],
                    predicted == 0 ? 0 : n[k][k] / (double) predicted, gold == 0 ? 0 : n[k][k] / (double) gold));
        }
        return out.toString();
    }

    /** The target examples of {@code train} with the static vectors of fold {@code leftOut}'s table (none when null). */
    private static List<List<Example>> targetExamples(TargetFeatures features, Params p, Vectors vectors,
                                                      List<DevSets.TargetSentence> train, int leftOut) {
        if (vectors == null) {
            return new TargetModelTrainer(features, p).examples(train);
        }
        StaticVectors.Table t = vectors.table(leftOut);
        return new TargetModelTrainer(features, p, t, StaticVectors.Scaling.fit(t, vectors.targetGroups(), train)).examples(train);
    }

    /** Prints the grid and returns the L2 strength with the best cross-validated macro-F1. */
    /** The position of {@code l2} in {@code l2s} (the grid CV was scored on, in its order). */
    private static int indexOf(double[] l2s, double l2) {
        for (int i = 0; i < l2s.length; i++) {
            if (l2s[i] == l2) {
                return i;
            }
        }
        throw new IllegalArgumentException("L2 " + l2 + " is not in the grid " + java.util.Arrays.toString(l2s));
    }

    private static Params choose(Evaluation.Confusion[] grid, double[] l2s, int folds, Params params, java.io.PrintStream log) {
        Params best = params;
        double bestF1 = -1;
        for (int i = 0; i < l2s.length; i++) {
            Evaluation.Confusion c = grid[i];
            log.printf(Locale.ROOT, "cv%d l2 %.0e: macro-F1 %.4f F1 neg/neu/pos %.3f / %.3f / %.3f%s%n", folds, l2s[i],
                    c.macroF1(), c.f1(0), c.f1(1), c.f1(2), precisionRecall(c));
            if (c.macroF1() > bestF1) {
                bestF1 = c.macroF1();
                best = params.withL2(l2s[i]);
            }
        }
        log.printf(Locale.ROOT, "cv%d chose l2 %.0e (macro-F1 %.4f)%n", folds, best.l2(), bestF1);
        return best;
    }

    /**
     * Adds the standardised mean vector of each agreeing sentence's pieces (names left out) to its
     * example, in the order {@link #sentenceExamples} made them; returns the scaling.
     */
    static StaticVectors.Scaling withSentenceVectors(StaticVectors.Table table, StaticVectors.Groups groups,
                                                     List<DevSets.TargetSentence> train, List<List<Example>> examples) {
        List<DevSets.TargetSentence> agreeing = agreeing(train);
        List<double[]> vectors = new ArrayList<>(agreeing.size());
        for (DevSets.TargetSentence s : agreeing) {
            vectors.add(table.sentenceFeatures(TargetFeatures.tokens(s.sentence()), targetMask(s), 0, groups));
        }
        StaticVectors.Scaling scaling = StaticVectors.Scaling.of(groups, vectors);
        for (int i = 0; i < vectors.size(); i++) {
            scaling.putSentence(vectors.get(i), examples.get(i).get(0).x());
        }
        return scaling;
    }

    /** The indexes of the sentences whose targets all have one polarity. */
    static List<Integer> agreeingIndex(List<DevSets.TargetSentence> sentences) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            DevSets.TargetSentence s = sentences.get(i);
            if (!s.targets().isEmpty() && s.targets().stream().allMatch(t -> t.polarity() == s.targets().get(0).polarity())) {
                out.add(i);
            }
        }
        return out;
    }

    /** The sentences whose targets all have one polarity (the sentence's label). */
    static List<DevSets.TargetSentence> agreeing(List<DevSets.TargetSentence> sentences) {
        List<DevSets.TargetSentence> out = new ArrayList<>();
        for (DevSets.TargetSentence s : sentences) {
            if (!s.targets().isEmpty() && s.targets().stream().allMatch(t -> t.polarity() == s.targets().get(0).polarity())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The characters of a sentence's targets: names give no sentence features, as in the engine. */
    static BitSet targetMask(DevSets.TargetSentence s) {
        BitSet names = new BitSet(s.sentence().length());
        s.targets().forEach(t -> names.set(t.start(), t.end()));
        return names;
    }

    /** One example per agreeing sentence, each in a group of its own (the folds split by sentence). */
    static List<List<Example>> sentenceExamples(TargetFeatures features, List<DevSets.TargetSentence> sentences) {
        List<List<Example>> out = new ArrayList<>();
        for (DevSets.TargetSentence s : agreeing(sentences)) {
            out.add(List.of(new Example(SentenceModel.extract(features, s.sentence(), targetMask(s), 0),
                    s.targets().get(0).polarity() + 1)));
        }
        return out;
    }

    /** The L2 strength from {@link #L2_GRID} with the best cross-validated macro-F1 over example groups. */
    static Params select(List<List<Example>> groups, int folds, Params params) {
        Evaluation.Confusion[] grid = crossValidateGrid(f -> groups, false, foldsOf(groups.size(), folds), folds, params, L2_GRID);
        return choose(grid, L2_GRID, folds, params, System.out);
    }

    /** Macro-F1 of a model on sentences with gold targets, scoring each target in its sentence. */
    public static Evaluation.Confusion evaluate(TargetScorer model, List<DevSets.TargetSentence> sentences) {
        return Evaluation.newsMtsc(sentences, (s, t) -> model.score(s.sentence(), t.start(), t.end()).label());
    }

    public Map<String, double[]> train(List<DevSets.TargetSentence> sentences) {
        List<Example> examples = new ArrayList<>();
        for (List<Example> group : examples(sentences)) {
            examples.addAll(group);
        }
        return fit(examples, params);
    }

    /** The L2 strength from {@link #L2_GRID} with the best cross-validated macro-F1 on {@code sentences}; prints the grid. */
    public Params select(List<DevSets.TargetSentence> sentences, int folds) {
        return select(examples(sentences), folds, params);
    }

    /** Confusion over all held-out folds: each sentence group predicted by a model fitted on the other folds. */
    public static Evaluation.Confusion crossValidate(List<List<Example>> groups, int folds, Params p) {
        return crossValidateGrid(f -> groups, false, foldsOf(groups.size(), folds), folds, p, new double[] {p.l2()})[0];
    }

    /**
     * The fold of each of {@code n} groups: the groups shuffled with a fixed seed, then dealt to
     * the folds in turn (the same split on every run).
     */
    public static int[] foldsOf(int n, int folds) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[order.get(k)] = k % folds;
        }
        return out;
    }

    /**
     * Cross-validated confusion for each L2 strength of {@code grid}: in each fold, a model per
     * strength fitted on the other folds' groups predicts the fold's. {@code examplesFor} gives the
     * example groups to use in fold f (built once when not {@code perFold}); {@code foldOf} the
     * fold of each group. Fits run two at a time; counts add in a fixed order.
     */
    static Evaluation.Confusion[] crossValidateGrid(java.util.function.IntFunction<List<List<Example>>> examplesFor,
                                                    boolean perFold, int[] foldOf, int folds, Params p, double[] grid) {
        return crossValidate(examplesFor, perFold, foldOf, folds, List.of(grid(p, grid)), null);
    }

    /** {@code p} at each L2 strength of {@code l2s}, hard labels. */
    private static Variant[] grid(Params p, double[] l2s) {
        Variant[] out = new Variant[l2s.length];
        for (int i = 0; i < l2s.length; i++) {
            out[i] = new Variant(p.withL2(l2s[i]), 0);
        }
        return out;
    }

    /**
     * As {@link #crossValidateGrid}, over variants that may use the teacher's part for fold f
     * ({@code teacher.apply(f)}: probabilities mixed into the labelled targets, unlabelled targets
     * added); only labelled examples are held out and scored.
     */
    static Evaluation.Confusion[] crossValidate(java.util.function.IntFunction<List<List<Example>>> examplesFor,
                                                boolean perFold, int[] foldOf, int folds, List<Variant> grid,
                                                java.util.function.IntFunction<Taught> teacher) {
        int[][][] counts = new int[grid.size()][3][3];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<List<Example>> shared = perFold ? null : examplesFor.apply(-1);
            for (int fold = 0; fold < folds; fold++) {
                List<List<Example>> groups = perFold ? examplesFor.apply(fold) : shared;
                Taught taught = teacher == null ? null : teacher.apply(fold);
                List<Example> heldOut = new ArrayList<>();
                for (int k = 0; k < groups.size(); k++) {
                    if (foldOf[k] == fold) {
                        heldOut.addAll(groups.get(k));
                    }
                }
                int f = fold;
                List<java.util.concurrent.Future<int[][]>> results = new ArrayList<>();
                for (Variant v : grid) {
                    results.add(pool.submit(() -> {
                        Map<String, double[]> w = fit(examples(groups, taught, v, foldOf, f), v.params());
                        int[][] c = new int[3][3];
                        for (Example e : heldOut) {
                            c[e.y()][argmax(TargetModel.probabilities(w, e.x()))]++;
                        }
                        return c;
                    }));
                }
                for (int i = 0; i < grid.size(); i++) {
                    int[][] c = results.get(i).get();
                    for (int y = 0; y < 3; y++) {
                        for (int k = 0; k < 3; k++) {
                            counts[i][y][k] += c[y][k];
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cross-validation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cross-validation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Evaluation.Confusion[] out = new Evaluation.Confusion[grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            out[i] = new Evaluation.Confusion(counts[i]);
        }
        return out;
    }

    /** The examples of each sentence (one per target), features extracted once. */
    public List<List<Example>> examples(List<DevSets.TargetSentence> sentences) {
        List<List<Example>> out = new ArrayList<>(sentences.size());
        for (DevSets.TargetSentence s : sentences) {
            TargetFeatures.Prepared prepared = features.prepare(s.sentence());
            List<Example> group = new ArrayList<>(s.targets().size());
            for (DevSets.Target t : s.targets()) {
                Map<String, Double> x = features.extract(prepared, t.start(), t.end());
                if (table != null) {
                    scaling.put(table, prepared.tokens(), t.start(), t.end(), x);
                }
                group.add(new Example(x, t.polarity() + 1));
            }
            out.add(group);
        }
        return out;
    }

    /**
     * Fits weights to the examples by minimising the class-weighted mean cross-entropy (to the
     * one-hot label, or to the example's {@link Example#target} when it has one) plus the L2
     * penalty with L-BFGS; features seen in fewer than minCount examples are left out.
     */
    public static Map<String, double[]> fit(List<Example> examples, Params p) {
        Map<String, Integer> counts = new HashMap<>();
        int[] perClass = new int[3];
        for (Example e : examples) {
            e.x().keySet().forEach(k -> counts.merge(k, 1, Integer::sum));
            perClass[e.y()]++;
        }
        double[] classWeight = new double[3];
        for (int c = 0; c < 3; c++) {
            classWeight[c] = !p.balanced() || perClass[c] == 0 ? 1.0 : examples.size() / (3.0 * perClass[c]);
        }
        List<String> names = new ArrayList<>();
        counts.forEach((k, n) -> {
            if (n >= p.minCount()) {
                names.add(k);
            }
        });
        Collections.sort(names);
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            index.put(names.get(j), j);
        }
        int[][] rows = new int[examples.size()][];
        double[][] values = new double[examples.size()][];
        for (int n = 0; n < examples.size(); n++) {
            Map<String, Double> x = examples.get(n).x();
            int[] row = new int[x.size()];
            double[] val = new double[x.size()];
            int k = 0;
            for (Map.Entry<String, Double> f : x.entrySet()) {
                Integer j = index.get(f.getKey());
                if (j != null) {
                    row[k] = j;
                    val[k++] = f.getValue();
                }
            }
            rows[n] = java.util.Arrays.copyOf(row, k);
            values[n] = java.util.Arrays.copyOf(val, k);
        }
        Integer bias = index.get("bias");
        double size = examples.size();
        Lbfgs.Objective objective = (w, grad) -> {
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            double[] z = new double[3];
            for (int n = 0; n < rows.length; n++) {
                java.util.Arrays.fill(z, 0);
                for (int k = 0; k < rows[n].length; k++) {
                    int j = rows[n][k] * 3;
                    double v = values[n][k];
                    z[0] += w[j] * v;
                    z[1] += w[j + 1] * v;
                    z[2] += w[j + 2] * v;
                }
                double max = Math.max(z[0], Math.max(z[1], z[2]));
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    z[c] = Math.exp(z[c] - max);
                    sum += z[c];
                }
                Example e = examples.get(n);
                int y = e.y();
                double weight = classWeight[y] / size;
                double[] target = e.target();
                if (target == null) {
                    loss -= weight * Math.log(z[y] / sum);
                    for (int c = 0; c < 3; c++) {
                        z[c] = weight * (z[c] / sum - (c == y ? 1 : 0));
                    }
                } else {
                    // cross-entropy to the target's probabilities: -sum_c t_c log p_c, gradient p_c - t_c
                    for (int c = 0; c < 3; c++) {
                        if (target[c] > 0) {
                            loss -= weight * target[c] * Math.log(z[c] / sum);
                        }
                    }
                    for (int c = 0; c < 3; c++) {
                        z[c] = weight * (z[c] / sum - target[c]);
                    }
                }
                for (int k = 0; k < rows[n].length; k++) {
                    int j = rows[n][k] * 3;
                    double v = values[n][k];
                    grad[j] += z[0] * v;
                    grad[j + 1] += z[1] * v;
                    grad[j + 2] += z[2] * v;
                }
            }
            for (int i = 0; i < w.length; i++) {
                if (bias == null || i / 3 != bias) {
                    loss += 0.5 * p.l2() * w[i] * w[i];
                    grad[i] += p.l2() * w[i];
                }
            }
            return loss;
        };
        double[] w = new double[names.size() * 3];
        Lbfgs.minimize(objective, w, 10, p.iterations(), 1e-7);
        Map<String, double[]> kept = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            double[] v = {w[3 * j], w[3 * j + 1], w[3 * j + 2]};
            if (Math.max(Math.abs(v[0]), Math.max(Math.abs(v[1]), Math.abs(v[2]))) >= p.prune() || names.get(j).equals("bias")) {
                kept.put(names.get(j), v);
            }
        }
        return kept;
    }

    /** The most probable class of {@code p} (the first on a tie). */
    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
