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
}
