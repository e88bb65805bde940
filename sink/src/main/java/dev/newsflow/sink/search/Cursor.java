package dev.newsflow.sink.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the newest-first order of articles: the last answered article's time (epoch ms)
 * and id. Opaque to clients: base64url of {@code time:id}.
 */
public record Cursor(long time, String id) {
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code text} is not a cursor this API gave out */
    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor from a previous answer's 'next'", e);
        }
    }

    /** Newest first, then by id: negative when {@code this} comes before {@code other}. */
    public int compareNewestFirst(Cursor other) {
        int byTime = Long.compare(other.time, time);
        return byTime != 0 ? byTime : id.compareTo(other.id);
    }
}
