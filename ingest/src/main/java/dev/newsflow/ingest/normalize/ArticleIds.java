package dev.newsflow.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable article ids and content hashes. The id is a SHA-256 prefix (128 bits, hex) of the
 * canonical URL, else of source + guid, else of the normalized text; a prefix says which.
 */
public final class ArticleIds {
    private ArticleIds() {
    }

    public static String fromUrl(String canonicalUrl) {
        return "u" + sha256(canonicalUrl).substring(0, 32);
    }

    public static String fromGuid(String source, String guid) {
        return "g" + sha256(source + "\n" + guid.strip()).substring(0, 32);
    }

    public static String fromText(String title, String body) {
        return "t" + sha256(normalizedForHash(title, body)).substring(0, 32);
    }

    /** SHA-256 (hex) over the normalized title and body: case-folded, whitespace collapsed. */
    public static String contentHash(String title, String body) {
        return sha256(normalizedForHash(title, body));
    }

    static String normalizedForHash(String title, String body) {
        String t = title == null ? "" : title;
        return (t + "\n" + body).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
