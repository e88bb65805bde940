package dev.newsflow.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.ingest.normalize.Dates;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.normalize.TextCleaner;
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

    private static Instant date(JsonNode value, String field) {
        if (value.isNumber()) {
            long n = value.asLong();
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        return Dates.parse(value.asText()).orElseThrow(() ->
                new InvalidArticleException("field '" + field + "' is not a date: '" + value.asText() + "'"));
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
