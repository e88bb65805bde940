package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Crash soak: {@code newsflow run} (the application jar, in a child JVM) on a directory that
 * keeps receiving articles, killed with SIGKILL at random moments and started again, for N
 * minutes. Each restart is timed until the sink's /health says RUNNING ("stuck" when it does
 * not within the limit). At the end one last start must store every article written; then the
 * enriched topic is read under read_committed to count lost and duplicated articles.
 *
 * <p>Args: [minutes (default 10)] [articles written per 3 s (default 5)] [jar (default
 * app/target/newsflow.jar)]. Reports restarts, recovery seconds (median, max), stuck, lost,
 * duplicated.
 */
public final class CrashSoak {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STUCK_AFTER = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private CrashSoak() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perTick = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path jar = Path.of(args.length > 2 ? args[2] : "app/target/newsflow.jar");
        Path work = Files.createTempDirectory("newsflow-soak-");
        Path input = Files.createDirectories(work.resolve("articles"));
        Path data = work.resolve("data");
        Random random = new Random(17);
        int written = 0;
        int restarts = 0;
        int stuck = 0;
        List<Long> recoveries = new ArrayList<>();
        Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
        System.out.printf("Soak in %s for %d min, %d articles every 3 s%n", work, minutes, perTick);
        while (Instant.now().isBefore(end)) {
            Process run = start(jar, data, input, work.resolve("run-" + restarts + ".log"));
            long started = System.nanoTime();
            boolean running = false;
            while (System.nanoTime() - started < STUCK_AFTER.toNanos() && run.isAlive()) {
                written = write(input, written, perTick);
                if ("RUNNING".equals(phase(work.resolve("run-" + restarts + ".log")))) {
                    running = true;
                    break;
                }
                Thread.sleep(3000);
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (running) {
                recoveries.add(seconds);
            } else {
                stuck++;
                System.out.printf("restart %d: not RUNNING after %d s (see %s)%n", restarts, seconds,
                        work.resolve("run-" + restarts + ".log"));
            }
            long dwell = random.nextInt(15_000);
            for (long waited = 0; waited < dwell; waited += 3000) {
                written = write(input, written, perTick);
                Thread.sleep(Math.min(3000, dwell - waited));
            }
            run.destroyForcibly();
            run.waitFor(30, TimeUnit.SECONDS);
            restarts++;
            System.out.printf("restart %d: RUNNING after %d s, killed %d ms later; %d articles written%n",
                    restarts, seconds, dwell, written);
        }
        Path lastLog = work.resolve("final.log");
        Process last = start(jar, data, input, lastLog);
        long stored = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && last.isAlive()) {
            JsonNode health = get(lastLog, "/health");
            stored = health == null ? 0 : health.path("storedArticles").asLong();
            if (stored == written && "RUNNING".equals(health.path("phase").asText())) {
                break;
            }
            Thread.sleep(2000);
        }
        Map<String, Integer> perId = committedPerId(bootstrap(data));
        long duplicated = perId.values().stream().filter(c -> c > 1).count();
        long lost = written - perId.size();
        last.destroy();
        last.waitFor(60, TimeUnit.SECONDS);
        recoveries.sort(Long::compare);
        System.out.printf("restarts=%d stuck=%d recovery_s_median=%d recovery_s_max=%d written=%d stored=%d "
                        + "enriched_ids=%d lost=%d duplicated=%d%n",
                restarts, stuck, recoveries.isEmpty() ? -1 : recoveries.get(recoveries.size() / 2),
                recoveries.isEmpty() ? -1 : recoveries.get(recoveries.size() - 1), written, stored, perId.size(), lost,
                duplicated);
    }

    private static Process start(Path jar, Path data, Path input, Path log) throws IOException {
        return new ProcessBuilder("java", "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-jar", jar.toString(), "run",
                "--data-dir", data.toString(), "--input", input.toString(), "--http-port", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
    }

    private static int write(Path input, int written, int count) throws IOException {
        String[] people = {"Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni", "Pedro Sanchez"};
        String[] places = {"Berlin", "Paris", "Madrid", "Rome"};
        for (int i = written; i < written + count; i++) {
            String who = people[i % people.length];
            String place = places[i % places.length];
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("url", "https://example.org/soak/" + i);
            article.put("title", who + " in " + place + " (" + i + ")");
            article.put("body", (who + " praised the talks in " + place + " on day " + i + ". ").repeat(4)
                    + "Officials in " + place + " criticised the delays.");
            article.put("publishedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            Path tmp = input.resolve("a" + i + ".json.tmp");
            Files.writeString(tmp, JSON.writeValueAsString(article), StandardCharsets.UTF_8);
            Files.move(tmp, input.resolve("a" + i + ".json"));
        }
        return written + count;
    }

    private static int port(Path log) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf("Query API on http://127.0.0.1:");
            if (at >= 0) {
                String rest = line.substring(at + "Query API on http://127.0.0.1:".length());
                return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
            }
        }
        return -1;
    }

    private static JsonNode get(Path log, String path) {
        try {
            int port = port(log);
            if (port < 0) {
                return null;
            }
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String phase(Path log) {
        JsonNode health = get(log, "/health");
        return health == null ? "" : health.path("phase").asText();
    }

    private static String bootstrap(Path data) throws IOException {
        Properties ports = new Properties();
        try (var reader = Files.newBufferedReader(data.resolve("broker/listeners.properties"))) {
            ports.load(reader);
        }
        return "127.0.0.1:" + ports.getProperty("client.port");
    }

    private static Map<String, Integer> committedPerId(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "soak-check-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("news.articles.enriched").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> counts.merge(r.key(), 1, Integer::sum));
            }
        }
        return counts;
    }
}
