package dev.newsflow.ingest.source;

import dev.newsflow.ingest.ArticleSink;

/** A place articles come from. A poll reads what is new, hands it to the sink and waits for the acks. */
public interface ArticleSource {

    /** Name used in logs, metric tags and the {@code source} field. */
    String name();

    /**
     * Reads what is new once. The position (files done, feed items seen) advances only for
     * what the broker acknowledged.
     *
     * @return false if some record could not be delivered (it will be read again next time)
     */
    boolean poll(ArticleSink sink) throws InterruptedException;

    /** Why the last poll failed as a whole (nothing could be read), or empty when it did not. */
    default java.util.Optional<SourceFailure> failure() {
        return java.util.Optional.empty();
    }
}
