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
 * around the target by side and distance (also weighted 1 / (1 + d / 4) by their token distance
 * d), the words of the clause and of the sentence, words in a negation's scope marked apart
 * ("not honest" gives "!honest"), valence sums from the lexicon (after VADER's negation and
 * intensifier rules) in the target's window, clause and sentence and weighted by distance, and
 * cues of the target's role: reported speech (the target as speaker, quotes), agent or patient
 * of the clause's predicate (passives, "by X"), the side of a contrast ("but", "although") it
 * is on, and the valence nearer to the target than to any other name. Thread-safe.
 */
public final class TargetFeatures {
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

    public TargetFeatures(VaderScorer vader) {
        this.vader = vader;
    }

    VaderScorer vader() {
        return vader;
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
     * next punctuation or clause break), whether it looks like a name (capitalised, not
     * sentence-initial), and per token the word lists it is on (a word or punctuation, a clause
     * break, a negation, a speech verb, a contrast, a quote), so that no target looks them up again.
     */
    record Analysis(String sentence, List<Tok> tokens, double[] valences, boolean[] negated, boolean[] names,
                    boolean[] words, boolean[] clauseBreaks, boolean[] negations, boolean[] speech,
                    boolean[] contrasts, boolean[] quotes) {
    }

    /**
     * A sentence analysed once (see {@link Analysis}) with the feature names of each token, built
     * once for all the targets in it: {@link #keys()} by the target's side and the group,
     * {@link #bigrams()} of each token and the next.
     */
    public record Prepared(Analysis analysis, String[] bigrams, String[][] keys) {
        public String sentence() {
            return analysis.sentence();
        }

        public List<Tok> tokens() {
            return analysis.tokens();
        }
    }

    /**
     * Receives the features of one target from {@link #extract(Analysis, int, int, Sink)}: a
     * token's features (which add up when a name repeats) and the features that are not a token's
     * (each given once per target, by its index into {@link #fixedNames()}).
     */
    interface Sink {
        /** The feature named {@code Prepared.keys()[i][k]}. */
        void token(int i, int k, double v);

        /** The feature named {@code Prepared.bigrams()[i]}. */
        void bigram(int i, double v);

        void fixed(int id, double v);
    }

    /** Indices into {@link Prepared#keys()}: a token's feature name by the target's side and the group. */
    static final int LN = 0;
    static final int RN = 1;
    static final int LW = 2;
    static final int RW = 3;
    static final int LQ = 4;
    static final int RQ = 5;
    static final int CLAUSE = 6;
    static final int SENTENCE = 7;
    /** The feature names of a word token are these prefixes and the word ("!" before it in a negation's scope). */
    static final String[] PREFIXES = {"Ln=", "Rn=", "Lw=", "Rw=", "Lq=", "Rq=", "c=", "s="};
    /** The feature names of a punctuation token are these prefixes and the token (indices 0 and 1 of its keys). */
    static final String[] PUNCTUATION_PREFIXES = {"Lp=", "Rp="};
    /** A bigram's feature name is this prefix, the two tokens in lower case and "_" between them. */
    static final String BIGRAM_PREFIX = "bg=";

    /** The names of the features that are not a token's; a valence's three ("+", "-", "0") are consecutive. */
    private static final List<String> FIXED = new ArrayList<>();
    private static final int BIAS = fixed("bias");
    private static final int VS = valenceFixed("vs");
    private static final int VC = valenceFixed("vc");
    private static final int VW = valenceFixed("vw");
    private static final int VL = valenceFixed("vl");
    private static final int VR = valenceFixed("vr");
    private static final int VSC = fixed("vsc");
    private static final int VCC = fixed("vcc");
    private static final int VWC = fixed("vwc");
    private static final int SPEAKER = fixed("speaker");
    private static final int SPEAKER_VS = fixed("speaker_vs");
    private static final int AGENT_BY = fixed("agent_by");
    private static final int POSSESSIVE = fixed("possessive");
    private static final int IN_QUOTE = fixed("in_quote");
    private static final int HAS_QUOTE = fixed("has_quote");
    private static final int TARGET_FIRST = fixed("target_first");
    private static final int POS_BUCKET = fixedRange("pos_bucket=", 5);
    private static final int VD_POS = fixed("vd+");
    private static final int VD_NEG = fixed("vd-");
    private static final int NEG_VC = valenceFixed("neg_vc");
    private static final int TARGET_NEGATED = fixed("target_negated");
    private static final int SPEECH_ACCORDING = fixed("speech=according");
    private static final int SPEECH_SAID_X = fixed("speech=said_x");
    private static final int SPEECH_X_SAID = fixed("speech=x_said");
    private static final int SPEECH_VS = valenceFixed("speech_vs");
    private static final int AGENT_BY_VL = valenceFixed("agent_by_vl");
    private static final int PATIENT_PASS_VR = valenceFixed("patient_pass_vr");
    private static final int AGENT_VR = valenceFixed("agent_vr");
    private static final int PATIENT_VL = valenceFixed("patient_vl");
    private static final int CONTRAST_AFTER = fixed("contrast_after");
    private static final int CONTRAST_BEFORE = fixed("contrast_before");
    private static final int CONTRAST_SAME = valenceFixed("contrast_same");
    private static final int CONTRAST_OTHER = valenceFixed("contrast_other");
    private static final int OTHER_NAMES = fixedRange("other_names=", 4);
    private static final int V_OWN = valenceFixed("v_own");
    private static final int V_FOREIGN = valenceFixed("v_foreign");
    private static final String[] FIXED_NAMES = FIXED.toArray(new String[0]);

    private static int fixed(String name) {
        FIXED.add(name);
        return FIXED.size() - 1;
    }

    private static int valenceFixed(String name) {
        int id = fixed(name + "+");
        fixed(name + "-");
        fixed(name + "0");
        return id;
    }

    private static int fixedRange(String prefix, int n) {
        int id = fixed(prefix + 0);
        for (int k = 1; k < n; k++) {
            fixed(prefix + k);
        }
        return id;
    }

    /** The names of the features that are not a token's, by the ids {@link Sink#fixed} gets. */
    static String[] fixedNames() {
        return FIXED_NAMES.clone();
    }

    Analysis analyse(String sentence) {
        List<Tok> toks = tokens(sentence);
        int n = toks.size();
        List<VaderScorer.Word> words = new ArrayList<>(n);
        boolean[] word = new boolean[n];
        boolean[] clauseBreaks = new boolean[n];
        boolean[] negations = new boolean[n];
        boolean[] speech = new boolean[n];
        boolean[] contrasts = new boolean[n];
        boolean[] quotes = new boolean[n];
        for (int i = 0; i < n; i++) {
            Tok t = toks.get(i);
            words.add(new VaderScorer.Word(t.text(), t.start(), t.end()));
            word[i] = Character.isLetterOrDigit(t.text().charAt(0));
            clauseBreaks[i] = CLAUSE_BREAKS.contains(t.lower());
            negations[i] = VaderScorer.isNegation(t.lower());
            speech[i] = SPEECH.contains(t.lower());
            contrasts[i] = CONTRAST.contains(t.lower());
            quotes[i] = t.text().equals("\"") || t.text().equals("\u201c") || t.text().equals("\u201d");
        }
        return new Analysis(sentence, toks, vader.valences(words, null, 0), negationScope(toks), names(toks), word,
                clauseBreaks, negations, speech, contrasts, quotes);
    }

    public Prepared prepare(String sentence) {
        Analysis a = analyse(sentence);
        List<Tok> toks = a.tokens();
        String[] bigrams = new String[toks.size()];
        for (int i = 0; i + 1 < toks.size(); i++) {
            bigrams[i] = BIGRAM_PREFIX + toks.get(i).lower() + "_" + toks.get(i + 1).lower();
        }
        String[][] keys = new String[toks.size()][];
        for (int i = 0; i < toks.size(); i++) {
            String lower = toks.get(i).lower();
            if (!isWord(lower)) {
                keys[i] = new String[] {PUNCTUATION_PREFIXES[0] + lower, PUNCTUATION_PREFIXES[1] + lower};
                continue;
            }
            String w = keyWord(lower, a.negated()[i]);
            keys[i] = new String[PREFIXES.length];
            for (int k = 0; k < PREFIXES.length; k++) {
                keys[i][k] = PREFIXES[k] + w;
            }
        }
        return new Prepared(a, bigrams, keys);
    }

    /** Whether a token in lower case gets a word's feature names (else a punctuation token's). */
    static boolean isWord(String lower) {
        return Character.isLetterOrDigit(lower.charAt(0));
    }

    /** The word in a word token's feature names: marked "!" in a negation's scope. */
    static String keyWord(String lower, boolean negated) {
        return negated ? "!" + lower : lower;
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
        String[][] keys = prepared.keys();
        String[] bigrams = prepared.bigrams();
        extract(prepared.analysis(), start, end, new Sink() {
            @Override
            public void token(int i, int k, double v) {
                f.merge(keys[i][k], v, Double::sum);
            }

            @Override
            public void bigram(int i, double v) {
                f.merge(bigrams[i], v, Double::sum);
            }

            @Override
            public void fixed(int id, double v) {
                f.put(FIXED_NAMES[id], v);
            }
        });
        return f;
    }

    /** The features of the target [start, end) of an analysed sentence, given to {@code f}. */
    void extract(Analysis a, int start, int end, Sink f) {
        f.fixed(BIAS, 1.0);
        List<Tok> toks = a.tokens();
        int n = toks.size();
        double[] val = a.valences();
        boolean[] words = a.words();
        boolean[] clauseBreaks = a.clauseBreaks();
        int[] span = targetSpan(toks, start, end);
        int first = span[0];
        int last = span[1];

        int clauseFrom = first;
        while (clauseFrom > 0 && !clauseBreaks[clauseFrom - 1]) {
            clauseFrom--;
        }
        int clauseTo = last + 1;
        while (clauseTo < n && !clauseBreaks[clauseTo]) {
            clauseTo++;
        }
        double sentence0 = 0;
        double clause = 0;
        double window = 0;
        double left = 0;
        double right = 0;
        boolean quote = false;
        int quotesBefore = 0;
        for (int i = 0; i < n; i++) {
            if (a.quotes()[i]) {
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
            if (!words[i]) {
                if (distance <= NEAR) {
                    f.token(i, i < first ? 0 : 1, 1.0);
                }
                continue;
            }
            boolean before = i < first;
            if (distance <= NEAR) {
                f.token(i, before ? LN : RN, 1.0);
            } else if (distance <= WINDOW) {
                f.token(i, before ? LW : RW, 1.0);
            }
            if (i >= clauseFrom && i < clauseTo) {
                f.token(i, CLAUSE, 1.0);
            }
            f.token(i, before ? LQ : RQ, 1.0 / (1.0 + distance / DECAY));
            f.token(i, SENTENCE, 1.0);
            if (i + 1 < n && (i + 1 < first || i > last)) {
                f.bigram(i, 0.5);
            }
        }
        valence(f, VS, sentence0);
        valence(f, VC, clause);
        valence(f, VW, window);
        valence(f, VL, left);
        valence(f, VR, right);
        f.fixed(VSC, VaderScorer.normalize(sentence0));
        f.fixed(VCC, VaderScorer.normalize(clause));
        f.fixed(VWC, VaderScorer.normalize(window));
        for (int i = last + 1; i < Math.min(n, last + 4); i++) {
            if (a.speech()[i]) {
                f.fixed(SPEAKER, 1.0);
                f.fixed(SPEAKER_VS, VaderScorer.normalize(sentence0));
                break;
            }
        }
        if (first > 0 && first - 1 < n && toks.get(first - 1).lower().equals("by")) {
            f.fixed(AGENT_BY, 1.0);
        }
        if (last + 1 < n && isPossessive(toks.get(last + 1).lower())) {
            f.fixed(POSSESSIVE, 1.0);
        }
        if (quote) {
            f.fixed(quotesBefore % 2 == 1 ? IN_QUOTE : HAS_QUOTE, 1.0);
        }
        if (first == 0) {
            f.fixed(TARGET_FIRST, 1.0);
        }
        f.fixed(POS_BUCKET + Math.min(4, first * 5 / Math.max(1, n)), 1.0);
        Span target = new Span(first, last, clauseFrom, clauseTo);
        distanceWeighted(f, a, target);
        negation(f, a, target, clause);
        reportedSpeech(f, a, target, sentence0);
        roles(f, a, target);
        contrast(f, a, target);
        attribution(f, a, target);
    }

    private static boolean isPossessive(String lower) {
        return lower.equals("'s") || lower.equals("\u2019s");
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
    private static void distanceWeighted(Sink f, Analysis p, Span target) {
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
        f.fixed(VD_POS, Math.min(pos, 6.0) / 2);
        f.fixed(VD_NEG, Math.min(neg, 6.0) / 2);
    }

    /** A negation in the target's clause, and whether the target itself is in a negation's scope. */
    private static void negation(Sink f, Analysis p, Span target, double clause) {
        boolean negatedClause = false;
        for (int i = target.clauseFrom(); i < target.clauseTo() && !negatedClause; i++) {
            negatedClause = p.negations()[i];
        }
        if (negatedClause) {
            valence(f, NEG_VC, clause);
        }
        if (target.first() < p.negated().length && p.negated()[target.first()]) {
            f.fixed(TARGET_NEGATED, 1.0);
        }
    }

    /**
     * Reported speech: the target as the speaker ("X said", "said X", "according to X") is
     * often neutral however loaded the reported words are, so the valence of the rest of the
     * sentence gets its own weights in that case.
     */
    private static void reportedSpeech(Sink f, Analysis p, Span target, double sentence) {
        List<Tok> toks = p.tokens();
        int first = target.first();
        int role = -1;
        if (first >= 2 && toks.get(first - 2).lower().equals("according") && toks.get(first - 1).lower().equals("to")) {
            role = SPEECH_ACCORDING;
        } else if (first >= 1 && p.speech()[first - 1]) {
            role = SPEECH_SAID_X;
        } else {
            for (int i = target.last() + 1; i < Math.min(toks.size(), target.last() + 4); i++) {
                if (p.speech()[i]) {
                    role = SPEECH_X_SAID;
                }
            }
        }
        if (role >= 0) {
            f.fixed(role, 1.0);
            valence(f, SPEECH_VS, sentence);
        }
    }

    /**
     * Agent or patient of the clause's predicate: the target opening its clause (after
     * determiners and capitalised titles at most) is the agent unless a passive ("was
     * criticized") follows; after "by" it is the agent; a target after
     * the predicate is its patient. The valence of the predicate side is crossed with the role.
     */
    private static void roles(Sink f, Analysis p, Span target) {
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
        for (int i = target.clauseFrom(); i < target.first() && opensClause; i++) {
            String t = toks.get(i).text();
            opensClause = Character.isUpperCase(t.charAt(0)) || DETERMINERS.contains(toks.get(i).lower());
        }
        if (byAgent) {
            valence(f, AGENT_BY_VL, left);
        } else if (opensClause) {
            valence(f, passive ? PATIENT_PASS_VR : AGENT_VR, right);
        } else {
            valence(f, PATIENT_VL, left);
        }
    }

    /** Contrast ("but", "although" ...): valence on the target's side of it and on the other side. */
    private static void contrast(Sink f, Analysis p, Span target) {
        int n = p.tokens().size();
        int at = -1;
        for (int i = 0; i < n; i++) {
            if (p.contrasts()[i] && !target.contains(i)) {
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
        for (int i = 0; i < n; i++) {
            if (i == at || target.contains(i)) {
                continue;
            }
            if ((i > at) == targetAfter) {
                same += p.valences()[i];
            } else {
                other += p.valences()[i];
            }
        }
        f.fixed(targetAfter ? CONTRAST_AFTER : CONTRAST_BEFORE, 1.0);
        valence(f, CONTRAST_SAME, same);
        valence(f, CONTRAST_OTHER, other);
    }

    /**
     * Valence attributed by proximity: each lexicon word goes to the nearest name-like token
     * (or the target); the target's share and the others' share are separate features, as is
     * the number of other names in the sentence.
     */
    private static void attribution(Sink f, Analysis p, Span target) {
        int n = p.tokens().size();
        boolean[] names = p.names();
        int others = 0;
        for (int i = 0; i < n; i++) {
            if (names[i] && !target.contains(i) && (i == 0 || !names[i - 1])) {
                others++;
            }
        }
        f.fixed(OTHER_NAMES + Math.min(others, 3), 1.0);
        if (others == 0) {
            return;
        }
        double own = 0;
        double foreign = 0;
        for (int i = 0; i < n; i++) {
            double v = p.valences()[i];
            if (v == 0 || target.contains(i)) {
                continue;
            }
            int toTarget = target.distance(i);
            boolean closerName = false;
            for (int d = 1; d < toTarget && !closerName; d++) {
                closerName = (i - d >= 0 && names[i - d] && !target.contains(i - d))
                        || (i + d < n && names[i + d] && !target.contains(i + d));
            }
            if (closerName) {
                foreign += v;
            } else {
                own += v;
            }
        }
        valence(f, V_OWN, own);
        valence(f, V_FOREIGN, foreign);
    }

    /** The valence feature {@code id} ("+"), {@code id + 1} ("-") or {@code id + 2} ("0"). */
    private static void valence(Sink f, int id, double v) {
        if (v > 0.05) {
            f.fixed(id, Math.min(v, 6.0) / 2);
        } else if (v < -0.05) {
            f.fixed(id + 1, Math.max(v, -6.0) / -2);
        } else {
            f.fixed(id + 2, 1.0);
        }
    }

    /**
     * The first and last token indexes overlapping the target's characters [start, end); when
     * none does, {n, n - 1} (an empty span after the last token), so every token lies before it.
     */
    static int[] targetSpan(List<Tok> toks, int start, int end) {
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
        return first < 0 ? new int[] {toks.size(), toks.size() - 1} : new int[] {first, last};
    }
}
