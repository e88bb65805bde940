package dev.newsflow.enrich.engine.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a tokenized sentence into clause scopes, the stretches whose words govern the names in
 * them: a contrast ("but", "while", "whereas", "although", "though") opens a new scope, and so
 * do a semicolon and a participle after a comma (", beating Scotland 27-24"); a sentence that opens with a subordinator ("Although X was praised, ...")
 * closes that clause at its first comma; "and" opens a new scope when a full clause stands on
 * each side ("X was cheered and Y was booed": the left side has a predicate, the right side a
 * subject name followed by a verb), not when it joins names ("X and Y were praised") or
 * predicates that share a subject. Scopes shorter than {@value #MIN_WORDS} words join the one
 * before (the first joins the next). Plain rules over tokens, no parser: cheap enough to run
 * on every sentence.
 */
final class ClauseScopes {
    static final int MIN_WORDS = 3;
    private static final Set<String> CONTRAST = Set.of("but", "while", "whereas", "although", "though");
    private static final Set<String> SUBORDINATORS = Set.of("although", "though", "while", "whereas");
    private static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "been", "has", "have",
            "had", "will", "would", "could", "should", "may", "might", "must", "did", "does", "do", "can", "got");
    private static final Set<String> LEAD_INS = Set.of("the", "a", "an", "his", "her", "their", "its", "former",
            "\"", "\u201c");
    private static final Pattern VERB_FORM = Pattern.compile("\\p{Ll}+(?:ed|s)");
    private static final Set<String> NOT_VERBS = Set.of("'s", "\u2019s", "this", "his", "its", "has", "was", "as",
            "is", "us", "thus", "news", "yes", "less", "across", "always", "unless", "perhaps", "towards",
            "afterwards", "besides", "series", "needed");

    private static final Pattern PARTICIPLE = Pattern.compile("\\p{Ll}{2,}ing");
    private static final Set<String> NOT_PARTICIPLES = Set.of("during", "including", "according", "following",
            "regarding", "concerning", "notwithstanding", "nothing", "something", "anything", "everything",
            "morning", "evening", "thing", "things", "king", "ring", "spring", "string", "bring", "sing", "wing",
            "being", "meaning", "building", "ceiling", "darling", "sterling", "pudding", "wedding", "funding",
            "housing", "spending", "training", "clothing", "setting", "meeting", "hearing", "ruling", "briefing");

    private ClauseScopes() {
    }

    /** The first token of each scope, ascending, starting with 0 (one element: the whole sentence). */
    static int[] starts(List<TargetFeatures.Tok> toks) {
        int n = toks.size();
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        int lead = 0;
        while (lead < n && isQuote(toks.get(lead).text())) {
            lead++;
        }
        int from = 0;
        if (lead < n && SUBORDINATORS.contains(toks.get(lead).lower())) {
            for (int i = lead + 1; i < n - 1; i++) {
                if (toks.get(i).text().equals(",")) {
                    from = i + 1;
                    cuts.add(from);
                    break;
                }
            }
        }
        for (int i = Math.max(1, from); i < n - 1; i++) {
            String w = toks.get(i).lower();
            int last = cuts.get(cuts.size() - 1);
            if (CONTRAST.contains(w)) {
                cuts.add(i);
            } else if (toks.get(i - 1).text().equals(",") && isParticiple(toks.get(i).text())) {
                cuts.add(i);
            } else if (w.equals(";")) {
                cuts.add(i + 1);
            } else if (w.equals("and") && predicate(toks, last, i) && clauseStarts(toks, i + 1)) {
                cuts.add(i);
            }
        }
        return merged(toks, cuts);
    }

    /** Whether [from, to) holds a verb: an auxiliary or an inflected lower-case word. */
    private static boolean predicate(List<TargetFeatures.Tok> toks, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isVerb(toks.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a clause with a named subject starts at {@code i}: lead-in words, capitalised words, a verb. */
    private static boolean clauseStarts(List<TargetFeatures.Tok> toks, int i) {
        int n = toks.size();
        while (i < n && LEAD_INS.contains(toks.get(i).lower())) {
            i++;
        }
        int names = 0;
        while (i < n && Character.isUpperCase(toks.get(i).text().charAt(0))) {
            i++;
            names++;
        }
        return names > 0 && i < n && isVerb(toks.get(i));
    }

    /** A present participle opening an adjunct clause after a comma (", beating Scotland 27-24"). */
    private static boolean isParticiple(String w) {
        return PARTICIPLE.matcher(w).matches() && !NOT_PARTICIPLES.contains(w);
    }

    private static boolean isVerb(TargetFeatures.Tok t) {
        String w = t.text();
        return AUXILIARIES.contains(w) || (VERB_FORM.matcher(w).matches() && !NOT_VERBS.contains(w) && w.length() > 3);
    }

    /** Whether a scope's first word is the contrast or conjunction that opened it (not its own content). */
    static boolean opensScope(String lower) {
        return CONTRAST.contains(lower) || lower.equals("and");
    }

    private static boolean isQuote(String t) {
        return t.equals("\"") || t.equals("\u201c");
    }

    private static int[] merged(List<TargetFeatures.Tok> toks, List<Integer> cuts) {
        int n = toks.size();
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < cuts.size(); k++) {
            int from = cuts.get(k);
            int to = k + 1 < cuts.size() ? cuts.get(k + 1) : n;
            if (words(toks, from, to) >= MIN_WORDS || kept.isEmpty() && k + 1 == cuts.size()) {
                kept.add(from);
            }
        }
        if (kept.isEmpty() || kept.get(0) != 0) {
            // the first scope was short: it joins the next one
            if (!kept.isEmpty()) {
                kept.set(0, 0);
            } else {
                kept.add(0);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int words(List<TargetFeatures.Tok> toks, int from, int to) {
        int w = 0;
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(toks.get(i).text().charAt(0))) {
                w++;
            }
        }
        return w;
    }
}
