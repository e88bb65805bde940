package dev.newsflow.enrich.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text into pieces of at most {@code maxChars} characters for the tagger, at a
 * paragraph break when there is one in the second half of the window, else at a line break,
 * a sentence end, or whitespace. Keeps the tagger's memory bounded on long documents.
 */
final class TextChunker {
    record Chunk(int offset, String text) {
    }

    private TextChunker() {
    }

    static List<Chunk> chunks(String text, int maxChars) {
        List<Chunk> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = Math.min(n, start + maxChars);
            if (end < n) {
                end = cutPoint(text, start, end);
            }
            out.add(new Chunk(start, text.substring(start, end)));
            start = end;
        }
        return out;
    }

    private static int cutPoint(String text, int start, int limit) {
        int floor = start + (limit - start) / 2;
        int p = text.lastIndexOf("\n\n", limit - 2);
        if (p >= floor) {
            return p + 2;
        }
        p = text.lastIndexOf('\n', limit - 1);
        if (p >= floor) {
            return p + 1;
        }
        for (int i = limit - 2; i >= floor; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 2;
            }
        }
        for (int i = limit - 1; i >= floor; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return limit;
    }
}
