package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.config.StageConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class StageConfigTest {
    private static final ConfigDef DEF = new ConfigDef()
            .define("bootstrap.servers", Type.STRING, "localhost:9092", Importance.HIGH, "Kafka brokers.")
            .define("http.port", Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.MEDIUM, "HTTP port.")
            .define("api.token", Type.PASSWORD, "", Importance.LOW, "Token.");

    static final class TestConfig extends StageConfig {
        TestConfig(Map<String, ?> values) {
            super("test", DEF, values);
        }
    }

    @Test
    void shouldTakeFlagsOverEnvironmentOverFileOverDefaults() {
        Map<String, Object> merged = StageConfig.merge(DEF,
                Map.of("bootstrap.servers", "file:1", "http.port", "1"),
                Map.of("NEWSFLOW_HTTP_PORT", "2", "NEWSFLOW_BOOTSTRAP_SERVERS", "env:1"),
                Map.of("bootstrap.servers", "flag:1"));
        TestConfig config = new TestConfig(merged);

        assertThat(config.getString("bootstrap.servers")).isEqualTo("flag:1");
        assertThat(config.getInt("http.port")).isEqualTo(2);
    }

    @Test
    void shouldFailOnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> StageConfig.merge(DEF, Map.of("bootstrap.server", "x"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bootstrap.server'")
                .hasMessageContaining("properties file");
    }

    @Test
    void shouldRejectInvalidValueNamingKey() {
        assertThatThrownBy(() -> new TestConfig(Map.of("http.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port");
    }

    @Test
    void shouldPassKafkaClientSettingsThroughFromFileAndEnvironment() {
        Map<String, Object> merged = StageConfig.merge(DEF, Map.of("kafka.security.protocol", "SASL_SSL"),
                Map.of("NEWSFLOW_KAFKA_SASL_MECHANISM", "PLAIN"), Map.of());
        TestConfig config = new TestConfig(merged);

        assertThat(config.kafkaClientConfig("b:1"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("bootstrap.servers", "b:1");
    }

    @Test
    void shouldMaskSecretsWhenPrinted() {
        TestConfig config = new TestConfig(Map.of("api.token", "s3cret",
                "kafka.sasl.jaas.config", "PlainLoginModule required password=\"hunter2\";"));

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("hunter2").contains("[hidden]");
    }

    @Test
    void shouldNameEnvironmentVariablesAfterKeys() {
        assertThat(StageConfig.envName("feeds.poll-interval")).isEqualTo("NEWSFLOW_FEEDS_POLL_INTERVAL");
        assertThat(StageConfig.reference(DEF)).contains("`NEWSFLOW_HTTP_PORT`");
    }
}
