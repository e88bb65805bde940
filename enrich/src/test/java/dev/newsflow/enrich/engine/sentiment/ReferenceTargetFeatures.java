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
 * The target-sentiment features as {@link TargetFeatures} extracted them before feature
 * extraction learned to feed the model's scores directly (string feature names in a map, looked
 * up by name): kept verbatim as the reference that the faster path must reproduce. Test only.
 */
final class ReferenceTargetFeatures {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)*|[\"\u201c\u201d]|[^\\s\\p{L}\\p{N}]");
    private static final Set<String> SPEECH = Set.of("said", "says", "say", "told", "tells", "added", "stated", "wrote",
            "writes", "tweeted", "argued", "argues", "claimed", "claims", "insisted", "noted", "explained", "warned",
            "according", "asked", "responded", "replied", "announced", "declared");
    private static final Set<String> CLAUSE_BREAKS = Set.of(",", ";", ":", "\u2014", "\u2013", "(", ")", "but", "while",
            "although", "though", "whereas", "because");
    private static final Pattern PARTICIPLE = Pattern.compile("\\p{L}+(?:ed|en)|been");
    private static final Set<String> CONTRAST = Set.of("but", "however", "although", "though", "yet", "while",
            "whereas", "despite");
    private static final Set<String> BE = Set.of("is", "are", "was", "were", "be", "been", "being", "got", "gets",
            "get");
    /** Words that may stand before a clause's subject: determiners, and titles are capitalised. */
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "former", "then", "his", "her", "their",
            "its", "our", "this", "that", "and", "or", "\"", "\u201c");
    private static final int NEAR = 3;
    private static final int WINDOW = 8;
    /** Valence at token distance d counts 1 / (1 + d / DECAY) in the distance-weighted sums. */
    private static final double DECAY = 4.0;

    private final VaderScorer vader;

    ReferenceTargetFeatures(VaderScorer vader) {
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

    /**
     * A sentence tokenized and scored once, for all the targets in it: lexicon valence per token,
     * whether a token lies in the scope of a negation (after "not", "never", "n't" ... up to the
     * next punctuation or clause break) and whether it looks like a name (capitalised, not
     * sentence-initial). The feature names of each token are built here once, not per target.
     */
    public record Prepared(String sentence, List<Tok> tokens, double[] valences, String[] bigrams, boolean[] negated,
                           boolean[] names, String[][] keys) {
    }

    /** Indices into {@link Prepared#keys()}: a token's feature name by the target's side and the group. */
    private static final int LN = 0;
    private static final int RN = 1;
    private static final int LW = 2;
    private static final int RW = 3;
    private static final int LQ = 4;
    private static final int RQ = 5;
    private static final int CLAUSE = 6;
    private static final int SENTENCE = 7;
    private static final String[] PREFIXES = {"Ln=", "Rn=", "Lw=", "Rw=", "Lq=", "Rq=", "c=", "s="};

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
        boolean[] negated = negationScope(toks);
        String[][] keys = new String[toks.size()][];
        for (int i = 0; i < toks.size(); i++) {
            String lower = toks.get(i).lower();
            if (!Character.isLetterOrDigit(lower.charAt(0))) {
                keys[i] = new String[] {"Lp=" + lower, "Rp=" + lower};
                continue;
            }
            String w = negated[i] ? "!" + lower : lower;
            keys[i] = new String[PREFIXES.length];
            for (int k = 0; k < PREFIXES.length; k++) {
                keys[i][k] = PREFIXES[k] + w;
            }
        }
        return new Prepared(sentence, toks, vader.valences(words, null, 0), bigrams, negated, names(toks), keys);
    }

    /** True for each token after a negation word and before the next punctuation or clause break. */
    static boolean[] negationScope(List<Tok> toks) {
        boolean[] out = new boolean[toks.size()];
        boolean inScope = false;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (!Character.isLetterOrDigit(t.text().charAt(0)) || CLAUSE_BREAKS.contains(t.lower())) {
                inScope = false;
            } else if (VaderScorer.isNegation(t.lower())) {
                inScope = true;
            } else {
                out[i] = inScope;
            }
        }
        return out;
    }

    private static boolean[] names(List<Tok> toks) {
        boolean[] out = new boolean[toks.size()];
        for (int i = 1; i < toks.size(); i++) {
            String t = toks.get(i).text();
            out[i] = Character.isUpperCase(t.charAt(0)) && !t.equals("I")
                    && Character.isLetterOrDigit(toks.get(i - 1).text().charAt(0));
        }
        return out;
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
                    add(f, prepared.keys()[i][i < first ? 0 : 1], 1.0);
                }
                continue;
            }
            String[] keys = prepared.keys()[i];
            boolean before = i < first;
            if (distance <= NEAR) {
                add(f, keys[before ? LN : RN], 1.0);
            } else if (distance <= WINDOW) {
                add(f, keys[before ? LW : RW], 1.0);
            }
            if (i >= clauseFrom && i < clauseTo) {
                add(f, keys[CLAUSE], 1.0);
            }
            add(f, keys[before ? LQ : RQ], 1.0 / (1.0 + distance / DECAY));
            add(f, keys[SENTENCE], 1.0);
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
        Span target = new Span(first, last, clauseFrom, clauseTo);
        distanceWeighted(f, prepared, target);
        negation(f, prepared, target, clause);
        reportedSpeech(f, prepared, target, sentence0);
        roles(f, prepared, target);
        contrast(f, prepared, target);
        attribution(f, prepared, target);
        return f;
    }

    /** Token positions of the target [first, last] and of its clause [clauseFrom, clauseTo). */
    private record Span(int first, int last, int clauseFrom, int clauseTo) {
        int distance(int i) {
            return i < first ? first - i : i - last;
        }

        boolean contains(int i) {
            return i >= first && i <= last;
        }
    }

    /** Positive and negative lexicon mass, each token weighted down with its distance from the target. */
    private static void distanceWeighted(Map<String, Double> f, Prepared p, Span target) {
        double pos = 0;
        double neg = 0;
        for (int i = 0; i < p.tokens().size(); i++) {
            double v = p.valences()[i];
            if (v == 0 || target.contains(i)) {
                continue;
            }
            double weight = 1.0 / (1.0 + target.distance(i) / DECAY);
            if (v > 0) {
                pos += v * weight;
            } else {
                neg -= v * weight;
            }
        }
        f.put("vd+", Math.min(pos, 6.0) / 2);
        f.put("vd-", Math.min(neg, 6.0) / 2);
    }

    /** A negation in the target's clause, and whether the target itself is in a negation's scope. */
    private static void negation(Map<String, Double> f, Prepared p, Span target, double clause) {
        boolean negatedClause = false;
        for (int i = target.clauseFrom(); i < target.clauseTo(); i++) {
            if (VaderScorer.isNegation(p.tokens().get(i).lower())) {
                negatedClause = true;
            }
        }
        if (negatedClause) {
            valence(f, "neg_vc", clause);
        }
        if (target.first() < p.negated().length && p.negated()[target.first()]) {
            f.put("target_negated", 1.0);
        }
    }

    /**
     * Reported speech: the target as the speaker ("X said", "said X", "according to X") is
     * often neutral however loaded the reported words are, so the valence of the rest of the
     * sentence gets its own weights in that case.
     */
    private static void reportedSpeech(Map<String, Double> f, Prepared p, Span target, double sentence) {
        List<Tok> toks = p.tokens();
        int first = target.first();
        String role = null;
        if (first >= 2 && toks.get(first - 2).lower().equals("according") && toks.get(first - 1).lower().equals("to")) {
            role = "according";
        } else if (first >= 1 && SPEECH.contains(toks.get(first - 1).lower())) {
            role = "said_x";
        } else {
            for (int i = target.last() + 1; i < Math.min(toks.size(), target.last() + 4); i++) {
                if (SPEECH.contains(toks.get(i).lower())) {
                    role = "x_said";
                }
            }
        }
        if (role != null) {
            f.put("speech=" + role, 1.0);
            valence(f, "speech_vs", sentence);
        }
    }

    /**
     * Agent or patient of the clause's predicate: the target opening its clause (after
     * determiners and capitalised titles at most) is the agent unless a passive ("was
     * criticized") follows; after "by" it is the agent; a target after
     * the predicate is its patient. The valence of the predicate side is crossed with the role.
     */
    private static void roles(Map<String, Double> f, Prepared p, Span target) {
        List<Tok> toks = p.tokens();
        double right = 0;
        for (int i = target.last() + 1; i < target.clauseTo(); i++) {
            right += p.valences()[i];
        }
        double left = 0;
        for (int i = target.clauseFrom(); i < target.first(); i++) {
            left += p.valences()[i];
        }
        int next = target.last() + 1;
        boolean passive = next + 1 < toks.size() && BE.contains(toks.get(next).lower())
                && PARTICIPLE.matcher(toks.get(next + 1).lower()).matches();
        boolean byAgent = target.first() > 0 && toks.get(target.first() - 1).lower().equals("by");
        boolean opensClause = true;
        for (int i = target.clauseFrom(); i < target.first(); i++) {
            String t = toks.get(i).text();
            opensClause &= Character.isUpperCase(t.charAt(0)) || DETERMINERS.contains(toks.get(i).lower());
        }
        if (byAgent) {
            valence(f, "agent_by_vl", left);
        } else if (opensClause) {
            valence(f, passive ? "patient_pass_vr" : "agent_vr", right);
        } else {
            valence(f, "patient_vl", left);
        }
    }

    /** Contrast ("but", "although" ...): valence on the target's side of it and on the other side. */
    private static void contrast(Map<String, Double> f, Prepared p, Span target) {
        List<Tok> toks = p.tokens();
        int at = -1;
        for (int i = 0; i < toks.size(); i++) {
            if (CONTRAST.contains(toks.get(i).lower()) && !target.contains(i)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return;
        }
        boolean targetAfter = target.first() > at;
        double same = 0;
        double other = 0;
        for (int i = 0; i < toks.size(); i++) {
            if (i == at || target.contains(i)) {
                continue;
            }
            if ((i > at) == targetAfter) {
                same += p.valences()[i];
            } else {
                other += p.valences()[i];
            }
        }
        f.put(targetAfter ? "contrast_after" : "contrast_before", 1.0);
        valence(f, "contrast_same", same);
        valence(f, "contrast_other", other);
    }

    /**
     * Valence attributed by proximity: each lexicon word goes to the nearest name-like token
     * (or the target); the target's share and the others' share are separate features, as is
     * the number of other names in the sentence.
     */
    private static void attribution(Map<String, Double> f, Prepared p, Span target) {
        List<Tok> toks = p.tokens();
        boolean[] names = p.names();
        int others = 0;
        for (int i = 0; i < toks.size(); i++) {
            if (names[i] && !target.contains(i) && (i == 0 || !names[i - 1])) {
                others++;
            }
        }
        f.put("other_names=" + Math.min(others, 3), 1.0);
        if (others == 0) {
            return;
        }
        double own = 0;
        double foreign = 0;
        for (int i = 0; i < toks.size(); i++) {
            double v = p.valences()[i];
            if (v == 0 || target.contains(i)) {
                continue;
            }
            int toTarget = target.distance(i);
            boolean closerName = false;
            for (int d = 1; d < toTarget && !closerName; d++) {
                closerName = (i - d >= 0 && names[i - d] && !target.contains(i - d))
                        || (i + d < toks.size() && names[i + d] && !target.contains(i + d));
            }
            if (closerName) {
                foreign += v;
            } else {
                own += v;
            }
        }
        valence(f, "v_own", own);
        valence(f, "v_foreign", foreign);
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
