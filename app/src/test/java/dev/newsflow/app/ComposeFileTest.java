package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.testkit.DockerImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml must match the code: commands, config keys, ports and the pinned Kafka image. */
class ComposeFileTest {
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        Path compose = Path.of("..", "docker-compose.yml");
        services = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(compose)).path("services");
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
    void shouldPinTheSameKafkaImageAsTheTests() {
        assertThat(services.path("kafka").path("image").asText()).isEqualTo(DockerImages.KAFKA.asCanonicalNameString());
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
        assertThat(env.keySet()).allSatisfy(name -> assertThat(known.containsKey(name) || name.startsWith("NEWSFLOW_KAFKA_"))
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

    /** The service's environment with ${VAR:-default} replaced by its default. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : service.path("environment").properties()) {
            Matcher matcher = DEFAULTED.matcher(field.getValue().asText());
            env.put(field.getKey(), matcher.replaceAll(result -> Matcher.quoteReplacement(result.group(1))));
        }
        return env;
    }
}
