package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each command as an operator runs it (a child JVM with the application's own logging setup),
 * pointed at a Kafka address nobody listens on or at an HTTP port already taken: it must exit
 * non-zero, soon, with one line that names the cause, and print no stack trace.
 */
@Timeout(120)
class CommandFailuresIT {
    @TempDir
    Path dir;

    private record Exit(int code, List<String> stderr, Duration took) {
        /** The lines that name the failure; every command starts its message with its name. */
        List<String> messages(String command, String marker) {
            return stderr.stream().filter(line -> line.matches("(newsflow )?" + command + ": .*") && line.contains(marker)).toList();
        }
    }

    @Test
    void shouldReportAnUnreachableBrokerAfterTenSecondsByDefault() throws Exception {
        String address = "127.0.0.1:" + closedPort();
        Files.writeString(dir.resolve("a.txt"), "Headline\n\nBody of the article.");

        Exit exit = newsflow(Map.of(), "ingest", "--once", "--bootstrap-servers", address, "--input", dir.toString());

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.messages("ingest", address)).singleElement().asString()
                .contains("Kafka is unreachable at " + address + ": no broker accepted a connection within 10 s")
                .contains(address + " connection refused")
                .contains("broker.wait.ms");
        assertNoStackTrace(exit);
        // 10 s of waiting plus the JVM's start and stop: about 12 s on an idle machine, more on a busy one.
        assertThat(exit.took()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"enrich", "sink", "topics", "run"})
    void shouldReportAnUnreachableBrokerInOneLineForEveryCommandThatNeedsIt(String command) throws Exception {
        String address = "127.0.0.1:" + closedPort();
        List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", address));
        if (!command.equals("topics")) {
            args.addAll(List.of("--http-port", "0"));
        }
        if (command.equals("run")) {
            args.addAll(List.of("--once", "--data-dir", dir.toString()));
        }
        if (!command.equals("topics") && !command.equals("run")) {
            args.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        }

        Exit exit = newsflow(Map.of("NEWSFLOW_BROKER_WAIT_MS", "2000"), args.toArray(String[]::new));

        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.messages(command, address)).singleElement().asString()
                .contains("Kafka is unreachable at " + address + ": no broker accepted a connection within 2 s");
        assertNoStackTrace(exit);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ingest", "enrich", "sink", "run"})
    void shouldNameTheSettingToChangeWhenTheHttpPortIsTaken(String command) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", "127.0.0.1:" + closedPort(),
                    "--http-port", String.valueOf(port)));
            if (command.equals("run")) {
                args.addAll(List.of("--once", "--data-dir", dir.toString()));
            }
            if (command.equals("enrich") || command.equals("sink")) {
                args.addAll(List.of("--state-dir", dir.resolve("state").toString()));
            }

            Exit exit = newsflow(Map.of(), args.toArray(String[]::new));

            assertThat(exit.code()).isEqualTo(1);
            assertThat(exit.messages(command, "port " + port)).singleElement().asString()
                    .endsWith("port " + port + " on 127.0.0.1 is already in use; choose another with http.port "
                            + "(flag --http-port, environment NEWSFLOW_HTTP_PORT; 0 picks a free port)");
            assertNoStackTrace(exit);
            assertThat(exit.took()).as("found before waiting for Kafka").isLessThan(Duration.ofSeconds(15));
        }
    }

    private static void assertNoStackTrace(Exit exit) {
        assertThat(exit.stderr()).as("stderr").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")
                || line.contains("Exception:"));
    }

    /** A port on 127.0.0.1 that nobody listens on: bound once here, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code newsflow ARGS} in a child JVM with the application's logging configuration. */
    private Exit newsflow(Map<String, String> env, String... args) throws IOException, InterruptedException {
        // The application's logging setup (a URL: it sits in the app jar), not the tests' logback-test.xml.
        String logback = NewsFlow.class.getResource("/logback.xml").toString();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), NewsFlow.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("NEWSFLOW_"));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("newsflow " + String.join(" ", args) + " did not exit within 90 s:\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Exit(process.exitValue(), Files.readAllLines(stderr, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
