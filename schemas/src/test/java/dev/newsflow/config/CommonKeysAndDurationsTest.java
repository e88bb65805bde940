package dev.newsflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommonKeysAndDurationsTest {
    private static final ConfigDef DEFINITION = StageConfig.withCommonKeys(new ConfigDef(), 8080, "the test server", true)
            .define("poll.interval.ms", ConfigDef.Type.LONG, 1000L, ConfigDef.Importance.LOW, "Poll interval.")
            .define("fetch.timeout.ms", ConfigDef.Type.INT, 1000, ConfigDef.Importance.LOW, "Fetch timeout.");

    private static final class TestConfig extends StageConfig {
        TestConfig(Map<String, ?> values) {
            super("test", DEFINITION, values);
        }
    }

    private static TestConfig config(Map<String, String> file, Map<String, String> env) {
        return new TestConfig(StageConfig.merge(DEFINITION, file, env, Map.of()));
    }

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"86400000, 86400000", "24h, 86400000", "PT24H, 86400000", "pt24h, 86400000", "1h30m, 5400000",
            "500ms, 500", "7d, 604800000", "P7D, 604800000", "PT0.25S, 250"})
    void shouldTakeMillisecondsOrEitherDurationSyntaxInEveryMsKey(String given, long millis) {
        assertThat(config(Map.of("poll.interval.ms", given), Map.of()).getLong("poll.interval.ms")).isEqualTo(millis);
        assertThat(config(Map.of(), Map.of("NEWSFLOW_POLL_INTERVAL_MS", given)).getLong("poll.interval.ms")).isEqualTo(millis);
    }

    @Test
    void shouldNameTheKeyAndTheSyntaxForADurationItCannotRead() {
        assertThatThrownBy(() -> config(Map.of("fetch.timeout.ms", "ten seconds"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fetch.timeout.ms").hasMessageContaining("24h").hasMessageContaining("PT24H");
        assertThatThrownBy(() -> config(Map.of("fetch.timeout.ms", "30d"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("longer than");
    }

    @Test
    void shouldGiveEveryStageTheSameCommonKeysAndDefaults() {
        TestConfig config = config(Map.of(), Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.replicationFactor()).isEqualTo((short) -1);
        assertThat(config.getString(StageConfig.HTTP_HOST)).isEqualTo("127.0.0.1");
        assertThat(config.getInt(StageConfig.HTTP_PORT)).isEqualTo(8080);
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config(Map.of("log.level", "debug"), Map.of()).logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void shouldRefuseAReplicationFactorOfZeroAndAnUnknownLogLevel() {
        assertThatThrownBy(() -> config(Map.of("replication.factor", "0"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("replication.factor");
        assertThatThrownBy(() -> config(Map.of("log.level", "LOUD"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.level").hasMessageContaining("DEBUG");
    }

    @Test
    void shouldWarnOnceForEachNewsflowVariableThatSetsNothing() {
        Map<String, String> env = Map.of("NEWSFLOW_HTTP_PORT", "1", "NEWSFLOW_HTTP_PROT", "2", "NEWSFLOW_POLL_INTERVAL", "3",
                "NEWSFLOW_KAFKA_SASL_MECHANISM", "PLAIN", "NEWSFLOW_JAVA_OPTS", "-Xmx1g", "PATH", "/bin");

        List<String> warnings = StageConfig.unknownEnvironment(env, List.of(DEFINITION));

        assertThat(warnings).containsExactly(
                "Environment variable NEWSFLOW_HTTP_PROT sets no NewsFlow setting (misspelt?); it is ignored",
                "Environment variable NEWSFLOW_POLL_INTERVAL sets no NewsFlow setting (misspelt?); it is ignored");
    }

    @Test
    void shouldReadDurationsInBothSyntaxes() {
        assertThat(Durations.parse("24h")).contains(Duration.ofHours(24));
        assertThat(Durations.parse("PT24H")).contains(Duration.ofHours(24));
        assertThat(Durations.parse("24")).isEmpty();
        assertThat(Durations.parse("soon")).isEmpty();
    }
}
