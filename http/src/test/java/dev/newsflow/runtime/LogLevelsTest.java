package dev.newsflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void reset() {
        LogLevels.apply("INFO");
    }

    @Test
    void shouldKeepLibrariesToErrorsAtTheDefaultLevel() {
        LogLevels.apply("INFO");

        assertThat(context.getLogger("dev.newsflow.sink.SinkService").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.apache.kafka.streams.StreamsConfig").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void shouldLetLibraryWarningsThroughWhenDebugging() {
        LogLevels.apply("debug");

        assertThat(context.getLogger("dev.newsflow.ingest.IngestService").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void shouldQuietNewsflowToWarningsWhenAsked() {
        LogLevels.apply("WARN");

        assertThat(context.getLogger("dev.newsflow.app.Pipeline").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("dev.newsflow.app.Pipeline").isWarnEnabled()).isTrue();
    }
}
