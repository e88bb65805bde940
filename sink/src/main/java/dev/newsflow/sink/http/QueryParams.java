package dev.newsflow.sink.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Typed access to query parameters; every bad value is a 400 whose message names the parameter. */
public final class QueryParams {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    private final Map<String, List<String>> values;

    public QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Fails on any parameter outside {@code known}. */
    public QueryParams allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("Unknown parameter '" + name + "'; this endpoint takes "
                        + (known.length == 0 ? "no parameters" : new TreeSet<>(allowed).toString()));
            }
        }
        return this;
    }

    public String string(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw ApiException.badRequest("Parameter '" + name + "' given " + given.size() + " times; give it once");
        }
        String value = given.get(0).trim();
        if (value.isEmpty()) {
            throw ApiException.badRequest("Parameter '" + name + "' is empty");
        }
        return value;
    }

    public String required(String name) {
        String value = string(name);
        if (value == null) {
            throw ApiException.badRequest("Parameter '" + name + "' is required");
        }
        return value;
    }

    /** An ISO-8601 instant ({@code 2026-11-25T08:00:00Z}) or a UTC date ({@code 2026-11-25}). */
    public Instant instant(String name, Instant otherwise) {
        String value = string(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Parameter '" + name + "' must be an ISO-8601 instant like "
                    + "2026-11-25T08:00:00Z or a date like 2026-11-25, got '" + value + "'");
        }
    }

    public int integer(String name, int otherwise, int min, int max) {
        String value = string(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("Parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    /** A decimal number from {@code min} to {@code max}, or null when not given. */
    public Double decimal(String name, double min, double max) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("Parameter '" + name + "' must be a number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    /** One of {@code allowed} (case-insensitive), returned in lower case. */
    public String oneOf(String name, String otherwise, String... allowed) {
        String value = string(name);
        if (value == null) {
            return otherwise;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(lower)) {
            return lower;
        }
        throw ApiException.badRequest("Parameter '" + name + "' must be one of " + String.join("|", allowed)
                + ", got '" + value + "'");
    }

    /** A length of time like {@code 90m}, {@code 24h} or {@code 7d}, at most {@code max}. */
    public Duration duration(String name, Duration otherwise, Duration max) {
        String value = string(name);
        if (value == null) {
            return otherwise;
        }
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw ApiException.badRequest("Parameter '" + name + "' must be a number followed by m, h or d "
                    + "(e.g. 24h, 7d), got '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration parsed = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (parsed.isZero() || parsed.compareTo(max) > 0) {
            throw ApiException.badRequest("Parameter '" + name + "' must be more than 0 and at most the window "
                    + "retention (" + max.toHours() + "h), got '" + value + "'");
        }
        return parsed;
    }
}
