package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./newsflow run} without {@code --once} keeps running past the catch-up deadline (which
 * only {@code --once} has) until it is stopped, and its one server takes pushed articles
 * ({@code POST /articles}) beside the query API; with {@code --once} the same deadline ends it
 * with exit code 4.
 */
@Timeout(420)
class RunContinuousIT {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private RunCommand command(Path dataDir, boolean once) throws Exception {
        RunCommand command = new RunCommand();
        command.dataDir = dataDir;
        command.options.httpPort = 0;
        command.once = once;
        command.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        // A deadline no catch-up can meet: 1 ms.
        Path config = Files.writeString(dataDir.resolve("run.properties"), RunConfig.ONCE_TIMEOUT_MS + "=1\n");
        command.options.configFile = config;
        return command;
    }

    @Test
    void shouldKeepRunningWithoutOncePastTheCatchUpDeadlineUntilStopped(@TempDir Path dataDir) throws Exception {
        RunCommand command = command(dataDir, false);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return command.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        await().atMost(Duration.ofMinutes(5)).until(() -> exit.isDone()
                || stdout.toString(StandardCharsets.UTF_8).contains(SampleArticles.names().size() + " article(s) stored"));
        assertThat(exit).as("run without --once ended by itself; stderr:%n%s", stderr).isNotDone();
        int port = command.running().httpPort();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> !exit.isDone());
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        // One port: run's query API also takes pushed articles, and stores them like any other.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "Zanzibar harbour reopens", "url": "https://news.example.com/pushed/zanzibar",
                         "body": "The harbour of Zanzibar reopened on Monday after the storm, the port authority said."}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(pushed.body()).get("ids").get(0).asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/articles/" + id)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode() == 200);
        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/articles?q=zanzibar")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(found.body()).contains("\"id\":\"" + id + "\"");
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\": ")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON");

        command.stop();
        assertThat(exit.get()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("not every input was stored");
    }

    @Test
    void shouldGiveUpWithOnceAfterTheConfiguredDeadline(@TempDir Path dataDir) throws Exception {
        RunCommand command = command(dataDir, true);

        int exit = command.call();

        assertThat(exit).isEqualTo(RunCommand.EXIT_TIMEOUT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("not every input was stored within PT0.001S")
                .contains(RunConfig.ONCE_TIMEOUT_MS);
    }
}
