package dev.newsflow.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real schema registry for tests: Apicurio Registry (in-memory storage) started once per test
 * JVM as a separate Java process bound to 127.0.0.1 on a free port, and stopped when the JVM
 * exits. Tests talk to its Confluent-compatible API ({@link #url()}), as NewsFlow and third-party
 * readers do in production against any registry with that API.
 *
 * <p>The distribution comes from Maven at build time: the module whose tests use it unpacks
 * {@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all} (dependency plugin) and passes
 * the directory in the system property {@value #HOME_PROPERTY}. Nothing downloads at run time.
 */
public final class TestSchemaRegistry {
    public static final String HOME_PROPERTY = "newsflow.registry.home";
    static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final Logger LOG = LoggerFactory.getLogger(TestSchemaRegistry.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static TestSchemaRegistry shared;

    private final Process process;
    private final String url;

    private TestSchemaRegistry(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** The Confluent-compatible base URL of the shared registry, started on first use. */
    public static synchronized String url() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared.url;
    }

    private static TestSchemaRegistry start() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("System property " + HOME_PROPERTY + " is not set: the module's pom must unpack "
                    + "apicurio-registry-app (tar.gz, classifier all) and pass its directory to the tests");
        }
        Path runner = runnerJar(Path.of(home));
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("newsflow-test-registry-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the registry log file: " + e.getMessage(), e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN", "-jar", runner.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).directory(runner.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the schema registry " + runner + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "test-registry-stop"));
        String url = "http://127.0.0.1:" + port + CCOMPAT_PATH;
        awaitReady(process, url, log);
        LOG.info("Tests use the Apicurio schema registry at {} (pid {}, log {})", url, process.pid(), log);
        return new TestSchemaRegistry(process, url);
    }

    private static Path runnerJar(Path home) {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No *-runner.jar in " + home + " (" + HOME_PROPERTY + ")"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the registry directory " + home + ": " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, String url, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The schema registry exited with code " + process.exitValue()
                        + " before it was ready; its log: " + tail(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process);
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
        }
        stop(process);
        throw new IllegalStateException("The schema registry did not answer on " + url + " within " + START_TIMEOUT
                + "; its log: " + tail(log));
    }

    private static void stop(Process process) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the schema registry: " + e.getMessage(), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return log + " (unreadable: " + e.getMessage() + ")";
        }
    }
}
