package dev.newsflow.ingest.source;

import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.IngestStats;
import dev.newsflow.ingest.publish.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON Lines from standard input (or any stream), read to its end by the first poll. Stdin cannot
 * be read again, so records are sent {@link ArticleSink#untilDelivered() until delivered}: while the
 * broker is away they are retried with backoff and reading pauses at the in-flight limit.
 */
public final class StdinSource implements ArticleSource {
    private static final Logger LOG = LoggerFactory.getLogger(StdinSource.class);
    private final InputStream in;
    private final IngestStats stats;
    private boolean finished;
    private volatile SourceFailure failure;

    public StdinSource(InputStream in, IngestStats stats) {
        this.in = in;
        this.stats = stats;
    }

    @Override
    public String name() {
        return "stdin";
    }

    @Override
    public java.util.Optional<SourceFailure> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    @Override
    public synchronized boolean poll(ArticleSink sink) throws InterruptedException {
        if (finished) {
            return true;
        }
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            // stdin cannot be read twice: keep sending (failed sends are retried) rather than stop early.
            JsonLines.read(reader, "stdin", "stdin", sink.untilDelivered(), stats, futures, false);
        } catch (IOException e) {
            LOG.warn("Cannot read standard input: {}", e.toString());
            failure = new SourceFailure("stdin", "cannot be read: " + e.getMessage(), false);
            stats.fetchError("stdin", "io");
        }
        finished = true;
        if (!ArticleSink.awaitAll(futures)) {
            // Only permanent errors or a stop while the broker was away end here; stdin is not read again.
            LOG.warn("Some articles from stdin were not delivered (see the warnings above); they are counted as failed");
        }
        return true;
    }
}
