package dev.newsflow.enrich.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds page furniture that scraping leaves in article text and blanks it out with spaces, so
 * that offsets stay valid and the tagger never sees it. Furniture is recognised by what it is,
 * never by its capitals alone (datelines, shouted headlines and results tables are written in
 * capitals and are full of names):
 * <ul>
 * <li>a line that is one of the known phrases of news pages ("COMMERCIAL BREAK", "SCROLL TO
 * CONTINUE READING", "Advertisement", "Read more", "Share this article");</li>
 * <li>repeated boilerplate: a short line without sentence punctuation that the article repeats
 * word for word at least {@value #REPEATS} times (a widget caption between paragraphs).</li>
 * </ul>
 */
final class PageJunk {
    private static final Pattern KNOWN = Pattern.compile(
            "(advertisement|advertising|commercial break|scroll to continue( reading)?|continue reading( below)?|"
                    + "read more|click here.*|subscribe( now)?|sign up.*|share this( article| story)?|related( articles| stories)?|"
                    + "story continues below( advertisement)?|skip (to content|advertisement))[.:!]?");
    static final int REPEATS = 3;
    private static final int MAX_BOILERPLATE_WORDS = 6;

    private PageJunk() {
    }

    /** The text with junk lines replaced by spaces (same length). */
    static String mask(String text) {
        Map<String, Integer> repeats = repeatedShortLines(text);
        StringBuilder out = null;
        int lineStart = 0;
        int n = text.length();
        while (lineStart <= n) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            String line = text.substring(lineStart, lineEnd);
            if (isJunk(line) || repeats.getOrDefault(line.strip(), 0) >= REPEATS) {
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

    /** A line that is a known phrase of page furniture, whatever its case. */
    static boolean isJunk(String line) {
        String trimmed = line.strip();
        return !trimmed.isEmpty() && KNOWN.matcher(trimmed.toLowerCase(Locale.ROOT)).matches();
    }

    /** How often each short line without sentence punctuation occurs. */
    private static Map<String, Integer> repeatedShortLines(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && trimmed.split("\\s+").length <= MAX_BOILERPLATE_WORDS
                    && trimmed.chars().noneMatch(c -> c == '.' || c == '!' || c == '?' || c == ',')
                    && trimmed.chars().anyMatch(Character::isLetter)) {
                counts.merge(trimmed, 1, Integer::sum);
            }
        }
        return counts;
    }
}
