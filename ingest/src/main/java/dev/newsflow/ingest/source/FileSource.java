package dev.newsflow.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.IngestStats;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.publish.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Articles from a file or a directory (walked recursively): {@code .txt}/{@code .text} plain
 * text, {@code .json} (one object, an array, or {"articles": [...]}) and
 * {@code .jsonl}/{@code .ndjson} JSON Lines, {@code .html}/{@code .htm} saved article pages
 * (extracted as fetched pages are). Each poll picks up files not seen before or
 * changed since (size or modification time), so a directory is watched by polling it; a file
 * counts as done only once all its records were acknowledged.
 */
public final class FileSource implements ArticleSource {
    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_TEXT_BYTES = 20L * 1024 * 1024;
    private static final int MAX_DEPTH = 8;

    private final Path root;
    private final String name;
    private final IngestStats stats;
    private final Map<Path, String> done = new ConcurrentHashMap<>();
    private volatile long settleMillis;
    private final int parallelism;
    private volatile SourceFailure failure;

    public FileSource(Path root, IngestStats stats) {
        this(root, stats, Runtime.getRuntime().availableProcessors());
    }

    /** @param parallelism files read and normalized at the same time */
    public FileSource(Path root, IngestStats stats, int parallelism) {
        this.parallelism = parallelism;
        this.root = root;
        this.name = "file:" + root;
        this.stats = stats;
    }

    /** In watch mode, files changed in the last {@code millis} are left for the next scan (they may still be written). */
    public void settle(long millis) {
        this.settleMillis = millis;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.Optional<SourceFailure> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    @Override
    public boolean poll(ArticleSink sink) throws InterruptedException {
        failure = null;
        List<Path> todo = new ArrayList<>();
        Map<Path, String> versions = new java.util.HashMap<>();
        for (Path file : candidates()) {
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                if (settleMillis > 0 && System.currentTimeMillis() - attrs.lastModifiedTime().toMillis() < settleMillis) {
                    continue;
                }
                String version = attrs.size() + "/" + attrs.lastModifiedTime().toMillis();
                if (!version.equals(done.get(file))) {
                    todo.add(file);
                    versions.put(file, version);
                }
            } catch (IOException e) {
                // vanished between listing and reading: nothing to do
            }
        }
        if (parallelism <= 1 || todo.size() <= 1) {
            boolean delivered = true;
            for (Path file : todo) {
                if (!delivered && !sink.delivering()) {
                    return false; // the broker is away: the rest waits for a later poll
                }
                delivered &= ingestFile(file, versions.get(file), sink);
            }
            return delivered;
        }
        // Several files: normalize them in parallel (language detection is CPU-bound). Records of one
        // file keep their order; files are independent.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(parallelism, todo.size()), r -> {
                    Thread t = new Thread(r, "ingest-files");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (Path file : todo) {
                results.add(pool.submit(() -> sink.delivering() ? ingestFile(file, versions.get(file), sink) : Boolean.FALSE));
            }
            boolean delivered = true;
            for (java.util.concurrent.Future<Boolean> result : results) {
                try {
                    delivered &= result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.warn("Reading files of {} failed: {}", name, e.getCause().toString());
                    stats.fetchError(name, "internal");
                    delivered = false;
                }
            }
            return delivered;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads one file into the sink and marks it done once every record is acknowledged. */
    private boolean ingestFile(Path file, String version, ArticleSink sink) throws InterruptedException {
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        boolean complete;
        try {
            complete = read(file, sink, futures);
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", file, e.toString());
            stats.fetchError(name, "io");
            return true; // nothing was sent; the file is read again when it changes
        }
        if (ArticleSink.awaitAll(futures) && complete) {
            done.put(file, version);
            return true;
        }
        return false;
    }

    private List<Path> candidates() {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            LOG.warn("Input {} does not exist", root);
            failure = new SourceFailure("input " + root, "does not exist", true);
            stats.fetchError(name, "missing");
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile).filter(FileSource::supported).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Cannot list {}: {}", root, e.toString());
            failure = new SourceFailure("input " + root, "cannot be listed: " + e.getMessage(), false);
            stats.fetchError(name, "io");
            return List.of();
        }
    }

    static boolean supported(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".txt") || n.endsWith(".text") || n.endsWith(".json")
                || n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".html") || n.endsWith(".htm"));
    }

    /** Reads one file into the sink; false if it stopped early (broker not acknowledging). */
    private boolean read(Path file, ArticleSink sink, List<CompletableFuture<Outcome>> futures)
            throws IOException, InterruptedException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = file.toString();
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)))) {
                return JsonLines.read(reader, source, name, sink, stats, futures, true);
            }
        }
        if (Files.size(file) > MAX_TEXT_BYTES) {
            LOG.warn("Skipping {}: larger than {} bytes", file, MAX_TEXT_BYTES);
            stats.fetchError(name, "too_large");
            return true;
        }
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            // Bytes, not a UTF-8 string: the page's own <meta charset> decides.
            futures.add(sink.submit(SavedPages.fromHtml(Files.readAllBytes(file), file, source), name));
            return true;
        }
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (n.endsWith(".json")) {
            JsonNode tree;
            try {
                tree = JSON.readTree(content);
            } catch (IOException e) {
                LOG.warn("Malformed JSON in {}: {}", file, e.getMessage());
                stats.fetched(name);
                stats.outcome(name, Outcome.INVALID);
                return true;
            }
            JsonNode items = tree.isArray() ? tree : tree.has("articles") ? tree.get("articles") : null;
            if (items == null) {
                submit(tree, source, file + "", sink, futures);
            } else {
                int i = 0;
                for (JsonNode item : items) {
                    if (!futures.isEmpty() && !sink.delivering()) {
                        return false;
                    }
                    submit(item, source, file + "[" + i++ + "]", sink, futures);
                }
            }
            return true;
        }
        RawArticle raw = PlainTextArticles.fromText(content, file, source);
        futures.add(sink.submit(raw, name));
        return true;
    }

    private void submit(JsonNode node, String source, String where, ArticleSink sink, List<CompletableFuture<Outcome>> futures)
            throws InterruptedException {
        try {
            futures.add(sink.submit(JsonArticles.fromJson(node, source), name));
        } catch (InvalidArticleException e) {
            LOG.warn("Invalid article at {}: {}", where, e.getMessage());
            stats.fetched(name);
            stats.outcome(name, Outcome.INVALID);
        }
    }
}
