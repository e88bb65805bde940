package dev.newsflow.ingest.page;

import dev.newsflow.ingest.normalize.RawArticle;

/** Carries what a page yielded into a {@link RawArticle}: the one mapping used for fetched and saved pages. */
public final class PageArticles {
    private PageArticles() {
    }

    /**
     * Fills {@code raw} from {@code page}. The page's text replaces the article's only when longer
     * ({@code existingText}: a feed summary, "" for none); the page's date, authors, language and
     * image win over a feed's; the title is kept when the article already has one.
     */
    public static RawArticle apply(PageContent page, RawArticle raw, String existingText) {
        if (page.text().length() > existingText.length()) {
            raw.text(page.text());
            raw.meta("textSource", page.textSource());
        }
        if (page.publishedAt() != null) {
            raw.publishedAt(page.publishedAt()).publishedLocal(page.publishedLocal()).meta("dateSource", page.dateSource());
        } else if (raw.publishedAt() != null) {
            raw.meta("dateSource", "feed");
        }
        if (!page.authors().isEmpty()) {
            raw.authors(page.authors());
        }
        if (raw.title() == null || raw.title().isBlank()) {
            raw.title(page.title());
        }
        if (raw.language() == null && page.language() != null) {
            raw.language(page.language());
        }
        raw.imageUrl(page.imageUrl());
        raw.meta("canonicalUrl", page.canonicalUrl());
        return raw;
    }
}
