package dev.newsflow.sink.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.sink.SinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SinkCommandTest {

    @Test
    void shouldListEveryConfigurationKeyInHelp() {
        String help = new CommandLine(new SinkCommand()).getUsageMessage();

        assertThat(help).contains("--bootstrap-servers", "--http-port", "--config");
        SinkConfig.DEFINITION.names().forEach(key -> assertThat(help).contains(key));
        assertThat(help).contains("NEWSFLOW_HTTP_PORT");
    }

    @Test
    void shouldTakeFlagsOverEnvironmentOverFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sink.properties");
        Files.writeString(file, "http.port=7000\napplication.id=from-file\nwindow.grace.ms=60000\n");
        SinkCommand command = new SinkCommand();
        new CommandLine(command).parseArgs("--config", file.toString(), "--http-port", "9000",
                "--set", "entity.index.max.articles=7");

        SinkConfig config = command.config(Map.of("NEWSFLOW_APPLICATION_ID", "from-env"));

        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.applicationId()).isEqualTo("from-env");
        assertThat(config.windowGrace().toMillis()).isEqualTo(60000);
        assertThat(config.entityIndexMaxArticles()).isEqualTo(7);
    }

    @Test
    void shouldFailOnUnknownKeyGivenWithSet() {
        SinkCommand command = new SinkCommand();
        new CommandLine(command).parseArgs("--set", "http.prot=1");

        assertThatThrownBy(() -> command.config(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.prot'");
    }
}
