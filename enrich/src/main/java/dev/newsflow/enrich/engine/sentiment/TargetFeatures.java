package dev.newsflow.enrich.engine.sentiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Features of a (sentence, target) pair for the learned target-sentiment model: the words
 * around the target by side and distance, the words of the sentence, valence sums from the
 * lexicon (after VADER's negation and intensifier rules) in the target's window, clause and
 * sentence, and cues of reported speech (the target as speaker, quotes). Thread-safe.
 */
public final class TargetFeatures {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)*|[\"\u201c\u201d]|[^\\s\\p{L}\\p{N}]");
    private static final Set<String> SPEECH = Set.of("said", "says", "say", "told", "tells", "added", "stated", "wrote",
            "writes", "tweeted", "argued", "argues", "claimed", "claims", "insisted", "noted", "explained", "warned",
            "according", "asked", "responded", "replied", "announced", "declared");
    private static final Set<String> CLAUSE_BREAKS = Set.of(",", ";", ":", "\u2014", "\u2013", "(", ")", "but", "while",
            "although", "though", "whereas", "because");
    private static final int NEAR = 3;
    private static final int WINDOW = 8;

    private final VaderScorer vader;

    public TargetFeatures(VaderScorer vader) {
        this.vader = vader;
    }

    public record Tok(String text, String lower, int start, int end) {
    }

    static List<Tok> tokens(String s) {
        List<Tok> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String t = m.group();
            out.add(new Tok(t, t.toLowerCase(Locale.ROOT), m.start(), m.end()));
        }
        return out;
    }

    /** A sentence tokenized and scored once, for all the targets in it. */
    public record Prepared(String sentence, List<Tok> tokens, double[] valences, String[] bigrams) {
    }

    public Prepared prepare(String sentence) {
        List<Tok> toks = tokens(sentence);
        List<VaderScorer.Word> words = new ArrayList<>(toks.size());
        for (Tok t : toks) {
            words.add(new VaderScorer.Word(t.text(), t.start(), t.end()));
        }
        String[] bigrams = new String[toks.size()];
        for (int i = 0; i + 1 < toks.size(); i++) {
            bigrams[i] = "bg=" + toks.get(i).lower() + "_" + toks.get(i + 1).lower();
        }
        return new Prepared(sentence, toks, vader.valences(words, null, 0), bigrams);
    }

    /** Feature name to value for the target [start, end) of {@code sentence}. */
    public Map<String, Double> extract(String sentence, int start, int end) {
        return extract(prepare(sentence), start, end);
    }

    /** Feature name to value for the target [start, end) of a prepared sentence. */
    public Map<String, Double> extract(Prepared prepared, int start, int end) {
        Map<String, Double> f = new HashMap<>(256);
        f.put("bias", 1.0);
        List<Tok> toks = prepared.tokens();
        double[] val = prepared.valences();
        int first = -1;
        int last = -1;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.start() < end && start < t.end()) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            first = toks.size();
            last = toks.size() - 1;
        }

        int clauseFrom = first;
        while (clauseFrom > 0 && !CLAUSE_BREAKS.contains(toks.get(clauseFrom - 1).lower())) {
            clauseFrom--;
        }
        int clauseTo = last + 1;
        while (clauseTo < toks.size() && !CLAUSE_BREAKS.contains(toks.get(clauseTo).lower())) {
            clauseTo++;
        }
        double sentence0 = 0;
        double clause = 0;
        double window = 0;
        double left = 0;
        double right = 0;
        boolean quote = false;
        int quotesBefore = 0;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            boolean isQuote = t.text().equals("\"") || t.text().equals("\u201c") || t.text().equals("\u201d");
            if (isQuote) {
                quote = true;
                if (i < first) {
                    quotesBefore++;
                }
            }
            if (i >= first && i <= last) {
                continue;
            }
            sentence0 += val[i];
            if (i >= clauseFrom && i < clauseTo) {
                clause += val[i];
            }
            int distance = i < first ? first - i : i - last;
            if (distance <= WINDOW) {
                window += val[i];
                if (i < first) {
                    left += val[i];
                } else {
                    right += val[i];
                }
            }
            if (!Character.isLetterOrDigit(t.text().charAt(0))) {
                if (distance <= NEAR) {
                    add(f, (i < first ? "L" : "R") + "p=" + t.lower(), 1.0);
                }
                continue;
            }
            String w = t.lower();
            if (distance <= NEAR) {
                add(f, (i < first ? "Ln=" : "Rn=") + w, 1.0);
            } else if (distance <= WINDOW) {
                add(f, (i < first ? "Lw=" : "Rw=") + w, 1.0);
            }
            if (i >= clauseFrom && i < clauseTo) {
                add(f, "c=" + w, 1.0);
            }
            if (i + 1 < toks.size() && (i + 1 < first || i > last)) {
                add(f, prepared.bigrams()[i], 0.5);
            }
        }
        valence(f, "vs", sentence0);
        valence(f, "vc", clause);
        valence(f, "vw", window);
        valence(f, "vl", left);
        valence(f, "vr", right);
        f.put("vsc", VaderScorer.normalize(sentence0));
        f.put("vcc", VaderScorer.normalize(clause));
        f.put("vwc", VaderScorer.normalize(window));
        for (int i = last + 1; i < Math.min(toks.size(), last + 4); i++) {
            if (SPEECH.contains(toks.get(i).lower())) {
                f.put("speaker", 1.0);
                f.put("speaker_vs", VaderScorer.normalize(sentence0));
            }
        }
        if (first > 0 && first - 1 < toks.size() && toks.get(first - 1).lower().equals("by")) {
            f.put("agent_by", 1.0);
        }
        if (last + 1 < toks.size() && toks.get(last + 1).lower().matches("'s|\u2019s")) {
            f.put("possessive", 1.0);
        }
        if (quote) {
            f.put(quotesBefore % 2 == 1 ? "in_quote" : "has_quote", 1.0);
        }
        if (first == 0) {
            f.put("target_first", 1.0);
        }
        f.put("pos_bucket=" + Math.min(4, first * 5 / Math.max(1, toks.size())), 1.0);
        return f;
    }

    private static void valence(Map<String, Double> f, String name, double v) {
        if (v > 0.05) {
            f.put(name + "+", Math.min(v, 6.0) / 2);
        } else if (v < -0.05) {
            f.put(name + "-", Math.max(v, -6.0) / -2);
        } else {
            f.put(name + "0", 1.0);
        }
    }

    private static void add(Map<String, Double> f, String key, double v) {
        f.merge(key, v, Double::sum);
    }
}
