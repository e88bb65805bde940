package dev.newsflow.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The word shingles of a text, as a sorted set of 32-bit hashes. Words are runs of letters and
 * digits after NFKC folding and lower-casing, so line breaks, paragraph flow, quote and dash
 * styles and punctuation do not change the set; a shingle is {@link #WIDTH} consecutive words.
 */
public final class Shingles {
    /** Words per shingle: long enough that two different articles on one event share few. */
    public static final int WIDTH = 4;

    private Shingles() {
    }

    /** The distinct shingle hashes of {@code text}, ascending; empty for fewer than {@link #WIDTH} words. */
    public static int[] of(String text) {
        List<String> words = words(text);
        if (words.size() < WIDTH) {
            return new int[0];
        }
        int[] hashes = new int[words.size() - WIDTH + 1];
        for (int i = 0; i < hashes.length; i++) {
            int h = 0x811c9dc5;
            for (int w = i; w < i + WIDTH; w++) {
                for (byte b : words.get(w).getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x01000193;
                }
                h = (h ^ ' ') * 0x01000193;
            }
            hashes[i] = mix(h);
        }
        return Arrays.stream(hashes).sorted().distinct().toArray();
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (!word.isEmpty() && !isJoiner(cp, folded, i)) {
                words.add(word.toString());
                word.setLength(0);
            }
            i += Character.charCount(cp);
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    /** An apostrophe inside a word ("don't", "Reuters’") joins; any other mark ends the word. */
    private static boolean isJoiner(int cp, String text, int at) {
        if (cp != '\'' && cp != '\u2019') {
            return false;
        }
        int next = at + Character.charCount(cp);
        return next < text.length() && Character.isLetterOrDigit(text.codePointAt(next));
    }

    /** Murmur3's finalizer: spreads FNV's weak low bits over the whole word. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
