package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.config.ArticleLimit;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandConfigTest {
    @TempDir
    Path dataDir;

    private RunCommand command() {
        RunCommand command = new RunCommand();
        command.dataDir = dataDir;
        return command;
    }

    @Test
    void shouldRefuseAnIngestLimitAboveEnrichsSoNothingAcceptedIsDeadLetteredAsTooLarge() {
        assertThatThrownBy(() -> command().createPipeline(Map.of(ArticleLimit.INGEST_KEY, "300000"), null, "127.0.0.1:1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ArticleLimit.INGEST_KEY).hasMessageContaining(ArticleLimit.ENRICH_KEY);
        assertThatThrownBy(() -> command().createPipeline(Map.of(ArticleLimit.ENRICH_KEY, "1000"), null, "127.0.0.1:1"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldAcceptEqualLimitsAndALowerIngestLimit() {
        assertThat(command().createPipeline(Map.of(), null, "127.0.0.1:1")).isNotNull();
        assertThat(command().createPipeline(Map.of(ArticleLimit.INGEST_KEY, "1000"), null, "127.0.0.1:1")).isNotNull();
    }

    @Test
    void shouldDefaultTheOnceDeadlineToTenMinutes() {
        assertThat(new RunConfig(Map.of()).onceTimeout()).hasMinutes(10);
    }

    @Test
    void shouldTakeTheQueryApiPortFromTheEnvironmentUnlessTheFlagIsGiven() {
        RunCommand fromEnv = command();
        fromEnv.env = Map.of("NEWSFLOW_HTTP_PORT", "9123", "NEWSFLOW_LOG_LEVEL", "WARN");
        new picocli.CommandLine(fromEnv).parseArgs();
        RunCommand flagged = command();
        flagged.env = Map.of("NEWSFLOW_HTTP_PORT", "9123");
        new picocli.CommandLine(flagged).parseArgs("--http-port", "0", "--set", "poll.interval.ms=10m");

        assertThat(fromEnv.sinkConfig(Map.of(), "127.0.0.1:1").httpPort()).isEqualTo(9123);
        assertThat(fromEnv.sinkConfig(Map.of(), "127.0.0.1:1").logLevel()).isEqualTo("WARN");
        // the one HTTP server of run is the query API: ingest and enrich serve nothing of their own
        assertThat(fromEnv.ingestConfig(Map.of(), "127.0.0.1:1").getInt("http.port")).isEqualTo(-1);
        assertThat(fromEnv.enrichConfig(Map.of(), "127.0.0.1:1").getInt("http.port")).isEqualTo(-1);
        assertThat(flagged.sinkConfig(Map.of(), "127.0.0.1:1").httpPort()).isZero();
        assertThat(flagged.ingestConfig(Map.of(), "127.0.0.1:1").getLong("poll.interval.ms")).isEqualTo(600_000L);
    }

    @Test
    void shouldUseTheClusterTheEnvironmentNamesInsteadOfTheEmbeddedBroker() {
        RunCommand command = command();
        command.env = Map.of("NEWSFLOW_BOOTSTRAP_SERVERS", "kafka:9092");

        assertThat(command.externalCluster(Map.of())).isEqualTo("kafka:9092");
        assertThat(command.sinkConfig(Map.of(), null).bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(command().externalCluster(Map.of())).isNull();
    }

    @Test
    void shouldAcceptBothDurationSyntaxesForTheTimeout() {
        RunCommand units = command();
        new picocli.CommandLine(units).parseArgs("--timeout", "90s");
        RunCommand iso = command();
        new picocli.CommandLine(iso).parseArgs("--timeout", "PT90S");

        assertThat(units.timeout).isEqualTo(java.time.Duration.ofSeconds(90)).isEqualTo(iso.timeout);
    }

    @Test
    void shouldRefuseASetKeyNoStageKnows() throws Exception {
        RunCommand command = command();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        command.err = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        new picocli.CommandLine(command).parseArgs("--set", "poll.intervall.ms=1");

        assertThat(command.call()).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("'poll.intervall.ms'").contains("--set");
    }
}
