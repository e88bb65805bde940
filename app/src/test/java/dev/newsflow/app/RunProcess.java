package dev.newsflow.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code newsflow run} in a child JVM (the test's own class path), so a test can kill it with
 * SIGKILL as an operator's {@code kill -9} would, and start it again on the same data directory.
 */
final class RunProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS =
            Pattern.compile("ingested (\\d+) \\| enriched (\\d+) \\| stored (\\d+) \\| dead-lettered (\\d+)");
    private static final Pattern API = Pattern.compile("Query API on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern DASHBOARD = Pattern.compile("Dashboard: (http://\\S+/)");

    /** The last progress line the process printed. */
    record Progress(long ingested, long enriched, long stored) {
    }

    private final Process process;
    private final Path log;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunProcess(Process process, Path log, Path dataDir) {
        this.process = process;
        this.log = log;
        this.dataDir = dataDir;
    }

    /** Starts {@code newsflow run --data-dir DATA --input INPUT --http-port 0}; its stderr goes to {@code log}. */
    static RunProcess start(Path dataDir, Path input, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                NewsFlow.class.getName(), "run",
                "--data-dir", dataDir.toString(), "--input", input.toString(), "--http-port", "0"));
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // The crash tests compare a recovered run with a separate clean run. Their templated
            // articles are near-duplicates of each other, and which copy is seen first depends on
            // each run's record times, so with detection on the two runs legitimately count
            // different originals: it is off here.
            builder.environment().put("NEWSFLOW_NEAR_DUPLICATES_ENABLED", "false");
            Process process = builder.start();
            return new RunProcess(process, log, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the group, open transactions left open. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The last progress line printed, zeros before the first. */
    Progress progress() {
        Matcher last = null;
        for (String line : lines()) {
            Matcher m = STATUS.matcher(line);
            if (m.find()) {
                last = m;
            }
        }
        return last == null ? new Progress(0, 0, 0)
                : new Progress(Long.parseLong(last.group(1)), Long.parseLong(last.group(2)), Long.parseLong(last.group(3)));
    }

    /** Port of the query API once the process printed it, else -1. */
    int httpPort() {
        for (String line : lines()) {
            Matcher m = API.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    /** The dashboard URL the process printed once its sink was ready, else null. */
    String dashboardUrl() {
        for (String line : lines()) {
            Matcher m = DASHBOARD.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** bootstrap servers of the embedded broker, from the ports it keeps in its data directory. */
    String bootstrapServers() throws IOException {
        Properties ports = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("broker/listeners.properties"))) {
            ports.load(reader);
        }
        return "127.0.0.1:" + ports.getProperty("client.port");
    }

    /** GET path on the query API: the JSON on 200, else null (not up yet, 503 while rebalancing...). */
    JsonNode get(String path) {
        int port = httpPort();
        if (port < 0) {
            return null;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * What the API answers about the given entities (totals, mean sentiment, ids of the articles
     * mentioning each) and how many articles are stored; null while any answer is missing.
     */
    Map<String, String> answers(List<String> entities) {
        Map<String, String> answers = new TreeMap<>();
        JsonNode health = get("/health");
        JsonNode sink = health == null ? null : health.path("stages").path("sink").path("detail");
        if (sink == null || !"RUNNING".equals(sink.path("streams").asText())) {
            return null;
        }
        answers.put("storedArticles", sink.path("storedArticles").asText());
        for (String name : entities) {
            String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
            JsonNode entity = get("/entities/" + encoded);
            JsonNode articles = get("/articles?entity=" + encoded + "&limit=1000");
            if (entity == null || articles == null) {
                return null;
            }
            List<String> ids = new ArrayList<>();
            articles.path("items").forEach(a -> ids.add(a.path("id").asText()));
            ids.sort(String::compareTo);
            answers.put(name, String.format("articles=%d mentions=%d mean=%.6f ids=%s", entity.path("articleCount").asLong(),
                    entity.path("mentionCount").asLong(), entity.path("meanSentiment").asDouble(), ids));
        }
        return answers;
    }

    String logTail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGTERM (the shutdown hook closes the pipeline), then SIGKILL if it does not exit. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
