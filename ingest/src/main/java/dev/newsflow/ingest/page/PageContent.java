package dev.newsflow.ingest.page;

import java.time.Instant;
import java.util.List;

/**
 * What an article page yields.
 *
 * @param title        headline (JSON-LD headline, og:title or the page title)
 * @param text         clean main text, paragraphs separated by blank lines ("" when none was found)
 * @param publishedAt  JSON-LD datePublished, else the first published-time meta tag; null when neither
 * @param dateSource   where {@code publishedAt} came from ("json-ld", "meta:&lt;name&gt;"), null when absent
 * @param authors      authors from JSON-LD, else from meta tags
 * @param canonicalUrl the page's rel=canonical link, if any
 * @param textSource   where the text came from ("itemprop=articleBody", "article-element", "readability",
 *                     "json-ld:articleBody", with "+json-ld" when JSON-LD articleBody confirmed the blocks)
 */
public record PageContent(String title, String text, Instant publishedAt, String dateSource, List<String> authors,
                          String canonicalUrl, String textSource) {
}
