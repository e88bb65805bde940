package dev.newsflow.bench;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.ingest.normalize.RawArticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Ingest benchmark, files to topic on the embedded broker: normalization alone (articles/s),
 * then a directory of JSON Lines files published end to end (articles/s until every record is
 * acknowledged), then the same directory again with a fresh service (dedup rebuilt from the
 * topic, every article a duplicate).
 *
 * <p>Args: [articles (default 20000)] [files (default 10)].
 */
public final class IngestFilesBenchmark {
    private static final String[] PARAGRAPHS = {
        "Russia vowed today to cooperate in the fight against terrorism as the French president began the last leg of a diplomatic bid to step up efforts against the group.",
        "Sitting down to talks at the Kremlin, the Russian president pointed to the assaults in Paris and the bombing of a jetliner over Egypt, with the loss of all people onboard.",
        "\"These make us unite our efforts against the common evil,\" he said. \"We are ready for this cooperation.\"",
        "The visit was the last stage of a whirlwind campaign to intensify efforts, which had taken the president to Washington, London, Berlin and Rome within a week.",
        "A vote is expected to be held early next week and lawmakers look set to approve the move, meaning the first air strikes could come within days.",
        "In Berlin, the defence minister said Germany could offer reconnaissance jets, a naval frigate, satellite images and aerial refuelling to back the fight.",
    };

    private IngestFilesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("ingest-bench-files");
        long bytes = writeFiles(dir, articles, files);
        System.out.printf(Locale.ROOT, "IngestFilesBenchmark: %d articles in %d JSONL files (%.1f MB), Java %s, %d cores%n",
                articles, files, bytes / 1e6, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        ArticleNormalizer normalizer = new ArticleNormalizer(1_000_000, true);
        normalizer.normalize(article(0), Instant.now()); // load the language model outside the timing
        long start = System.nanoTime();
        for (int i = 0; i < articles; i++) {
            normalizer.normalize(article(i), Instant.now());
        }
        double normalizeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "normalize only:          %8.0f articles/s%n", articles / normalizeSeconds);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            Map<String, Object> values = new HashMap<>();
            values.put(IngestConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            values.put(IngestConfig.INPUTS, dir.toString());
            IngestConfig config = new IngestConfig(values);
            IngestResult first;
            long firstStart = System.nanoTime();
            try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
                first = service.runOnce();
            }
            double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
            IngestResult second;
            long secondStart = System.nanoTime();
            try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
                second = service.runOnce();
            }
            double secondSeconds = (System.nanoTime() - secondStart) / 1e9;
            System.out.printf(Locale.ROOT, "files -> topic (acked):  %8.0f articles/s  (%s in %.1f s, incl. start-up)%n",
                    first.published() / firstSeconds, first, firstSeconds);
            System.out.printf(Locale.ROOT, "re-run, all duplicates:  %8.0f articles/s  (%s in %.1f s, incl. dedup rebuild)%n",
                    second.duplicate() / secondSeconds, second, secondSeconds);
            System.out.printf(Locale.ROOT, "ratio end-to-end / normalize-only: %.2f%n", (first.published() / firstSeconds)
                    / (articles / normalizeSeconds));
        }
    }

    private static RawArticle article(int i) {
        return new RawArticle("bench").title("Story number " + i).link("https://news.example.com/story/" + i)
                .text(body(i));
    }

    private static String body(int i) {
        StringBuilder body = new StringBuilder("Moscow: Story " + i + ". ");
        for (int p = 0; p < 8; p++) {
            body.append(PARAGRAPHS[(i + p) % PARAGRAPHS.length]).append("\n\n");
        }
        return body.toString();
    }

    private static long writeFiles(Path dir, int articles, int files) throws Exception {
        int perFile = (articles + files - 1) / files;
        for (int f = 0; f < files; f++) {
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("batch-" + f + ".jsonl"), StandardCharsets.UTF_8)) {
                for (int i = f * perFile; i < Math.min(articles, (f + 1) * perFile); i++) {
                    out.write("{\"title\": \"Story number " + i + "\", \"url\": \"https://news.example.com/story/" + i
                            + "?utm_source=bench\", \"publishedAt\": \"2025-03-14T09:05:00Z\", \"body\": \""
                            + body(i).replace("\"", "\\\"").replace("\n", "\\n") + "\"}\n");
                }
            }
        }
        long total = 0;
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }
}
