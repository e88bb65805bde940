package dev.newsflow.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * The one article-size limit of the pipeline: the longest article body, in characters, that
 * enrich tags ({@code engine.max.chars}). Ingest keeps bodies at or below it
 * ({@code article.max.chars}: feeds and files are cut, pushed articles refused with 413), so no
 * accepted article is dead-lettered as too large later. Both keys default to
 * {@link #DEFAULT_MAX_CHARS}.
 */
public final class ArticleLimit {
    /** Default of both keys. */
    public static final int DEFAULT_MAX_CHARS = 200_000;
    /** Ingest's key. */
    public static final String INGEST_KEY = "article.max.chars";
    /** Enrich's key. */
    public static final String ENRICH_KEY = "engine.max.chars";

    private ArticleLimit() {
    }

    /** Fails, naming both keys, when ingest would accept bodies enrich then dead-letters. */
    public static void check(int ingestMaxChars, int enrichMaxChars) {
        if (ingestMaxChars > enrichMaxChars) {
            throw new ConfigException(INGEST_KEY, ingestMaxChars, "must be at most " + ENRICH_KEY + " (" + enrichMaxChars
                    + "): ingest would accept articles that enrich dead-letters as too large");
        }
    }
}
