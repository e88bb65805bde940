package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.format.RegistrySettings;
import dev.newsflow.schemas.format.SchemaRegistryClient;
import dev.newsflow.schemas.format.TopicSerdes;
import dev.newsflow.schemas.format.ValueFormat;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkTopics;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.TestSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in {@code avro-registry} and {@code json} mode through the real broker (and,
 * for the registry mode, a real schema registry process), then every NewsFlow topic read back by
 * clients that are not NewsFlow's: Python's {@code confluent_kafka} with its schema-registry Avro
 * decoder, and kcat with a JSON parser. The dead-letter topic keeps the original bytes in both.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(600)
class ThirdPartyReadersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BROKEN_KEY = "no-id";
    private static final Map<String, String> TITLES = Map.of(
            "https://news.example.org/a/merkel-macron", "Merkel and Macron meet in Paris",
            "https://news.example.org/a/toyota-recall", "Toyota recalls cars in Japan",
            "https://news.example.org/a/nasa-launch", "NASA launches a probe from Florida");

    @TempDir
    Path dir;

    @Test
    void shouldLetPythonConfluentKafkaReadEveryTopicInRegistryFormat(KafkaTestBroker broker) throws Exception {
        // Debian's interpreter, where python3-confluent-kafka is installed (another python3 may come first on PATH).
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
                : requireTool("python3", "python3-confluent-kafka and python3-avro");
        Assumptions.assumeTrue(run(List.of(python, "-c", "import confluent_kafka.avro"), Duration.ofSeconds(30)).exitCode() == 0,
                "python3-confluent-kafka (with python3-avro) is not installed: apt-get install python3-confluent-kafka "
                        + "python3-avro (.ci/run installs them)");
        String kcat = requireTool("kcat", "kcat");
        String registry = TestSchemaRegistry.url();
        String prefix = KafkaTestBroker.uniqueName("registry") + ".";

        runPipeline(broker, prefix, Map.of(TopicSerdes.VALUE_FORMAT, ValueFormat.AVRO_REGISTRY.configName(),
                TopicSerdes.REGISTRY_URL, registry));

        Path script = Path.of("src/test/resources/readers/read_registry_topics.py").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(python, script.toString(), broker.bootstrapServers(), registry));
        command.addAll(valueTopics(prefix));
        Result read = run(command, Duration.ofSeconds(120));
        assertThat(read.exitCode()).as("python reader failed: %s", read.stderr()).isZero();
        Map<String, List<JsonNode>> byTopic = byTopic(read.stdout().lines().map(ThirdPartyReadersIT::parse).toList());

        assertEveryTopicReadable(prefix, byTopic);
        List<JsonNode> dlq = deadLetters(kcat, broker, prefix);
        assertThat(dlq.get(0).get("payload").asText()).as("original registry-format bytes").startsWith("\u0000");
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.from(Map.of(TopicSerdes.REGISTRY_URL, registry)));
        for (String topic : valueTopics(prefix)) {
            assertThat(client.compatibility(topic + "-value")).as("compatibility of %s-value", topic).isEqualTo("BACKWARD");
        }
    }

    @Test
    void shouldRefuseToStartWhenTheRegistryHoldsAnIncompatibleSchema(KafkaTestBroker broker) throws Exception {
        String registry = TestSchemaRegistry.url();
        String prefix = KafkaTestBroker.uniqueName("breaking") + ".";
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.from(Map.of(TopicSerdes.REGISTRY_URL, registry)));
        String subject = prefix + NewsTopics.RAW + "-value";
        client.setCompatibility(subject, "BACKWARD");
        // Data under this subject has a required field Article lacks and no id: Article cannot read it.
        client.register(subject, new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "Article", "namespace": "dev.newsflow.schemas.avro",
                 "fields": [{"name": "headline", "type": "string"}, {"name": "wordCount", "type": "int"}]}
                """));
        Path config = dir.resolve("registry.properties");
        Files.writeString(config, "value.format=avro-registry\nschema.registry.url=" + registry + "\n");

        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exitCode;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            exitCode = NewsFlow.commandLine().execute("topics", "--bootstrap-servers", broker.bootstrapServers(),
                    "--topic-prefix", prefix, "--config", config.toString());
        } finally {
            System.setErr(original);
        }

        String lastLine = stderr.toString(StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(exitCode).isEqualTo(1);
        assertThat(lastLine).startsWith("newsflow topics: The schema registry refuses schema dev.newsflow.schemas.avro.Article")
                .contains("incompatible").contains(subject);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }

    @Test
    void shouldLetKcatReadEveryTopicAsJsonInJsonFormat(KafkaTestBroker broker) throws Exception {
        String kcat = requireTool("kcat", "kcat");
        String prefix = KafkaTestBroker.uniqueName("json") + ".";

        runPipeline(broker, prefix, Map.of(TopicSerdes.VALUE_FORMAT, ValueFormat.JSON.configName()));

        Map<String, List<JsonNode>> byTopic = new LinkedHashMap<>();
        for (String topic : valueTopics(prefix)) {
            for (JsonNode envelope : kcatRead(kcat, broker, topic)) {
                JsonNode payload = envelope.get("payload");
                ObjectNodeBuilder record = new ObjectNodeBuilder(topic, envelope.path("key").asText(null),
                        payload == null || payload.isNull() ? null : JSON.readTree(payload.asText()));
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(record.node());
            }
        }

        assertEveryTopicReadable(prefix, byTopic);
        JsonNode raw = byTopic.get(prefix + NewsTopics.RAW).get(0).get("value");
        assertThat(raw.get("ingestedAt").asText()).as("timestamps are ISO-8601 strings").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        List<JsonNode> dlq = deadLetters(kcat, broker, prefix);
        assertThat(JSON.readTree(dlq.get(0).get("payload").asText()).get("source").asText())
                .as("original JSON bytes").isEqualTo("third-party-test");
    }

    private void assertEveryTopicReadable(String prefix, Map<String, List<JsonNode>> byTopic) {
        List<JsonNode> raw = byTopic.getOrDefault(prefix + NewsTopics.RAW, List.of()).stream()
                .filter(record -> !BROKEN_KEY.equals(record.get("key").asText())).toList();
        assertThat(raw).as("raw articles").hasSize(TITLES.size());
        assertThat(raw).allSatisfy(record -> {
            assertThat(record.get("value").get("id").asText()).isEqualTo(record.get("key").asText());
            assertThat(TITLES.values()).contains(record.get("value").get("title").asText());
        });
        List<JsonNode> enriched = byTopic.getOrDefault(prefix + NewsTopics.ENRICHED, List.of());
        assertThat(enriched.stream().map(r -> r.get("key").asText()).collect(Collectors.toSet()))
                .as("every raw article enriched").isEqualTo(raw.stream().map(r -> r.get("key").asText()).collect(Collectors.toSet()));
        List<String> entities = enriched.stream().flatMap(r -> stream(r.get("value").get("entities")))
                .map(entity -> entity.get("name").asText()).toList();
        assertThat(entities).as("entities found by enrich").isNotEmpty();
        assertThat(enriched).allSatisfy(r -> assertThat(r.get("value").get("sentiment").get("label").asText())
                .isIn("NEGATIVE", "NEUTRAL", "POSITIVE"));

        List<JsonNode> index = byTopic.getOrDefault(prefix + SinkTopics.ENTITY_INDEX, List.of());
        assertThat(index).as("entity index").isNotEmpty();
        assertThat(index.stream().map(r -> r.get("value").get("name").asText()).toList())
                .as("the index names entities enrich found").containsAnyElementsOf(entities);
        assertThat(byTopic.getOrDefault(prefix + SinkTopics.ENTITY_ARTICLES, List.of()))
                .as("entity articles").isNotEmpty()
                .anySatisfy(r -> assertThat(raw.stream().map(a -> a.get("key").asText()))
                        .contains(r.get("value").get("articleId").asText()));
        for (String windows : List.of(SinkTopics.SENTIMENT_HOURLY, SinkTopics.SENTIMENT_DAILY)) {
            assertThat(byTopic.getOrDefault(prefix + windows, List.of())).as(windows).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.get("value").get("mentions").asInt()).isPositive());
        }
    }

    /** The one dead letter (the article without an id), read as bytes with its reason headers. */
    private static List<JsonNode> deadLetters(String kcat, KafkaTestBroker broker, String prefix) throws IOException {
        List<JsonNode> dlq = kcatRead(kcat, broker, prefix + NewsTopics.DLQ);
        assertThat(dlq).as("dead letters").hasSize(1);
        assertThat(dlq.get(0).get("key").asText()).isEqualTo(BROKEN_KEY);
        assertThat(dlq.get(0).get("headers").toString()).contains("newsflow.dlq.reason").contains("invalid-article");
        return dlq;
    }

    private void runPipeline(KafkaTestBroker broker, String prefix, Map<String, String> format) throws Exception {
        Path input = dir.resolve("articles.jsonl");
        Instant published = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder lines = new StringBuilder();
        lines.append(article("https://news.example.org/a/merkel-macron", published,
                "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Tuesday. "
                        + "Merkel praised the agreement, and Macron said Germany and France would work together."));
        lines.append(article("https://news.example.org/a/toyota-recall", published,
                "Toyota said on Monday it would recall thousands of cars in Japan after a fault in the brakes. "
                        + "Toyota shares fell in Tokyo as investors worried about the cost."));
        lines.append(article("https://news.example.org/a/nasa-launch", published,
                "NASA launched a new probe from Cape Canaveral in Florida on Friday. "
                        + "The agency said the launch went well and the probe would reach Jupiter in six years."));
        Files.writeString(input, lines);

        Map<String, Object> common = new HashMap<>(format);
        common.put("bootstrap.servers", broker.bootstrapServers());
        common.put("topic.prefix", prefix);
        Map<String, Object> ingest = new HashMap<>(common);
        ingest.put(IngestConfig.INPUTS, input.toString());
        Map<String, Object> enrich = new HashMap<>(common);
        enrich.put(EnrichConfig.APPLICATION_ID, prefix + "enrich");
        enrich.put(EnrichConfig.STATE_DIR, dir.resolve("enrich-state").toString());
        enrich.put(EnrichConfig.HTTP_PORT, -1);
        Map<String, Object> sink = new HashMap<>(common);
        sink.put(SinkConfig.APPLICATION_ID, prefix + "sink");
        sink.put(SinkConfig.STATE_DIR, dir.resolve("sink-state").toString());
        sink.put(SinkConfig.HTTP_PORT, 0);

        try (Pipeline pipeline = new Pipeline(null, new IngestConfig(ingest), new EnrichConfig(enrich), new SinkConfig(sink))
                .start()) {
            assertThat(pipeline.ingestOnce().published()).isEqualTo(TITLES.size());
            // An article that breaks the contract (no id), in the deployment's format: enrich dead-letters it.
            Topic<String, Article> raw = NewsTopics.of(prefix, TopicSerdes.of(ValueFormat.fromConfig(format.get(TopicSerdes.VALUE_FORMAT)),
                    format)).raw();
            Article noId = Article.newBuilder().setId("").setSource("third-party-test").setBody("No id.")
                    .setIngestedAt(Instant.now()).setContentHash("none").build();
            try (KafkaProducer<String, Article> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), raw.keySerde().serializer(), raw.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(raw.name(), BROKEN_KEY, noId)).get(30, TimeUnit.SECONDS);
            }
            assertThat(pipeline.awaitCaughtUp(Duration.ofMinutes(4), progress -> { }, () -> false))
                    .as("pipeline caught up").isTrue();
        }
    }

    private static String article(String url, Instant published, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("url", url);
        fields.put("title", TITLES.get(url));
        fields.put("publishedAt", published.toString());
        fields.put("language", "en");
        fields.put("body", body);
        try {
            return JSON.writeValueAsString(fields) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> valueTopics(String prefix) {
        return List.of(prefix + NewsTopics.RAW, prefix + NewsTopics.ENRICHED, prefix + SinkTopics.ENTITY_INDEX,
                prefix + SinkTopics.ENTITY_ARTICLES, prefix + SinkTopics.SENTIMENT_HOURLY, prefix + SinkTopics.SENTIMENT_DAILY);
    }

    /** Every record of a topic through kcat's JSON envelope (key, payload as text, headers). */
    private static List<JsonNode> kcatRead(String kcat, KafkaTestBroker broker, String topic) throws IOException {
        Result read = run(List.of(kcat, "-C", "-b", broker.bootstrapServers(), "-t", topic, "-o", "beginning", "-e", "-J", "-q",
                "-X", "isolation.level=read_committed"), Duration.ofSeconds(60));
        assertThat(read.exitCode()).as("kcat on %s: %s", topic, read.stderr()).isZero();
        return read.stdout().lines().filter(line -> !line.isBlank()).map(ThirdPartyReadersIT::parse).toList();
    }

    private static Map<String, List<JsonNode>> byTopic(List<JsonNode> records) {
        Map<String, List<JsonNode>> byTopic = new LinkedHashMap<>();
        records.stream().filter(r -> !r.get("value").isNull())
                .forEach(r -> byTopic.computeIfAbsent(r.get("topic").asText(), t -> new ArrayList<>()).add(r));
        return byTopic;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + line, e);
        }
    }

    /** The path of a tool, or the test is skipped saying which package brings it. */
    private static String requireTool(String name, String packages) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        Assumptions.abort(name + " is not installed: apt-get install " + packages + " (.ci/run installs it)");
        return name;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not finish within " + timeout + "; stderr: " + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command.get(0), e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record in the shape the Python reader prints: topic, key, value. */
    private record ObjectNodeBuilder(String topic, String key, JsonNode value) {
        JsonNode node() {
            return JSON.createObjectNode().put("topic", topic).put("key", key).set("value", value == null ? JSON.nullNode() : value);
        }
    }
}
