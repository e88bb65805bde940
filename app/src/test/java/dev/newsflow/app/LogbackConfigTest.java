package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The application's logback.xml loads without errors and gives the quiet default levels. */
class LogbackConfigTest {

    @Test
    void shouldLoadTheApplicationLogConfigWithQuietLibraries() throws Exception {
        URL config = RunCommand.class.getClassLoader().getResource("logback.xml");
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);

        assertThat(context.getStatusManager().getCopyOfStatusList()).as("logback status messages")
                .noneMatch(status -> status.getLevel() >= Status.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.newsflow.app.Pipeline").getEffectiveLevel()).isIn(Level.INFO, Level.toLevel(
                System.getenv().getOrDefault("NEWSFLOW_LOG_LEVEL", "INFO")));
    }
}
