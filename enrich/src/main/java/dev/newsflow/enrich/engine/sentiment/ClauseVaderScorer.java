package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.util.BitSet;

/**
 * Baseline target scorer: the VADER-style score of the clause that holds the target (the
 * stretch between clause punctuation around it, widened to the sentence when that stretch is
 * short), with the target's own words carrying no valence.
 */
public final class ClauseVaderScorer implements TargetScorer {
    private static final int MIN_CLAUSE_CHARS = 25;

    private final VaderScorer vader;

    public ClauseVaderScorer(VaderScorer vader) {
        this.vader = vader;
    }

    @Override
    public Sentiment score(String sentence, int start, int end) {
        int[] clause = clause(sentence, start, end);
        BitSet mask = new BitSet();
        mask.set(start, end);
        return Sentiment.of(vader.compound(sentence.substring(clause[0], clause[1]), mask, clause[0]));
    }

    /** The clause [from, to) holding [start, end): bounded by ; : ( ) dashes, or the sentence. */
    static int[] clause(String s, int start, int end) {
        int from = start;
        while (from > 0 && !isBreak(s.charAt(from - 1))) {
            from--;
        }
        int to = end;
        while (to < s.length() && !isBreak(s.charAt(to))) {
            to++;
        }
        if (to - from < MIN_CLAUSE_CHARS) {
            return new int[] {0, s.length()};
        }
        return new int[] {from, to};
    }

    private static boolean isBreak(char c) {
        return c == ';' || c == ':' || c == '\u2014' || c == '\u2013' || c == '(' || c == ')';
    }
}
