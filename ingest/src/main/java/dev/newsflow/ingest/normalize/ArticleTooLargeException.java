package dev.newsflow.ingest.normalize;

import dev.newsflow.config.ArticleLimit;

/** An article whose clean body is longer than {@code article.max.chars}, where it is refused rather than cut. */
public final class ArticleTooLargeException extends InvalidArticleException {
    private static final long serialVersionUID = 1L;
    private final int chars;
    private final int maxChars;

    public ArticleTooLargeException(int chars, int maxChars) {
        super("body has " + chars + " characters, over the limit of " + maxChars + " (" + ArticleLimit.INGEST_KEY + ")");
        this.chars = chars;
        this.maxChars = maxChars;
    }

    public int chars() {
        return chars;
    }

    public int maxChars() {
        return maxChars;
    }
}
