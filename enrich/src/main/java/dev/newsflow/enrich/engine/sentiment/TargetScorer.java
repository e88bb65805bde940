package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;

/** Sentiment of a sentence toward a target span in it. Implementations are thread-safe. */
public interface TargetScorer {

    /**
     * @param sentence the sentence text
     * @param start    target start in {@code sentence}
     * @param end      target end (exclusive) in {@code sentence}
     */
    Sentiment score(String sentence, int start, int end);
}
