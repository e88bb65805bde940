package dev.newsflow.ingest.normalize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An article as a source found it, before normalization: raw link, title and body (HTML or
 * plain text), whatever date and authors the source gave. Fluent setters; not thread-safe.
 */
public final class RawArticle {
    private final String source;
    private String link;
    private String baseUrl;
    private String guid;
    private String title;
    private String body;
    private boolean html;
    private Instant publishedAt;
    private String publishedLocal;
    private String imageUrl;
    private final List<String> authors = new ArrayList<>();
    private String language;
    private String dateline;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public RawArticle(String source) {
        this.source = source;
    }

    public RawArticle link(String value) {
        this.link = value;
        return this;
    }

    public RawArticle baseUrl(String value) {
        this.baseUrl = value;
        return this;
    }

    public RawArticle guid(String value) {
        this.guid = value;
        return this;
    }

    public RawArticle title(String value) {
        this.title = value;
        return this;
    }

    /** Plain-text body. */
    public RawArticle text(String value) {
        this.body = value;
        this.html = false;
        return this;
    }

    /** HTML body (a fragment or a whole page's main content). */
    public RawArticle html(String value) {
        this.body = value;
        this.html = true;
        return this;
    }

    public RawArticle publishedAt(Instant value) {
        this.publishedAt = value;
        return this;
    }

    /** The published time as the source wrote it, ISO-8601 with its UTC offset. */
    public RawArticle publishedLocal(String value) {
        this.publishedLocal = value;
        return this;
    }

    public RawArticle imageUrl(String value) {
        this.imageUrl = value;
        return this;
    }

    public String publishedLocal() {
        return publishedLocal;
    }

    public String imageUrl() {
        return imageUrl;
    }

    public RawArticle author(String value) {
        if (value != null && !value.isBlank() && !authors.contains(value.strip())) {
            authors.add(value.strip());
        }
        return this;
    }

    /** Replaces the authors (a page's JSON-LD authors win over the feed's). */
    public RawArticle authors(java.util.List<String> values) {
        authors.clear();
        values.forEach(this::author);
        return this;
    }

    public RawArticle language(String value) {
        this.language = value;
        return this;
    }

    public RawArticle dateline(String value) {
        this.dateline = value;
        return this;
    }

    public RawArticle meta(String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value);
        }
        return this;
    }

    public String source() {
        return source;
    }

    public String link() {
        return link;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String guid() {
        return guid;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public boolean isHtml() {
        return html;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public List<String> authors() {
        return authors;
    }

    public String language() {
        return language;
    }

    public String dateline() {
        return dateline;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
