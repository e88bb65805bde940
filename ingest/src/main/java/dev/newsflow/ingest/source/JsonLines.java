package dev.newsflow.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.IngestStats;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.publish.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads JSON Lines (one article object a line; blank lines skipped) into the sink. */
final class JsonLines {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHECKPOINT = 5000;

    private JsonLines() {
    }

    /**
     * Reads every line; bad lines are counted as failed and logged with their number.
     *
     * @return false if reading stopped early because the broker is not acknowledging
     */
    static boolean read(BufferedReader reader, String source, String statsSource, ArticleSink sink, IngestStats stats,
                     List<CompletableFuture<Outcome>> futures, boolean stopWhenNotDelivering)
            throws IOException, InterruptedException {
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            if (stopWhenNotDelivering && !futures.isEmpty() && !sink.delivering()) {
                return false;
            }
            if (futures.size() >= CHECKPOINT) {
                // Bounded memory on long files: wait for this chunk before reading on.
                if (!ArticleSink.awaitAll(futures) && stopWhenNotDelivering) {
                    return false;
                }
                futures.clear();
            }
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                futures.add(sink.submit(JsonArticles.fromJson(JSON.readTree(line), source), statsSource));
            } catch (JsonProcessingException e) {
                LOG.warn("{} line {}: malformed JSON: {}", source, number, e.getOriginalMessage());
                stats.fetched(statsSource);
                stats.outcome(statsSource, Outcome.INVALID);
            } catch (InvalidArticleException e) {
                LOG.warn("{} line {}: {}", source, number, e.getMessage());
                stats.fetched(statsSource);
                stats.outcome(statsSource, Outcome.INVALID);
            }
        }
        return true;
    }
}
