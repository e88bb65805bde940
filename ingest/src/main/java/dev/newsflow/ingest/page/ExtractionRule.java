package dev.newsflow.ingest.page;

/**
 * The steps of article-text extraction beyond Readability alone. Each can be switched off
 * (for the ablation table in the ingest README); ingest runs with all of them.
 */
public enum ExtractionRule {
    /** Remove hidden elements (hidden, aria-hidden, display:none, screen-reader-only text). */
    HIDDEN("hidden"),
    /** Remove page furniture by element: forms, figures, captions, and classes or ids naming newsletters, share bars, related links, author boxes, cookie notices. */
    FURNITURE_ELEMENTS("furniture-elements"),
    /** Take the text from the page's own article container ({@code itemprop=articleBody}, else the main {@code <article>}) before Readability. */
    CONTAINER("container"),
    /** Keep the blocks that JSON-LD {@code articleBody} confirms, or take that body when the page's blocks miss most of it. */
    JSON_LD_BODY("json-ld-body"),
    /** Drop blocks that are mostly link text (related links, tag lists, "Read more"). */
    LINK_DENSITY("link-density"),
    /** Drop blocks whose whole text is a known promo (newsletter and app prompts, "Read more", photo credits, captions). */
    FURNITURE_TEXT("furniture-text"),
    /** Drop blocks repeating the headline, bylines ("By ...", an author's name alone) and author boxes ("NAME is a reporter ..."). */
    HEADLINE_BYLINE("headline-byline");

    private final String key;

    ExtractionRule(String key) {
        this.key = key;
    }

    /** The rule's name in reports and the ablation table. */
    public String key() {
        return key;
    }
}
