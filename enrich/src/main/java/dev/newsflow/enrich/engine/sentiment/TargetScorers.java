package dev.newsflow.enrich.engine.sentiment;

/** The target scorers the engine can use. */
public final class TargetScorers {
    private TargetScorers() {
    }

    /** The best scorer available: currently the clause-level VADER baseline. */
    public static TargetScorer best(VaderScorer vader) {
        return new ClauseVaderScorer(vader);
    }
}
