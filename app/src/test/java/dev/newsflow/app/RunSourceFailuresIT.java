package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --once} does not pass a missing input off as success: exit code 3 and one line naming it. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(300)
class RunSourceFailuresIT {

    @Test
    void shouldExitThreeNamingAMissingInputAfterStoringTheOthers(KafkaTestBroker broker, @TempDir Path dir) throws Exception {
        Path present = Files.writeString(dir.resolve("article.json"), "{\"url\": \"https://news.example/present\", "
                + "\"title\": \"Airbus wins an order\", \"body\": \"Airbus won an order for forty jets from Qantas, "
                + "the airline said in Sydney on Thursday.\"}\n");
        Path missing = dir.resolve("typo-in-the-path");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        RunCommand command = new RunCommand();
        command.options.bootstrapServers = broker.bootstrapServers();
        command.options.deployment = KafkaTestBroker.uniqueName("run");
        command.dataDir = dir.resolve("data");
        command.options.httpPort = 0;
        command.once = true;
        command.inputs = List.of(present.toString(), missing.toString());
        command.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

        int code = command.call();

        assertThat(code).as("stderr:%n%s", stderr).isEqualTo(3);
        assertThat(stderr.toString(StandardCharsets.UTF_8).lines())
                .contains("newsflow run: 1 of 2 source(s) failed: input " + missing + " (does not exist)");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("1 article(s) stored:", "Airbus wins an order");
    }
}
