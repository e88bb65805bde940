package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.eval.DevSets;
import java.io.IOException;
import java.nio.file.Path;
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
 * java -Dcv=5 -cp enrich/target/test-classes:enrich/target/classes:... \
 *     dev.newsflow.enrich.engine.sentiment.SentimentTraining TRAIN.jsonl OUT_DIR [DEV.jsonl ...]
 * </pre>
 */
public final class SentimentTraining {
    /** Occurrences the fallback vector counts for when a piece's corpus states are averaged. */
    static final double PRIOR = 2;

    private SentimentTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: [-Dcv=K] SentimentTraining TRAIN.jsonl OUT_DIR [DEV.jsonl ...]");
            System.exit(2);
        }
        int folds = Integer.getInteger("cv", 0);
        List<DevSets.TargetSentence> train = DevSets.newsMtsc(DevSets.lines(Path.of(args[0])));
        int groups = Math.max(1, folds);
        int[] foldOf = folds > 1 ? TargetModelTrainer.foldsOf(train.size(), folds) : new int[train.size()];
        StaticVectors.Table input = StaticVectors.Table.miniLm();
        StaticVectors.Table alone;
        StaticVectors.CorpusStates states;
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            long t0 = System.nanoTime();
            alone = StaticVectors.Table.pieceStates(encoder, false);
            long t1 = System.nanoTime();
            states = new StaticVectors.CorpusStates(encoder, StaticVectors.vocabulary(),
                    train.stream().map(DevSets.TargetSentence::sentence).toList(), foldOf, groups);
            System.out.printf(Locale.ROOT, "vectors: each piece run alone in %.0f s, %d train sentences in %.0f s (%d pieces seen)%n",
                    (t1 - t0) / 1e9, train.size(), (System.nanoTime() - t1) / 1e9, states.seen(-1));
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
        });
    }
}
