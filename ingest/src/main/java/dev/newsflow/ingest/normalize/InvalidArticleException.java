package dev.newsflow.ingest.normalize;

/** Input that can never become an article (no text, bad field types): a permanent failure. */
public class InvalidArticleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidArticleException(String message) {
        super(message);
    }
}
