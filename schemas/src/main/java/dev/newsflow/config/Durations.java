package dev.newsflow.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every NewsFlow setting and flag: a number with a unit
 * ({@code 500ms}, {@code 30s}, {@code 90m}, {@code 24h}, {@code 7d}, or several, {@code 1h30m}), or
 * ISO-8601 ({@code PT24H}, {@code P7D}, {@code PT0.5S}). In a {@code *.ms} key a bare number is
 * milliseconds.
 */
public final class Durations {
    /** How the syntax is described in messages and docs. */
    public static final String SYNTAX = "a duration like 500ms, 30s, 90m, 24h, 7d or ISO-8601 PT24H";

    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern UNITS = Pattern.compile("(?:\\d{1,12}(?:ms|s|m|h|d))+");

    private Durations() {
    }

    /** {@code text} as a duration, or empty when it is neither syntax. A bare number is not a duration here. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (UNITS.matcher(s).matches()) {
            Duration total = Duration.ZERO;
            Matcher m = PART.matcher(s);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return Optional.of(total);
        }
        if (s.startsWith("p") || s.startsWith("-p")) {
            try {
                return Optional.of(Duration.parse(s.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** {@code text} as a duration, or an {@link IllegalArgumentException} naming the syntax. */
    public static Duration require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not " + SYNTAX));
    }
}
