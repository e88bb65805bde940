package dev.newsflow.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.ingest.normalize.Dates;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.normalize.TextCleaner;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON field mapping shared by JSON files, JSON Lines, stdin and the push endpoint.
 *
 * <table>
 *   <caption>Fields (first match wins)</caption>
 *   <tr><td>title</td><td>{@code title}, {@code headline}</td></tr>
 *   <tr><td>body</td><td>{@code body}, {@code text}, {@code content}, {@code articleBody} (HTML is recognized), {@code html}</td></tr>
 *   <tr><td>url</td><td>{@code url}, {@code link}</td></tr>
 *   <tr><td>published time</td><td>{@code publishedAt}, {@code published_at}, {@code datePublished}, {@code published},
 *       {@code date}: ISO-8601, RFC 1123 or epoch seconds/milliseconds</td></tr>
 *   <tr><td>source</td><td>{@code source} (string, or object with {@code name}); default: the file, "stdin" or "http"</td></tr>
 *   <tr><td>authors</td><td>{@code authors} (array of strings or objects with {@code name}), {@code author}</td></tr>
 *   <tr><td>guid</td><td>{@code guid}, {@code id}</td></tr>
 *   <tr><td>others</td><td>{@code language}/{@code lang}, {@code dateline}; any other string field goes to metadata</td></tr>
 * </table>
 */
public final class JsonArticles {
    private static final List<String> TITLE = List.of("title", "headline");
    private static final List<String> BODY = List.of("body", "text", "content", "articleBody");
    private static final List<String> URL = List.of("url", "link");
    private static final List<String> DATE = List.of("publishedAt", "published_at", "datePublished", "published", "date");
    private static final List<String> GUID = List.of("guid", "id");
    private static final List<String> STRINGS = List.of("title", "headline", "body", "text", "content", "articleBody", "html",
            "url", "link", "author", "language", "lang", "dateline");
    /** Published times accepted: from 1900 to a day ahead of now (clock skew, time zones). */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Duration AHEAD = Duration.ofDays(1);
    private static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);
    private static final List<String> KNOWN = List.of("title", "headline", "body", "text", "content", "articleBody", "html",
            "url", "link", "publishedAt", "published_at", "datePublished", "published", "date", "source", "authors",
            "author", "guid", "id", "language", "lang", "dateline");

    private JsonArticles() {
    }

    /**
     * Maps one JSON object.
     *
     * @throws InvalidArticleException naming the field when the object cannot be an article
     */
    public static RawArticle fromJson(JsonNode node, String defaultSource) {
        if (node == null || !node.isObject()) {
            throw new InvalidArticleException("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        checkTypes(node);
        String source = text(node.get("source"));
        if (source == null && node.path("source").isObject()) {
            source = text(node.path("source").get("name"));
        }
        RawArticle raw = new RawArticle(source == null || source.isBlank() ? defaultSource : source.strip());
        raw.title(first(node, TITLE)).link(first(node, URL)).guid(first(node, GUID));
        String body = first(node, BODY);
        if (body != null) {
            if (TextCleaner.looksLikeHtml(body)) {
                raw.html(body);
            } else {
                raw.text(body);
            }
        } else if (text(node.get("html")) != null) {
            raw.html(text(node.get("html")));
        } else {
            raw.text("");
        }
        if ((body == null || body.isBlank()) && text(node.get("html")) == null && first(node, TITLE) == null) {
            throw new InvalidArticleException("article has no text: give one of " + BODY + " or " + TITLE);
        }
        for (String field : DATE) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                raw.publishedAt(date(value, field));
                break;
            }
        }
        JsonNode authors = node.get("authors");
        if (authors != null && authors.isArray()) {
            authors.forEach(a -> raw.author(a.isObject() ? text(a.get("name")) : text(a)));
        } else if (authors != null && authors.isTextual()) {
            raw.author(authors.asText());
        }
        raw.author(text(node.get("author")));
        raw.language(node.hasNonNull("language") ? text(node.get("language")) : text(node.get("lang")));
        raw.dateline(text(node.get("dateline")));
        if (source != null && !source.equals(defaultSource)) {
            raw.meta("origin", defaultSource);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KNOWN.contains(field.getKey()) && field.getValue().isValueNode() && !field.getValue().isNull()) {
                raw.meta(field.getKey(), field.getValue().asText());
            }
        }
        return raw;
    }

    /** Every known field has the JSON type it is read as; null stands for absent. */
    private static void checkTypes(JsonNode node) {
        for (String field : STRINGS) {
            expect(node, field, JsonNode::isTextual, "a string");
        }
        expect(node, "guid", v -> v.isTextual() || v.isIntegralNumber(), "a string or an integer");
        expect(node, "id", v -> v.isTextual() || v.isIntegralNumber(), "a string or an integer");
        expect(node, "source", v -> v.isTextual() || v.isObject() && isStringOrNull(v.get("name")),
                "a string or an object with a string 'name'");
        expect(node, "authors", v -> v.isTextual() || v.isArray() && allAuthors(v),
                "a string or an array of strings or of objects with a string 'name'");
        for (String field : DATE) {
            expect(node, field, v -> v.isTextual() || v.isNumber(), "a date string or epoch seconds/milliseconds");
        }
    }

    private static void expect(JsonNode node, String field, java.util.function.Predicate<JsonNode> type, String what) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !type.test(value)) {
            throw new InvalidArticleException("field '" + field + "' must be " + what + ", not " + kind(value));
        }
    }

    private static boolean allAuthors(JsonNode authors) {
        for (JsonNode author : authors) {
            if (!author.isTextual() && !(author.isObject() && isStringOrNull(author.get("name")))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStringOrNull(JsonNode value) {
        return value == null || value.isNull() || value.isTextual();
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Instant date(JsonNode value, String field) {
        Instant date;
        if (value.isNumber()) {
            BigDecimal n = value.decimalValue();
            if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
                throw new InvalidArticleException("field '" + field + "' is not whole epoch seconds or milliseconds: " + value);
            }
            boolean millis = n.abs().compareTo(MILLIS_FROM) > 0;
            BigDecimal seconds = millis ? n.movePointLeft(3) : n;
            if (seconds.compareTo(BigDecimal.valueOf(EARLIEST.getEpochSecond())) < 0
                    || seconds.compareTo(BigDecimal.valueOf(latest().getEpochSecond())) > 0) {
                throw outOfRange(field, value.toString());
            }
            date = millis ? Instant.ofEpochMilli(n.longValue()) : Instant.ofEpochSecond(n.longValue());
        } else {
            date = Dates.parse(value.asText()).orElseThrow(() ->
                    new InvalidArticleException("field '" + field + "' is not a date: '" + value.asText() + "'"));
        }
        if (date.isBefore(EARLIEST) || date.isAfter(latest())) {
            throw outOfRange(field, value.toString());
        }
        return date;
    }

    private static Instant latest() {
        return Instant.now().plus(AHEAD);
    }

    private static InvalidArticleException outOfRange(String field, String value) {
        return new InvalidArticleException("field '" + field + "' is " + value + ", outside the accepted range from "
                + EARLIEST + " to a day from now");
    }

    private static String first(JsonNode node, List<String> names) {
        for (String name : names) {
            String value = text(node.get(name));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }
}
