package dev.newsflow.enrich.engine.sentiment;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rule-based valence scorer after the VADER algorithm (Hutto and Gilbert, ICWSM 2014):
 * lexicon valence per word, boosted or damped by preceding intensifiers, flipped by a
 * negation within three words, capitals for emphasis, "but" shifting weight to the clause
 * after it, and exclamation and question marks. The sum is normalised into [-1, 1].
 * Stateless and thread-safe.
 */
public final class VaderScorer {
    static final double B_INCR = 0.293;
    static final double B_DECR = -0.293;
    static final double C_INCR = 0.733;
    static final double N_SCALAR = -0.74;
    private static final double ALPHA = 15.0;

    private static final Set<String> NEGATIONS = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt", "hasnt",
            "havent", "isnt", "mightnt", "mustnt", "neither", "neednt", "never", "none", "nope", "nor", "not",
            "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "wasnt", "werent", "without", "wont", "wouldnt",
            "rarely", "seldom", "despite", "no");

    private static final Map<String, Double> BOOSTERS = boosters();

    private final Lexicon lexicon;

    public VaderScorer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** A word of the scored text: its surface form and where it starts in the text. */
    public record Word(String text, int start, int end) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** Normalised compound score of a whole text in [-1, 1]. */
    public double compound(String text) {
        return compound(text, null);
    }

    /** Compound score where words starting at a masked character (e.g. inside entity names) carry no valence. */
    public double compound(String text, BitSet masked) {
        return compound(text, masked, 0);
    }

    /** As {@link #compound(String, BitSet)} with the mask indexed from {@code base} (text is a slice of a document). */
    public double compound(String text, BitSet masked, int base) {
        return normalize(rawSum(text, masked, base));
    }

    /** Unnormalised valence sum with punctuation emphasis (VADER's sum before normalisation). */
    public double rawSum(String text, BitSet masked, int base) {
        List<Word> words = words(text);
        double[] valences = valences(words, masked, base);
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        if (sum != 0) {
            double emphasis = punctuationEmphasis(text);
            sum += sum > 0 ? emphasis : -emphasis;
        }
        return sum;
    }

    /** The valence of each word after intensifiers, negation, capitals and "but" are applied. */
    public double[] valences(List<Word> words, BitSet masked, int base) {
        boolean capDifferential = capDifferential(words);
        double[] out = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String lower = words.get(i).lower();
            if (BOOSTERS.containsKey(lower)) {
                continue;
            }
            if (masked != null && masked.get(base + words.get(i).start())) {
                continue;
            }
            if (i < words.size() - 1 && lower.equals("kind") && words.get(i + 1).lower().equals("of")) {
                continue;
            }
            out[i] = valence(words, i, capDifferential);
        }
        applyBut(words, out);
        return out;
    }

    private double valence(List<Word> words, int i, boolean capDifferential) {
        Word word = words.get(i);
        String lower = word.lower();
        double valence = lexicon.valence(lower);
        if (valence == 0) {
            return 0;
        }
        if (capDifferential && isUpper(word.text())) {
            valence += valence > 0 ? C_INCR : -C_INCR;
        }
        for (int back = 1; back <= 3 && i - back >= 0; back++) {
            String before = words.get(i - back).lower();
            if (lexicon.contains(before)) {
                continue;
            }
            double scalar = boost(words.get(i - back), valence, capDifferential);
            if (back == 2) {
                scalar *= 0.95;
            } else if (back == 3) {
                scalar *= 0.9;
            }
            valence += scalar;
        }
        valence = negate(words, i, valence);
        if (i > 0 && words.get(i - 1).lower().equals("least")
                && (i < 2 || !Set.of("at", "very").contains(words.get(i - 2).lower()))) {
            valence *= N_SCALAR;
        }
        return valence;
    }

    private static double negate(List<Word> words, int i, double valence) {
        for (int back = 1; back <= 3 && i - back >= 0; back++) {
            String before = words.get(i - back).lower();
            if (back == 2 && before.equals("never") && Set.of("so", "this").contains(words.get(i - 1).lower())) {
                return valence * 1.25;
            }
            if (back == 2 && before.equals("without") && words.get(i - 1).lower().equals("doubt")) {
                return valence;
            }
            if (isNegation(before)) {
                return valence * N_SCALAR;
            }
        }
        return valence;
    }

    static boolean isNegation(String lower) {
        return NEGATIONS.contains(lower) || lower.endsWith("n't") || lower.endsWith("n\u2019t");
    }

    private static double boost(Word word, double valence, boolean capDifferential) {
        Double b = BOOSTERS.get(word.lower());
        if (b == null) {
            return 0;
        }
        double scalar = valence < 0 ? -b : b;
        if (capDifferential && isUpper(word.text())) {
            scalar += valence > 0 ? C_INCR : -C_INCR;
        }
        return scalar;
    }

    private static void applyBut(List<Word> words, double[] valences) {
        int but = -1;
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).lower().equals("but")) {
                but = i;
                break;
            }
        }
        if (but < 0) {
            return;
        }
        for (int i = 0; i < valences.length; i++) {
            if (i < but) {
                valences[i] *= 0.5;
            } else if (i > but) {
                valences[i] *= 1.5;
            }
        }
    }

    static double punctuationEmphasis(String text) {
        int exclamations = 0;
        int questions = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '!') {
                exclamations++;
            } else if (c == '?') {
                questions++;
            }
        }
        double emphasis = Math.min(exclamations, 4) * 0.292;
        if (questions > 1) {
            emphasis += questions <= 3 ? questions * 0.18 : 0.96;
        }
        return emphasis;
    }

    /** Maps a valence sum into [-1, 1] as VADER does: x / sqrt(x^2 + 15). */
    public static double normalize(double sum) {
        double score = sum / Math.sqrt(sum * sum + ALPHA);
        return Math.max(-1.0, Math.min(1.0, score));
    }

    private static boolean capDifferential(List<Word> words) {
        int upper = 0;
        for (Word w : words) {
            if (isUpper(w.text())) {
                upper++;
            }
        }
        return upper > 0 && upper < words.size();
    }

    static boolean isUpper(String s) {
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
                if (!Character.isUpperCase(c)) {
                    return false;
                }
            }
        }
        return letter;
    }

    /**
     * Splits on whitespace; strips surrounding punctuation from a token when at least three
     * characters remain (emoticons survive); drops one-character tokens. Offsets are kept.
     */
    public static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            int s = start;
            int e = i;
            while (s < e && isPunct(text.charAt(s))) {
                s++;
            }
            while (e > s && isPunct(text.charAt(e - 1))) {
                e--;
            }
            if (e - s <= 2) {
                s = start;
                e = i;
            }
            if (e - s > 1) {
                words.add(new Word(text.substring(s, e), s, e));
            }
        }
        return words;
    }

    private static boolean isPunct(char c) {
        return !Character.isLetterOrDigit(c);
    }

    private static Map<String, Double> boosters() {
        String[] up = {"absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
            "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally",
            "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking",
            "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly",
            "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more",
            "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
            "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually",
            "utter", "utterly", "very", "deeply", "sharply", "severely", "seriously", "widely"};
        String[] down = {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
            "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
            "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of", "somewhat"};
        Map<String, Double> map = new java.util.HashMap<>();
        for (String w : up) {
            map.put(w, B_INCR);
        }
        for (String w : down) {
            map.put(w, B_DECR);
        }
        return Map.copyOf(map);
    }
}
