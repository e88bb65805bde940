package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command that retrains the shipped sentiment models (target and sentence): distils the
 * static word vectors from MiniLM (see {@link StaticVectors.Table#pieceStates} and
 * {@link StaticVectors.CorpusStates}), then trains, folds and writes the four weight files with
 * {@link TargetModelTrainer#run}. It lives with the tests because it runs the transformer on ONNX
 * Runtime, a test-scope dependency; the engine reads only the files it writes.
 *
 * <pre>
 * java -Dcv=5 [-Dalphas=0.1,0.5] [-Dconfidences=0.7] -cp enrich/target/test-classes:enrich/target/classes:... \
 *     dev.newsflow.enrich.engine.sentiment.SentimentTraining TRAIN.jsonl OUT_DIR [DEV.jsonl ...]
 * </pre>
 *
 * With {@code -Dalphas} or {@code -Dconfidences} (and cv > 1) it also distils from a teacher
 * ({@link SentimentTeacher}): CV on train chooses among hard labels, labels mixed with the
 * teacher's cross-fitted probabilities by each alpha, and the train sentences' unlabelled names
 * added at each least teacher probability; the models CV did not choose are fitted too and their
 * dev figures printed beside the written one's.
 */
public final class SentimentTraining {
    /** Occurrences the fallback vector counts for when a piece's corpus states are averaged. */
    static final double PRIOR = 2;
    /** The teacher's L2 strength (the value its bench candidate was measured at). */
    static final double TEACHER_L2 = Double.parseDouble(System.getProperty("teacher.l2", "2e-3"));
    /**
     * The weights of the teacher's probabilities in the student's targets that CV chooses among,
     * beside 0 ({@code -Dalphas=0.25,0.5}; none by default: no CV run preferred the teacher, so the
     * retraining command does not spend time on it).
     */
    static final double[] ALPHAS = doubles(System.getProperty("alphas", ""));
    /** The least teacher probabilities at which CV tries adding the train sentences' unlabelled names ({@code -Dconfidences=0.7}; none by default). */
    static final double[] CONFIDENCES = doubles(System.getProperty("confidences", ""));

    private static double[] doubles(String list) {
        return list.isBlank() ? new double[0] : java.util.Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private SentimentTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: [-Dcv=K] [-Dalphas=A,..] [-Dconfidences=P,..] SentimentTraining TRAIN.jsonl OUT_DIR [DEV.jsonl ...]");
            System.exit(2);
        }
        int folds = Integer.getInteger("cv", 0);
        List<DevSets.TargetSentence> train = DevSets.newsMtsc(DevSets.lines(Path.of(args[0])));
        int groups = Math.max(1, folds);
        int[] foldOf = folds > 1 ? TargetModelTrainer.foldsOf(train.size(), folds) : new int[train.size()];
        StaticVectors.Table input = StaticVectors.Table.miniLm();
        StaticVectors.Table alone;
        StaticVectors.CorpusStates states;
        SentimentTeacher teacher = null;
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            long t0 = System.nanoTime();
            alone = StaticVectors.Table.pieceStates(encoder, false);
            long t1 = System.nanoTime();
            states = new StaticVectors.CorpusStates(encoder, StaticVectors.vocabulary(),
                    train.stream().map(DevSets.TargetSentence::sentence).toList(), foldOf, groups);
            System.out.printf(Locale.ROOT, "vectors: each piece run alone in %.0f s, %d train sentences in %.0f s (%d pieces seen)%n",
                    (t1 - t0) / 1e9, train.size(), (System.nanoTime() - t1) / 1e9, states.seen(-1));
            if (folds > 1 && ALPHAS.length + CONFIDENCES.length > 0) {
                long t2 = System.nanoTime();
                TargetModelTrainer.Params teacherParams = TargetModelTrainer.Params.defaults().withL2(TEACHER_L2);
                List<DevSets.TargetSentence> unlabelled = CONFIDENCES.length == 0 ? null : SentimentTeacher.otherNames(train);
                teacher = new SentimentTeacher(encoder, new TargetFeatures(new VaderScorer(Lexicon.news())), train, unlabelled,
                        foldOf, folds, teacherParams, ALPHAS, CONFIDENCES);
                if (unlabelled != null) {
                    System.out.printf(Locale.ROOT, "unlabelled targets (other names in the train sentences): %d%n",
                            unlabelled.stream().mapToInt(s -> s.targets().size()).sum());
                }
                Evaluation.Confusion cv = teacher.crossValidated();
                System.out.printf(Locale.ROOT, "teacher (sparse + MiniLM states, l2 %.0e): %d fits in %.0f s; cv%d macro-F1 %.4f "
                                + "F1 neg/neu/pos %.3f / %.3f / %.3f%s%n", TEACHER_L2, folds + folds * (folds - 1) / 2,
                        (System.nanoTime() - t2) / 1e9, folds, cv.macroF1(), cv.f1(0), cv.f1(1), cv.f1(2),
                        TargetModelTrainer.precisionRecall(cv));
                List<TargetModelTrainer.Dev> devs = new ArrayList<>();
                for (int i = 2; i < args.length; i++) {
                    devs.add(new TargetModelTrainer.Dev(Path.of(args[i]).getFileName().toString(),
                            DevSets.newsMtsc(DevSets.lines(Path.of(args[i])))));
                }
                teacher.printDev(encoder, devs, System.out);
            }
        }
        TargetModelTrainer.run(args, new TargetModelTrainer.Vectors() {
            @Override
            public StaticVectors.Table table(int leftOut) {
                // a CV fold's corpus vectors leave its own sentences out; the final model's use all of train
                // SIF: each piece weighted by a / (a + p), p its share of the same sentences' pieces
                return sentenceTable(leftOut).weighted(states.counts(leftOut), StaticVectors.SIF);
            }

            @Override
            public StaticVectors.Table sentenceTable(int leftOut) {
                return StaticVectors.Table.join(input, states.table(alone, PRIOR, leftOut));
            }

            @Override
            public boolean perFold() {
                return folds > 1;
            }
        }, teacher);
    }
}
