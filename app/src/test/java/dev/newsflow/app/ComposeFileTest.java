package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.testkit.DockerImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker-compose.yml must match the code (commands, config keys, ports, the Kafka image at the clients' version) and
 * scale: {@code docker compose up --scale enrich=3 --scale sink=3} gives each replica its own state and address.
 */
class ComposeFileTest {
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");
    private static final Pattern MAX_HEAP = Pattern.compile("-Xmx(\\d+)([mMgG])");
    private static final List<String> SCALED = List.of("enrich", "sink");
    private static final int SCALE = 3;
    /** Variables a service may set besides the stage's own NEWSFLOW_* keys. */
    private static final Set<String> NOT_CONFIG_KEYS = Set.of("JAVA_OPTS");
    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        Path file = Path.of("..", "docker-compose.yml");
        compose = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        services = compose.path("services");
    }

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("ingest", IngestConfig.DEFINITION, (Function<Map<String, String>, ?>) env ->
                        new IngestConfig(StageConfig.merge(IngestConfig.DEFINITION, Map.of(), env, Map.of()))),
                Arguments.of("enrich", EnrichConfig.DEFINITION, (Function<Map<String, String>, ?>) env ->
                        new EnrichConfig(StageConfig.merge(EnrichConfig.DEFINITION, Map.of(), env, Map.of()))),
                Arguments.of("sink", SinkConfig.DEFINITION, (Function<Map<String, String>, ?>) env ->
                        new SinkConfig(StageConfig.merge(SinkConfig.DEFINITION, Map.of(), env, Map.of()))));
    }

    @Test
    void shouldRunBrokersAtTheKafkaClientsVersionPinnedLikeTheTests() {
        List<String> brokers = kafkaServices();

        assertThat(brokers).hasSizeGreaterThanOrEqualTo(3);
        for (String broker : brokers) {
            assertThat(services.path(broker).path("image").asText()).as(broker)
                    .isEqualTo("apache/kafka:" + kafkaClientsVersion())
                    .isEqualTo(DockerImages.KAFKA.asCanonicalNameString());
        }
    }

    @Test
    void shouldSizeTopicsForTheBundledClusterAndTheSameWayInEveryService() {
        int brokers = kafkaServices().size();
        Map<String, String> partitions = new TreeMap<>();
        Map<String, String> replication = new TreeMap<>();
        for (String service : List.of("topics", "ingest", "enrich", "sink")) {
            Map<String, String> env = environment(services.path(service));
            partitions.put(service, env.get(StageConfig.envName(NewsTopics.PARTITIONS_KEY)));
            replication.put(service, env.get(StageConfig.envName(StageConfig.REPLICATION_FACTOR)));
        }

        assertThat(new java.util.HashSet<>(partitions.values())).as("partitions per service %s", partitions).hasSize(1);
        assertThat(new java.util.HashSet<>(replication.values())).as("replication per service %s", replication).hasSize(1);
        int topicPartitions = Integer.parseInt(partitions.get("topics"));
        int replicas = Integer.parseInt(replication.get("topics"));
        assertThat(topicPartitions).as("partitions: room for %d instances of each scaled stage", SCALE)
                .isGreaterThanOrEqualTo(SCALE * 4);
        assertThat(replicas).isEqualTo(3).isLessThanOrEqualTo(brokers);
        for (String broker : kafkaServices()) {
            Map<String, String> env = environment(services.path(broker));
            assertThat(Integer.parseInt(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"))).isEqualTo(replicas);
            assertThat(Integer.parseInt(env.get("KAFKA_MIN_INSYNC_REPLICAS"))).isBetween(2, replicas - 1);
            assertThat(Integer.parseInt(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"))).isEqualTo(replicas);
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(brokers);
        }
    }

    @ParameterizedTest(name = "{0} scales: own state per replica, no fixed name, host port or advertised address")
    @MethodSource("scaled")
    void shouldLetEveryReplicaKeepItsOwnStateAndAddress(String stage) {
        JsonNode service = services.path(stage);
        Map<String, String> env = environment(service);
        String stateDir = env.get(StageConfig.envName(EnrichConfig.STATE_DIR));

        assertThat(service.has("container_name")).as("%s: container_name allows one replica", stage).isFalse();
        assertThat(service.has("hostname")).as("%s: one hostname for every replica", stage).isFalse();
        assertThat(stateDir).as("%s sets its state.dir", stage).isNotBlank();
        assertThat(service.path("volumes")).as("%s: the state directory is a volume", stage)
                .anySatisfy(volume -> assertThat(volume.asText()).isEqualTo(stateDir));
        for (JsonNode volume : service.path("volumes")) {
            // Short syntax "SOURCE:TARGET" names a volume (or host path) every replica would share.
            assertThat(volume.asText()).as("%s: %s is shared by the replicas", stage, volume.asText()).doesNotContain(":");
        }
        assertThat(env.getOrDefault(StageConfig.envName(SinkConfig.APPLICATION_SERVER), ""))
                .as("%s: a fixed application.server would be the same for every replica", stage).isEmpty();
        for (JsonNode mapping : service.path("ports")) {
            assertThat(hostPorts(mapping.asText())).as("%s publishes %s", stage, mapping.asText())
                    .satisfiesAnyOf(ports -> assertThat(ports).isZero(), ports -> assertThat(ports).isGreaterThanOrEqualTo(SCALE));
        }
        int threads = Integer.parseInt(env.getOrDefault(StageConfig.envName(EnrichConfig.NUM_STREAM_THREADS), "1"));
        int partitions = Integer.parseInt(env.get(StageConfig.envName(NewsTopics.PARTITIONS_KEY)));
        assertThat(SCALE * threads).as("%s: every thread of %d replicas has a partition", stage, SCALE)
                .isLessThanOrEqualTo(partitions);
    }

    @Test
    void shouldKeepNamedVolumesForTheBrokersOnly() {
        Set<String> named = new java.util.TreeSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(named::add);

        assertThat(named).isEqualTo(kafkaServices().stream().map(broker -> broker + "-data").collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}: CPU and memory limits, heap below the memory limit")
    @MethodSource("allServices")
    void shouldLimitCpuAndMemoryWithHeapBelowTheLimit(String name) {
        JsonNode limits = services.path(name).path("deploy").path("resources").path("limits");
        Map<String, String> env = environment(services.path(name));
        // JAVA_OPTS for our image, KAFKA_HEAP_OPTS for Kafka's, JAVA_OPTS_APPEND for the registry's (ubi run-java).
        String heapOptions = env.getOrDefault("JAVA_OPTS", env.getOrDefault("KAFKA_HEAP_OPTS", env.get("JAVA_OPTS_APPEND")));

        assertThat(Double.parseDouble(limits.path("cpus").asText("0"))).as("%s cpus", name).isPositive();
        long memory = bytes(limits.path("memory").asText(""));
        assertThat(memory).as("%s memory", name).isPositive();
        assertThat(heapOptions).as("%s sets its heap (JAVA_OPTS, KAFKA_HEAP_OPTS or JAVA_OPTS_APPEND)", name).isNotNull();
        Matcher heap = MAX_HEAP.matcher(heapOptions);
        assertThat(heap.find()).as("%s: -Xmx in %s", name, heapOptions).isTrue();
        long maxHeap = Long.parseLong(heap.group(1)) * (heap.group(2).equalsIgnoreCase("g") ? 1L << 30 : 1L << 20);
        // Metaspace, thread stacks, direct buffers and RocksDB live outside the heap.
        assertThat(maxHeap).as("%s: heap leaves a quarter of the memory limit", name).isLessThanOrEqualTo(memory * 3 / 4);
    }

    @Test
    void shouldTakeSecretsFromTheShellNeverFromTheFile() {
        for (String name : List.of("topics", "ingest", "enrich", "sink")) {
            JsonNode environment = services.path(name).path("environment");
            for (String secret : List.of("NEWSFLOW_KAFKA_SASL_JAAS_CONFIG", "NEWSFLOW_HTTP_AUTH_TOKEN")) {
                if (environment.has(secret)) {
                    assertThat(environment.get(secret).isNull()).as("%s: %s has no value in the file", name, secret).isTrue();
                }
            }
        }
        for (String name : List.of("ingest", "sink")) {
            assertThat(services.path(name).path("environment").has("NEWSFLOW_HTTP_AUTH_TOKEN"))
                    .as("%s passes NEWSFLOW_HTTP_AUTH_TOKEN through", name).isTrue();
        }
    }

    @Test
    void shouldCreateTopicsWithSettingsFromTheEnvironmentNotTheCommandLine() {
        JsonNode topics = services.path("topics");
        Map<String, String> env = environment(topics);

        assertThat(topics.path("command")).hasSize(1);
        assertThat(env.keySet()).allSatisfy(name -> assertThat(NOT_CONFIG_KEYS.contains(name)
                || SinkConfig.DEFINITION.names().stream().anyMatch(key -> StageConfig.envName(key).equals(name))
                || name.startsWith("NEWSFLOW_KAFKA_")).as("topics: %s", name).isTrue());
        for (String broker : kafkaServices()) {
            assertThat(topics.path("depends_on").path(broker).path("condition").asText()).isEqualTo("service_healthy");
        }
    }

    @Test
    void shouldRunTheRegistryVersionTheTestsStartAndUseItByDefault() {
        String image = services.path("schema-registry").path("image").asText();
        assertThat(image).isEqualTo(DockerImages.SCHEMA_REGISTRY.asCanonicalNameString());
        assertThat(image).as("the version of the registry the ITs start (pom: apicurio-registry.version)")
                .endsWith(":" + System.getProperty("apicurio.registry.version"));
        for (String stage : new String[] {"topics", "ingest", "enrich", "sink"}) {
            Map<String, String> env = environment(services.path(stage));
            assertThat(env).as(stage).containsEntry("NEWSFLOW_VALUE_FORMAT", "avro-registry")
                    .containsEntry("NEWSFLOW_SCHEMA_REGISTRY_URL", "http://schema-registry:8080/apis/ccompat/v7");
        }
        assertThat(services.path("topics").path("depends_on").path("schema-registry").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void shouldInitialiseTopicsWithRealCommandBeforeStagesStart() {
        assertThat(services.path("topics").path("command").get(0).asText()).isEqualTo("topics");
        assertThat(NewsFlow.commandLine().getSubcommands()).containsKey("topics");
        for (String stage : new String[] {"ingest", "enrich", "sink"}) {
            assertThat(services.path(stage).path("depends_on").path("topics").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
    }

    @ParameterizedTest(name = "{0}: command, environment names and values match the stage config")
    @MethodSource("stages")
    void shouldUseOnlyConfigKeysTheStageKnows(String stage, ConfigDef definition, Function<Map<String, String>, ?> build) {
        JsonNode service = services.path(stage);
        assertThat(service.path("command").get(0).asText()).isEqualTo(stage);
        assertThat(NewsFlow.commandLine().getSubcommands()).containsKey(stage);

        Map<String, String> env = environment(service);
        Map<String, String> known = new HashMap<>();
        definition.names().forEach(key -> known.put(StageConfig.envName(key), key));
        assertThat(env.keySet()).allSatisfy(name -> assertThat(known.containsKey(name) || name.startsWith("NEWSFLOW_KAFKA_")
                        || NOT_CONFIG_KEYS.contains(name))
                .as("%s: %s is not a config key of the stage", stage, name).isTrue());
        assertThatCode(() -> build.apply(env)).as("%s config from the compose environment", stage).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: health check and published port use the configured HTTP port")
    @MethodSource("stages")
    void shouldCheckHealthOnConfiguredPort(String stage, ConfigDef definition, Function<Map<String, String>, ?> build) {
        JsonNode service = services.path(stage);
        String port = environment(service).get("NEWSFLOW_HTTP_PORT");

        assertThat(port).as("%s sets NEWSFLOW_HTTP_PORT", stage).isNotNull();
        assertThat(environment(service)).containsEntry("NEWSFLOW_HTTP_HOST", "0.0.0.0");
        assertThat(service.path("healthcheck").path("test").toString()).contains("localhost:" + port + "/health");
        for (JsonNode mapping : service.path("ports")) {
            assertThat(mapping.asText()).endsWith(":" + port);
        }
    }

    /** The version of the kafka-clients jar on the class path, as the jar itself records it. */
    private static String kafkaClientsVersion() {
        Properties version = new Properties();
        try (var in = org.apache.kafka.clients.producer.KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            version.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("kafka-clients carries no kafka/kafka-version.properties", e);
        }
        return version.getProperty("version");
    }

    static Stream<String> scaled() {
        return SCALED.stream();
    }

    static Stream<String> allServices() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    private static List<String> kafkaServices() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(name -> {
            if (services.path(name).path("image").asText().startsWith("apache/kafka:")) {
                names.add(name);
            }
        });
        return names;
    }

    /** How many host ports a short-syntax port mapping may use: 0 when the host side is left to Docker. */
    private static int hostPorts(String mapping) {
        String[] parts = mapping.split(":");
        if (parts.length == 1) {
            return 0;
        }
        String host = parts[parts.length - 2];
        if (host.isEmpty()) {
            return 0;
        }
        String[] range = host.split("-");
        return range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
    }

    /** A compose memory size (512M, 1G, 1536m) in bytes. */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmMgG]?)[bB]?").matcher(size.strip());
        if (!matcher.matches()) {
            return 0;
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    /**
     * The service's environment with ${VAR:-default} replaced by its default; variables without a value (passed
     * through from the shell when set there) are left out.
     */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : service.path("environment").properties()) {
            if (field.getValue().isNull()) {
                continue;
            }
            Matcher matcher = DEFAULTED.matcher(field.getValue().asText());
            env.put(field.getKey(), matcher.replaceAll(result -> Matcher.quoteReplacement(result.group(1))));
        }
        return env;
    }
}
