package dev.newsflow.ingest.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient parsing of the date formats news sources use, and dates found in article URLs. */
public final class Dates {
    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("[EEE, ][EEEE, ]d MMM yyyy HH:mm[:ss] ").appendOffset("+HHMM", "GMT").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("[EEE, ][EEEE, ]d MMM yyyy HH:mm[:ss] z").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("[EEE, ]d MMMM yyyy HH:mm[:ss] z").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("yyyy-MM-dd HH:mm[:ss][.SSS][ ]").appendOffset("+HH:MM", "Z").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS]").appendOffset("+HHMM", "Z").toFormatter(Locale.ENGLISH));
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm[:ss]").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("[EEE, ]d MMM yyyy HH:mm[:ss]").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("MMMM d, yyyy[ h:mm a]").parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                    .toFormatter(Locale.ENGLISH));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMM yyyy").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM d, yyyy").toFormatter(Locale.ENGLISH),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMMM d, yyyy").toFormatter(Locale.ENGLISH));
    private static final Pattern URL_DATE = Pattern.compile(
            "/((?:19|20)\\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\\d|3[01])(?:/|-|$)|/((?:19|20)\\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])/");
    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");

    private Dates() {
    }

    /** Parses {@code text} in any of the known formats; times without a zone are taken as UTC. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip().replaceAll("\\s+", " ");
        if (EPOCH.matcher(value).matches()) {
            long n = Long.parseLong(value);
            return Optional.of(value.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n));
        }
        // "UT" and the US zone names of old RFC 822 feeds; a trailing "Z" without a colon offset.
        value = value.replaceFirst(" UT$", " GMT").replaceFirst("(\\d)Z$", "$1+0000");
        for (DateTimeFormatter f : ZONED) {
            try {
                return Optional.of(ZonedDateTime.parse(value, f).toInstant());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : ZONED) {
            try {
                return Optional.of(OffsetDateTime.parse(value, f).toInstant());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return Optional.of(LocalDateTime.parse(value, f).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return Optional.of(LocalDate.parse(value, f).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** A date in the URL path such as {@code /2025/03/14/} or {@code /20250314/}, as midnight UTC. */
    public static Optional<Instant> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = URL_DATE.matcher(url);
        if (!m.find()) {
            return Optional.empty();
        }
        int base = m.group(1) != null ? 1 : 4;
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(base)), Integer.parseInt(m.group(base + 1)),
                    Integer.parseInt(m.group(base + 2))).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
