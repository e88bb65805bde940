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

    /**
     * The shipped model without its static word vectors, to measure what they cost (the
     * benchmark's comparison): its bias keeps their constant part, so its labels are not a model's.
     */
    public static TargetScorer withoutStaticVectors(VaderScorer vader) {
        return ((TargetModel) best(vader)).withoutPieces();
    }

    /** The lexicon baseline: VADER-style score of the target's clause. */
    public static TargetScorer lexiconBaseline(VaderScorer vader) {
        return new ClauseVaderScorer(vader);
    }
}
