package dev.newsflow.ingest.source;

/**
 * Why the last poll of one source failed as a whole: a feed that could not be fetched or parsed,
 * an input path that does not exist or cannot be listed, standard input that cannot be read.
 *
 * @param source  what failed, as the user named it ("feed https://...", "input /data/news")
 * @param reason  why, in a few words ("HTTP 404 from https://...", "does not exist")
 * @param missing true when the source itself does not exist (an input path): always an error
 */
public record SourceFailure(String source, String reason, boolean missing) {

    @Override
    public String toString() {
        return source + " (" + reason + ")";
    }
}
