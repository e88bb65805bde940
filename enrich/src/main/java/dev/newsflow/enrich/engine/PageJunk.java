package dev.newsflow.enrich.engine;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds page furniture that scraping leaves in article text ("COMMERCIAL BREAK", "SCROLL TO
 * CONTINUE READING", "Advertisement") and blanks it out with spaces, so that offsets stay valid
 * and the tagger never sees it.
 */
final class PageJunk {
    private static final Pattern KNOWN = Pattern.compile(
            "(advertisement|advertising|commercial break|scroll to continue( reading)?|continue reading( below)?|"
                    + "read more|click here.*|subscribe( now)?|sign up.*|share this( article| story)?|related( articles| stories)?|"
                    + "story continues below( advertisement)?|skip (to content|advertisement))[.:!]?");
    private static final int MAX_JUNK_WORDS = 6;

    private PageJunk() {
    }

    /** The text with junk lines replaced by spaces (same length). */
    static String mask(String text) {
        StringBuilder out = null;
        int lineStart = 0;
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            if (isJunk(text.substring(lineStart, lineEnd))) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                for (int k = lineStart; k < lineEnd; k++) {
                    if (!Character.isWhitespace(text.charAt(k))) {
                        out.setCharAt(k, ' ');
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        return out == null ? text : out.toString();
    }

    static boolean isJunk(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        if (KNOWN.matcher(trimmed.toLowerCase(Locale.ROOT)).matches()) {
            return true;
        }
        String[] words = trimmed.split("\\s+");
        if (words.length < 2 || words.length > MAX_JUNK_WORDS) {
            return false;
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        if (last == '.' || last == '"' || last == '\u201d') {
            return false;
        }
        boolean letters = false;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isLetter(c)) {
                letters = true;
                if (Character.isLowerCase(c)) {
                    return false;
                }
            }
        }
        return letters;
    }
}
