package dev.newsflow.ingest.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measure of the public article-extraction benchmarks: token 4-gram shingles (tokens are
 * {@code \w+}), per-page precision and recall of the extracted shingle multiset against the true
 * body, each page weighted equally, F1 of the mean precision and mean recall. Used by the bench
 * harness on the dev set and by the floor test on the project's own fixture pages.
 */
public record ExtractionScore(double precision, double recall) {
    private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    public double f1() {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** Mean over the pages of {@code gold} (page name to true body); a page missing from {@code predicted} counts as empty. */
    public static ExtractionScore of(Map<String, String> gold, Map<String, String> predicted) {
        double p = 0;
        double r = 0;
        for (var e : gold.entrySet()) {
            Map<List<String>, Integer> g = shingles(e.getValue());
            Map<List<String>, Integer> q = shingles(predicted.getOrDefault(e.getKey(), ""));
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (var s : q.entrySet()) {
                int gc = g.getOrDefault(s.getKey(), 0);
                tp += Math.min(gc, s.getValue());
                fp += Math.max(0, s.getValue() - gc);
            }
            for (var s : g.entrySet()) {
                fn += Math.max(0, s.getValue() - q.getOrDefault(s.getKey(), 0));
            }
            if (fp == 0 && fn == 0) {
                p += 1;
                r += 1;
            } else {
                p += tp + fp == 0 ? 0 : (double) tp / (tp + fp);
                r += tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            }
        }
        return new ExtractionScore(p / gold.size(), r / gold.size());
    }

    private static Map<List<String>, Integer> shingles(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i < Math.max(1, tokens.size() - 3); i++) {
            List<String> s = tokens.subList(i, Math.min(tokens.size(), i + 4));
            if (!s.isEmpty()) {
                counts.merge(List.copyOf(s), 1, Integer::sum);
            }
        }
        return counts;
    }
}
