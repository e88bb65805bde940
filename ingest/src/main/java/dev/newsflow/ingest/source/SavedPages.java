package dev.newsflow.ingest.source;

import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.page.ArticlePageExtractor;
import dev.newsflow.ingest.page.PageArticles;
import dev.newsflow.ingest.page.PageContent;
import java.nio.file.Path;

/**
 * An article page saved as {@code .html}/{@code .htm}: extracted as ingest extracts a fetched
 * page. The page's canonical URL (rel=canonical, else og:url) becomes the article's link, so a
 * saved copy and the fetched page get the same id; links inside the page resolve against it.
 */
final class SavedPages {
    private static final ArticlePageExtractor PAGES = new ArticlePageExtractor();

    private SavedPages() {
    }

    static RawArticle fromHtml(byte[] html, Path file, String source) {
        String fileUrl = file.toAbsolutePath().toUri().toString();
        PageContent page = PAGES.extract(html, null, fileUrl);
        String canonical = page.canonicalUrl() != null && page.canonicalUrl().matches("(?i)https?://.+") ? page.canonicalUrl() : null;
        RawArticle raw = new RawArticle(source).meta("file", file.getFileName().toString());
        if (canonical != null) {
            raw.link(canonical);
            page = PAGES.extract(html, null, canonical); // image and relative links against the page's own address
        }
        PageArticles.apply(page, raw, "");
        if (raw.title() == null || raw.title().isBlank()) {
            raw.title(PlainTextArticles.titleFromFileName(file));
        }
        return raw;
    }
}
