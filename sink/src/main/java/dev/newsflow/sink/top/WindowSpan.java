package dev.newsflow.sink.top;

import dev.newsflow.sink.store.SinkStores;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentiment windows of one size whose start lies in {@code [from, to]}: what a window
 * store's {@code fetchAll(from, to)} reads. Two time ranges with the same span have the same
 * answer, so a ranking kept for one serves the other.
 *
 * @param size       hourly or daily windows
 * @param firstStart start of the first window (epoch ms, aligned to {@code size})
 * @param lastStart  start of the last window; before {@code firstStart} when the span is empty
 */
public record WindowSpan(Duration size, long firstStart, long lastStart) {
    private static final Pattern LENGTH = Pattern.compile("(\\d{1,6})([mhd])");

    /** A window length like {@code 90m}, {@code 24h} or {@code 7d} (more than zero), or empty. */
    public static Optional<Duration> length(String text) {
        Matcher m = LENGTH.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        Duration parsed = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return parsed.isZero() ? Optional.empty() : Optional.of(parsed);
    }

    /** The span that {@code GET /entities/top?window=...} ranks: windows starting in [to - window, to]. */
    public static WindowSpan ending(Instant to, Duration window) {
        return of(to.minus(window), to, interval(window));
    }

    public static WindowSpan of(Instant from, Instant to, Duration size) {
        long millis = size.toMillis();
        long first = Math.floorDiv(from.toEpochMilli() + millis - 1, millis) * millis;
        long last = Math.floorDiv(to.toEpochMilli(), millis) * millis;
        return new WindowSpan(size, first, last);
    }

    /** Daily windows for whole days from two days on, hourly windows otherwise. */
    public static Duration interval(Duration window) {
        return window.compareTo(Duration.ofDays(2)) >= 0 && window.toHours() % 24 == 0 ? SinkStores.DAY : SinkStores.HOUR;
    }

    public boolean daily() {
        return size.equals(SinkStores.DAY);
    }

    public boolean contains(long windowStart) {
        return windowStart >= firstStart && windowStart <= lastStart;
    }

    public boolean isEmpty() {
        return lastStart < firstStart;
    }

    public Instant from() {
        return Instant.ofEpochMilli(firstStart);
    }

    public Instant to() {
        return Instant.ofEpochMilli(lastStart);
    }
}
