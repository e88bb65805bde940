package dev.newsflow.ingest.normalize;

import dev.newsflow.schemas.avro.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link RawArticle} into the Avro {@link Article}: canonical URL, stable id, clean
 * title and body, dateline, content hash, language. Pure and thread-safe.
 */
public final class ArticleNormalizer {
    private final int maxBodyChars;
    private final boolean detectLanguage;

    public ArticleNormalizer(int maxBodyChars, boolean detectLanguage) {
        this.maxBodyChars = maxBodyChars;
        this.detectLanguage = detectLanguage;
    }

    /**
     * Normalizes; a body over the limit is cut at a paragraph boundary.
     *
     * @throws InvalidArticleException when there is no text to publish
     */
    public Article normalize(RawArticle raw, Instant ingestedAt) {
        return normalize(raw, ingestedAt, true);
    }

    /**
     * Normalizes; a body over the limit is refused instead of cut (for a client that can be told).
     *
     * @throws ArticleTooLargeException when the clean body is longer than the limit
     * @throws InvalidArticleException  when there is no text to publish
     */
    public Article normalizeWithinLimit(RawArticle raw, Instant ingestedAt) {
        return normalize(raw, ingestedAt, false);
    }

    /** The longest body (characters) kept. */
    public int maxBodyChars() {
        return maxBodyChars;
    }

    private Article normalize(RawArticle raw, Instant ingestedAt, boolean cut) {
        String body = raw.isHtml() ? TextCleaner.fromHtml(raw.body()) : TextCleaner.fromPlainText(raw.body());
        String title = cleanTitle(raw.title());
        if (body.isEmpty() && title == null) {
            throw new InvalidArticleException("article from " + raw.source() + " has neither title nor text"
                    + (raw.link() == null ? "" : " (" + raw.link() + ")"));
        }
        String dateline = raw.dateline();
        if (dateline == null) {
            Datelines.Split split = Datelines.split(body);
            dateline = split.dateline();
            body = split.body();
        }
        if (!cut && body.length() > maxBodyChars) {
            throw new ArticleTooLargeException(body.length(), maxBodyChars);
        }
        body = truncate(body);
        Optional<String> url = UrlCanonicalizer.canonical(raw.link(), raw.baseUrl());
        String id;
        if (url.isPresent()) {
            id = ArticleIds.fromUrl(url.get());
        } else if (raw.guid() != null && !raw.guid().isBlank()) {
            id = ArticleIds.fromGuid(raw.source(), raw.guid());
        } else {
            id = ArticleIds.fromText(title, body);
        }
        Instant published = raw.publishedAt() != null ? raw.publishedAt() : url.flatMap(Dates::fromUrl).orElse(null);
        String language = raw.language() != null && !raw.language().isBlank() ? raw.language().strip()
                : detectLanguage ? LanguageDetector.detect(title == null ? body : title + "\n" + body).orElse(null) : null;
        Map<String, String> metadata = new LinkedHashMap<>(raw.metadata());
        if (raw.guid() != null && !raw.guid().isBlank()) {
            metadata.putIfAbsent("guid", raw.guid().strip());
        }
        List<String> authors = new ArrayList<>();
        raw.authors().forEach(a -> {
            String clean = cleanTitle(a);
            if (clean != null && !authors.contains(clean)) {
                authors.add(clean);
            }
        });
        return Article.newBuilder()
                .setId(id)
                .setUrl(url.orElse(null))
                .setSource(raw.source())
                .setTitle(title)
                .setBody(body)
                .setLanguage(language)
                .setPublishedAt(published)
                .setIngestedAt(ingestedAt)
                .setAuthors(new ArrayList<>(authors))
                .setDateline(dateline)
                .setContentHash(ArticleIds.contentHash(title, body))
                .setMetadata(new LinkedHashMap<>(metadata))
                .setPublishedAtLocal(raw.publishedAt() != null ? raw.publishedLocal() : null)
                .setImageUrl(raw.imageUrl())
                .build();
    }

    private static String cleanTitle(String title) {
        if (title == null) {
            return null;
        }
        String clean = TextCleaner.looksLikeHtml(title) || title.contains("&")
                ? TextCleaner.fromHtml(title).replace("\n\n", " ") : TextCleaner.fromPlainText(title).replace("\n\n", " ");
        return clean.isBlank() ? null : clean;
    }

    private String truncate(String body) {
        if (body.length() <= maxBodyChars) {
            return body;
        }
        int cut = body.lastIndexOf("\n\n", maxBodyChars);
        return body.substring(0, cut > maxBodyChars / 2 ? cut : maxBodyChars).strip();
    }
}
