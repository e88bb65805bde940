package dev.newsflow.enrich.engine.sentiment;

/** The target scorers the engine can use. */
public final class TargetScorers {
    private TargetScorers() {
    }

    /** The learned model shipped with NewsFlow (see {@link TargetModelTrainer}). */
    public static TargetScorer best(VaderScorer vader) {
        TargetModel model = TargetModel.load(vader);
        if (model == null) {
            throw new IllegalStateException("Target sentiment model missing from the classpath: " + TargetModel.RESOURCE);
        }
        return model;
    }

    /** The lexicon baseline: VADER-style score of the target's clause. */
    public static TargetScorer lexiconBaseline(VaderScorer vader) {
        return new ClauseVaderScorer(vader);
    }
}
