package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichService;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkService;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka client settings given as kafka.* keys reach every client of every stage: against an embedded broker whose
 * only listener the stages are given is SASL_PLAINTEXT with SCRAM-SHA-256, the topics command, ingest (admin,
 * dedup consumer, producer), enrich and sink (admin and every Streams client) carry an article end to end with
 * the right credentials, and each command fails with one plain line with wrong ones.
 */
@Timeout(300)
class SaslPassThroughIT {
    private static final String USER = "newsflow";
    private static final String PASSWORD = "scram-secret-4711";
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().scramUser(USER, PASSWORD).build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The client settings an operator puts in a --config file. */
    private static Map<String, String> saslKeys(String password) {
        return Map.of(
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", EmbeddedKafkaBroker.SCRAM_MECHANISM,
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";");
    }

    private static Path clientProperties(Path dir, String password) throws IOException {
        Path file = dir.resolve("client-" + password + ".properties");
        Files.writeString(file, saslKeys(password).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n")));
        return file;
    }

    @Test
    void shouldCarryAnArticleThroughEveryStageWithTheRightCredentials(@TempDir Path dir) throws Exception {
        String bootstrap = broker.saslBootstrapServers();
        String prefix = KafkaTestBroker.uniqueName("sasl") + ".";
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.writeString(input.resolve("ferry.txt"), "Ferry link resumes\n\nThe Ferry between the islands sails again "
                + "after the storm, the operator said on Saturday.\n", StandardCharsets.UTF_8);

        int topicsExit = NewsFlow.commandLine().execute("topics", "--bootstrap-servers", bootstrap, "--topic-prefix", prefix,
                "--partitions", "2", "--config", clientProperties(dir, PASSWORD).toString());
        assertThat(topicsExit).as("topics over SASL").isZero();

        Map<String, Object> common = new HashMap<>(saslKeys(PASSWORD));
        common.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrap);
        common.put(SinkConfig.TOPIC_PREFIX, prefix);
        Map<String, Object> sinkValues = new HashMap<>(common);
        sinkValues.put(SinkConfig.APPLICATION_ID, prefix + "sink");
        sinkValues.put(SinkConfig.STATE_DIR, dir.resolve("sink-state").toString());
        sinkValues.put(SinkConfig.HTTP_PORT, 0);
        sinkValues.put(SinkConfig.COMMIT_INTERVAL_MS, 100L);
        Map<String, Object> enrichValues = new HashMap<>(common);
        enrichValues.put(EnrichConfig.APPLICATION_ID, prefix + "enrich");
        enrichValues.put(EnrichConfig.STATE_DIR, dir.resolve("enrich-state").toString());
        enrichValues.put(EnrichConfig.HTTP_PORT, -1);
        enrichValues.put(EnrichConfig.COMMIT_INTERVAL_MS, 100L);
        Map<String, Object> ingestValues = new HashMap<>(common);
        ingestValues.put(IngestConfig.INPUTS, input.toString());
        SinkConfig sinkConfig = new SinkConfig(sinkValues);
        EnrichConfig enrichConfig = new EnrichConfig(enrichValues);
        IngestConfig ingestConfig = new IngestConfig(ingestValues);

        try (SinkService sink = new SinkService(sinkConfig, new SimpleMeterRegistry());
             EnrichService enrich = new EnrichService(enrichConfig, new OneEntityEngine(), new SimpleMeterRegistry());
             IngestService ingest = new IngestService(ingestConfig, new SimpleMeterRegistry())) {
            sink.start();
            enrich.start();
            IngestResult ingested = ingest.runOnce();
            assertThat(ingested.published()).isEqualTo(1);

            // Stored by id, and indexed by entity (through the sink's repartition topics): every Streams client worked.
            await().atMost(Duration.ofSeconds(120)).until(() -> sink.storedArticleCount() == 1
                    && status(sink.httpPort(), "/entities/ferry") == 200);
            assertThat(enrich.metrics().enrichedTotal()).isEqualTo(1);
        }

        try (Admin admin = Admin.create(sinkConfig.kafkaClientConfig(bootstrap))) {
            TopicDescription raw = admin.describeTopics(List.of(prefix + NewsTopics.RAW)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(prefix + NewsTopics.RAW);
            assertThat(raw.partitions()).as("created by the topics command with --partitions 2").hasSize(2);
        }
        for (StageConfig config : List.<StageConfig>of(sinkConfig, enrichConfig, ingestConfig)) {
            assertThat(config.toString()).as(config.stage()).contains("kafka.sasl.jaas.config=[hidden]")
                    .contains("kafka.security.protocol=SASL_PLAINTEXT").doesNotContain(PASSWORD);
        }
    }

    @ParameterizedTest(name = "{0} with a wrong password: exit 1, one plain line naming the cause")
    @ValueSource(strings = {"topics", "ingest", "sink"})
    void shouldFailWithOnePlainLineWithWrongCredentials(String command, @TempDir Path dir) throws Exception {
        String bootstrap = broker.saslBootstrapServers();
        Path config = clientProperties(dir, "not-the-password");
        Path input = Files.writeString(dir.resolve("one.txt"), "One line of news.\n");
        List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", bootstrap, "--config", config.toString()));
        switch (command) {
            case "ingest" -> args.addAll(List.of("--once", "--input", input.toString()));
            case "sink" -> args.addAll(List.of("--http-port", "0", "--state-dir", dir.resolve("state").toString()));
            default -> args.addAll(List.of("--topic-prefix", KafkaTestBroker.uniqueName("wrong") + "."));
        }

        Result result = runCli(args, dir.resolve("stderr.txt"));

        assertThat(result.exit()).as("exit code; stderr:%n%s", result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread")
                .doesNotContain("Caused by:").doesNotContain(PASSWORD).doesNotContain("not-the-password");
        // The command's own lines (Kafka's client logs its own ERROR line about the login too).
        List<String> told = result.stderr().lines().filter(line -> !LOG_LINE.matcher(line).find()
                && (line.startsWith(command + ":") || line.startsWith("newsflow " + command + ":")
                        || line.startsWith("Sink could not start"))
                && line.contains("Authentication failed")).toList();
        assertThat(told).as("the command's own message; stderr:%n%s", result.stderr()).hasSize(1);
        assertThat(told.get(0)).contains(bootstrap).contains(EmbeddedKafkaBroker.SCRAM_MECHANISM);
    }

    /** A log line (time, level, logger) rather than a message of the command itself. */
    private static final java.util.regex.Pattern LOG_LINE =
            java.util.regex.Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");

    private record Result(int exit, String stderr) {
    }

    /** {@code newsflow ARGS} in a child JVM with the application's own logging configuration, as an operator runs it. */
    private static Result runCli(List<String> args, Path stderr) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), NewsFlow.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("newsflow " + args + " still running after 90 s; stderr:\n" + Files.readString(stderr));
        }
        return new Result(process.exitValue(), Files.readString(stderr));
    }

    private static int status(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A stand-in for the NLP engine: "Ferry" is an organization wherever it appears. */
    private static final class OneEntityEngine implements NewsEngine {
        @Override
        public String name() {
            return "one-entity";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public Annotation annotate(Document document) {
            String text = document.text();
            List<Mention> mentions = new ArrayList<>();
            for (int at = text.indexOf("Ferry"); at >= 0; at = text.indexOf("Ferry", at + 1)) {
                mentions.add(new Mention(at, at + 5, "Ferry", EntityType.ORGANIZATION));
            }
            List<EntityAnnotation> entities = mentions.isEmpty() ? List.of()
                    : List.of(new EntityAnnotation("Ferry", EntityType.ORGANIZATION, 1.0, Sentiment.NEUTRAL, mentions));
            return new Annotation("en", Sentiment.NEUTRAL, List.of(new SentenceAnnotation(0, text.length(), Sentiment.NEUTRAL)),
                    entities, List.of(), null);
        }
    }
}
