package dev.newsflow.ingest.normalize;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the dateline (the place before the first sentence: "Moscow: ...", "PARIS (AFP) - ...",
 * "WASHINGTON, Nov 26 (Reuters) — ...") and splits it from the body.
 */
public final class Datelines {
    private static final String PLACE_WORD = "(?:[A-Z][A-Za-z'\\u00C0-\\u017F.\\-]*|[A-Z]{2,}[A-Z'.\\-]*)";
    private static final Pattern DATELINE = Pattern.compile("^(" + PLACE_WORD + "(?: " + PLACE_WORD + "){0,3})"
            + "(?:, [A-Z][A-Za-z.]*(?: [A-Za-z0-9.]+){0,3})?"       // ", Nov 26" or ", Texas"
            + "(?: ?\\((?:[A-Za-z .&]{1,30})\\))?"                   // "(Reuters)"
            + "(?::| ?[\\-\\u2013\\u2014]{1,2}) +(?=[\"\\u201C'A-Z0-9])");
    /** Words that start sentences but are not places ("Update: ...", "Breaking - ..."). */
    private static final Set<String> NOT_PLACES = Set.of("update", "updated", "breaking", "breaking news", "exclusive",
            "analysis", "opinion", "editorial", "note", "editor's note", "live", "watch", "photos", "video", "correction",
            "warning", "q", "a", "the", "this", "in", "on", "at");

    private Datelines() {
    }

    /** A body with its dateline split off; {@code dateline} is null when there is none. */
    public record Split(String dateline, String body) {
    }

    public static Split split(String body) {
        if (body == null || body.isEmpty()) {
            return new Split(null, body == null ? "" : body);
        }
        Matcher m = DATELINE.matcher(body);
        if (!m.find()) {
            return new Split(null, body);
        }
        String place = m.group(1).strip();
        if (NOT_PLACES.contains(place.toLowerCase(Locale.ROOT)) || place.length() > 40) {
            return new Split(null, body);
        }
        return new Split(titleCaseIfShouting(place), body.substring(m.end()));
    }

    private static String titleCaseIfShouting(String place) {
        if (!place.equals(place.toUpperCase(Locale.ROOT)) || place.length() <= 3) {
            return place;
        }
        StringBuilder out = new StringBuilder();
        boolean start = true;
        for (char c : place.toCharArray()) {
            out.append(start ? c : Character.toLowerCase(c));
            start = c == ' ' || c == '-';
        }
        return out.toString();
    }
}
