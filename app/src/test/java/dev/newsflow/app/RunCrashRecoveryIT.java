package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow run} killed with SIGKILL at several moments, then started again with the
 * same command: every stage comes back to RUNNING on its own, every article is stored, each
 * enriched exactly once under read_committed, and the API answers exactly as after a run that
 * never crashed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCrashRecoveryIT {
    private static final int ARTICLES = 40;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(150);
    private static final List<String> PEOPLE = List.of("Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni",
            "Pedro Sanchez", "Christine Lagarde");
    private static final List<String> ORGS = List.of("Siemens", "Volkswagen", "Airbus", "Deutsche Bank");
    private static final List<String> PLACES = List.of("Berlin", "Paris", "Madrid", "Rome");
    private static final List<String> ENTITIES = List.of("Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni",
            "Pedro Sanchez", "Christine Lagarde", "Siemens", "Volkswagen", "Airbus", "Deutsche Bank", "Berlin", "Paris");

    @TempDir
    static Path shared;
    static Path input;
    static Map<String, String> clean;

    @BeforeAll
    static void cleanRun() throws Exception {
        input = writeArticles(shared.resolve("articles"));
        Path dataDir = shared.resolve("clean");
        try (RunProcess run = RunProcess.start(dataDir, input, shared.resolve("clean.log"))) {
            AtomicReference<Map<String, String>> answers = new AtomicReference<>();
            await("clean run stores every article").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(run.isAlive()).as("clean run alive; log:%n%s", run.logTail()).isTrue();
                        Map<String, String> now = run.answers(ENTITIES);
                        answers.set(now);
                        return now != null && now.get("storedArticles").equals(String.valueOf(ARTICLES))
                                && run.progress().stored() == ARTICLES;
                    });
            // The entity index trails the article store by a repartition hop: wait until it stops moving.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Map<String, String> now = run.answers(ENTITIES);
                boolean same = now != null && now.equals(answers.get());
                answers.set(now);
                return same;
            });
            clean = answers.get();
            await("run prints the dashboard URL once the sink is ready").atMost(Duration.ofSeconds(10))
                    .until(() -> run.dashboardUrl() != null);
            assertThat(run.dashboardUrl()).isEqualTo("http://127.0.0.1:" + run.httpPort() + "/");
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(run.dashboardUrl())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/dashboard/app.js");
        }
        assertThat(clean.get("Angela Merkel")).as("the engine finds the entities the articles name").doesNotContain("articles=0");
    }

    @Test
    @Order(1)
    @Timeout(420)
    void shouldRecoverWhenKilledBeforeAnyCommit() throws Exception {
        crashAndRecover("before-commit", p -> p.enriched() >= 1);
    }

    @Test
    @Order(2)
    @Timeout(420)
    void shouldRecoverWhenKilledMidBatch() throws Exception {
        crashAndRecover("mid-batch", p -> p.stored() >= ARTICLES / 3);
    }

    @Test
    @Order(3)
    @Timeout(420)
    void shouldRecoverWhenKilledAfterEnrichBeforeTheSinkCaughtUp() throws Exception {
        crashAndRecover("after-enrich", p -> p.enriched() >= ARTICLES);
    }

    private void crashAndRecover(String name, Predicate<RunProcess.Progress> killWhen) throws Exception {
        Path dataDir = shared.resolve(name);
        RunProcess.Progress killedAt;
        try (RunProcess first = RunProcess.start(dataDir, input, shared.resolve(name + "-1.log"))) {
            await("the moment to kill (" + name + ")").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        assertThat(first.isAlive()).as("first run alive; log:%n%s", first.logTail()).isTrue();
                        RunProcess.Progress p = first.progress();
                        return killWhen.test(p) || p.stored() >= ARTICLES;
                    });
            killedAt = first.progress();
            first.kill();
        }
        long restarted = System.nanoTime();
        try (RunProcess second = RunProcess.start(dataDir, input, shared.resolve(name + "-2.log"))) {
            AtomicReference<Map<String, String>> last = new AtomicReference<>();
            await("recovery after kill -9 at " + killedAt).atMost(RECOVERY_LIMIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(second.isAlive()).as("restarted run alive; log:%n%s", second.logTail()).isTrue();
                        last.set(second.answers(ENTITIES));
                        return clean.equals(last.get());
                    });
            long seconds = Duration.ofNanos(System.nanoTime() - restarted).toSeconds();
            System.out.printf("%s: killed at %s, answers identical to the clean run %d s after the restart%n",
                    name, killedAt, seconds);
            assertThat(last.get()).isEqualTo(clean);
            assertThat(committedEnrichedPerId(second.bootstrapServers()))
                    .as("each article enriched exactly once under read_committed")
                    .hasSize(ARTICLES).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        }
    }

    /** Committed records per key in news.articles.enriched, read_committed from the beginning. */
    private static Map<String, Integer> committedEnrichedPerId(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-check-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("news.articles.enriched").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> counts.merge(r.key(), 1, Integer::sum));
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return counts;
    }

    /** ARTICLES short news articles naming people, companies and places, published in the last hours. */
    private static Path writeArticles(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String[] verbs = {"praised", "welcomed", "criticised", "warned about"};
        for (int i = 0; i < ARTICLES; i++) {
            String a = PEOPLE.get(i % PEOPLE.size());
            String b = PEOPLE.get((i + 1 + i / PEOPLE.size()) % PEOPLE.size());
            String org = ORGS.get(i % ORGS.size());
            String place = PLACES.get(i % PLACES.size());
            StringBuilder body = new StringBuilder();
            for (int s = 0; s < 4 + i % 4; s++) {
                String who = s % 2 == 0 ? a : b;
                body.append(who).append(' ').append(verbs[(i + s) % verbs.length]).append(" the results of ").append(org)
                        .append(" in ").append(place).append(" on the ").append(s + 1).append(". day of the talks. ");
            }
            body.append("Officials in ").append(place).append(" said the meeting went on late.");
            Map<String, Object> article = new LinkedHashMap<>();
            article.put("url", "https://example.org/crash/" + i);
            article.put("title", a + " meets " + b + " in " + place + " (" + i + ")");
            article.put("body", body.toString());
            article.put("source", "crash-test");
            article.put("publishedAt", now.minus(i * 7L, ChronoUnit.MINUTES).toString());
            Files.writeString(dir.resolve(String.format("a%03d.json", i)), json.writeValueAsString(article), StandardCharsets.UTF_8);
        }
        return dir;
    }
}
