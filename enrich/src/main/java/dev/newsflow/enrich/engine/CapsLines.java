package dev.newsflow.enrich.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restores the case of lines written in capitals (headlines, datelines, results tables) before
 * tagging: the CRF reads capitals as a cue, and on a line that is all capitals it sees none. Each
 * word of such a line takes the form the article writes it in elsewhere ("MOSCOW" -> "Moscow",
 * "AT" -> "at" when the text has "at"); a word the article does not use elsewhere stays as it
 * is, as the bare tagger would see it (capitalising such words made names of common words,
 * lower-casing them lost names: both measured worse on the development sets with their first
 * lines in capitals). Every character keeps its place, so offsets stay valid.
 */
final class CapsLines {
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final double CAPS_SHARE = 0.8;
    private static final int MIN_LETTERS = 4;

    private CapsLines() {
    }

    /** The text with its all-capital lines in restored case (same length); the text itself when there are none. */
    static String restore(String text) {
        StringBuilder out = null;
        Map<String, String> forms = null;
        int lineStart = 0;
        int n = text.length();
        while (lineStart < n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            if (isCapsLine(text, lineStart, lineEnd)) {
                if (out == null) {
                    out = new StringBuilder(text);
                    forms = mixedCaseForms(text);
                }
                Matcher m = WORD.matcher(text).region(lineStart, lineEnd);
                while (m.find()) {
                    String word = m.group();
                    String form = restoredWord(word, forms);
                    if (form.length() == word.length()) {
                        out.replace(m.start(), m.end(), form);
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        return out == null ? text : out.toString();
    }

    static boolean isCapsLine(String text, int from, int to) {
        int letters = 0;
        int upper = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
        }
        return letters >= MIN_LETTERS && upper >= CAPS_SHARE * letters;
    }

    private static String restoredWord(String word, Map<String, String> forms) {
        if (!word.equals(word.toUpperCase(Locale.ROOT))) {
            return word;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String form = forms.get(lower);
        if (form != null) {
            return form;
        }
        return word;
    }

    /** Each word's most frequent form in the lines not written in capitals, by its lower case. */
    private static Map<String, String> mixedCaseForms(String text) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        int lineStart = 0;
        int n = text.length();
        while (lineStart < n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            if (!isCapsLine(text, lineStart, lineEnd)) {
                Matcher m = WORD.matcher(text).region(lineStart, lineEnd);
                while (m.find()) {
                    String w = m.group();
                    counts.computeIfAbsent(w.toLowerCase(Locale.ROOT), k -> new HashMap<>()).merge(w, 1, Integer::sum);
                }
            }
            lineStart = lineEnd + 1;
        }
        Map<String, String> forms = new HashMap<>();
        counts.forEach((lower, byForm) -> forms.put(lower,
                byForm.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        return forms;
    }
}
