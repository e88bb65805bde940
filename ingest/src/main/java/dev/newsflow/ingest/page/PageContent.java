package dev.newsflow.ingest.page;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an article page yields.
 *
 * @param title          headline (JSON-LD headline, og:title or the page title)
 * @param text           clean main text, paragraphs separated by blank lines ("" when none was found)
 * @param publishedAt    JSON-LD datePublished, else a published-time meta tag, else a {@code <time>} element, else a
 *                       date in the URL; null when none
 * @param publishedLocal the same time as the page wrote it, ISO-8601 with its UTC offset; null without an offset
 * @param dateSource     where {@code publishedAt} came from ("json-ld", "meta:&lt;name&gt;", "time", "url"), null when absent
 * @param modifiedAt     JSON-LD dateModified, else a modified-time meta tag; null when none
 * @param authors        names from JSON-LD, else meta tags, else author markup; bylines cleaned ("By X | Updated 3pm" is X)
 * @param language       ISO 639 code from JSON-LD inLanguage, the html lang attribute or meta tags; null when none
 * @param canonicalUrl   the page's rel=canonical link, else og:url
 * @param imageUrl       top image: JSON-LD image, else og:image or twitter:image, absolute
 * @param textSource     where the text came from ("itemprop=articleBody", "article-element", "readability",
 *                       "json-ld:articleBody", with "+json-ld" when JSON-LD articleBody confirmed the blocks)
 * @param sources        how each field present was found, by field name
 */
public record PageContent(String title, String text, Instant publishedAt, String publishedLocal, String dateSource,
                          Instant modifiedAt, List<String> authors, String language, String canonicalUrl, String imageUrl,
                          String textSource, Map<String, String> sources) {
}
