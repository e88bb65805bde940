package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code newsflow extract} on a saved page and on a page served by a real local HTTP server. */
class ExtractCommandTest {
    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NewsFlow.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String page(String base) throws IOException {
        try (InputStream in = ExtractCommandTest.class.getResourceAsStream("/pages/promo-before-article.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", base);
        }
    }

    @Test
    void shouldPrintTheArticleOfASavedPageAsJsonWithHowEachFieldWasFound(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ferry.html");
        Files.writeString(file, page("https://gazette.example"));

        Result result = execute("extract", file.toString());

        assertThat(result.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.path("title").asText()).isEqualTo("Harbour ferry returns after two-year repair");
        assertThat(json.path("body").asText()).startsWith("The little ferry").doesNotContain("newsletter");
        assertThat(json.path("publishedAt").asText()).isEqualTo("2025-04-02T06:45:00Z");
        assertThat(json.path("publishedAtLocal").asText()).isEqualTo("2025-04-02T07:45+01:00");
        assertThat(json.path("authors").get(0).asText()).isEqualTo("Maren Holt");
        assertThat(json.path("language").asText()).isEqualTo("en");
        assertThat(json.path("canonicalUrl").asText()).isEqualTo("https://gazette.example/local/harbour-ferry-returns");
        assertThat(json.path("url").asText()).isEqualTo("https://gazette.example/local/harbour-ferry-returns");
        assertThat(json.path("imageUrl").asText()).isEqualTo("https://gazette.example/img/ferry-1200.jpg");
        assertThat(json.path("found").path("publishedAt").asText()).isEqualTo("json-ld");
        assertThat(json.path("found").path("text").asText()).isEqualTo("article-element");
    }

    @Test
    void shouldFetchAndExtractAPageFromAUrl() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        byte[] body = page(base).getBytes(StandardCharsets.UTF_8);
        server.createContext("/local/harbour-ferry-returns", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Result result = execute("extract", "--allow-private-addresses", base + "/local/harbour-ferry-returns");

            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(result.out());
            assertThat(json.path("body").asText()).contains("Skipper Jonas Brandt").doesNotContain("cookies");
            assertThat(json.path("imageUrl").asText()).isEqualTo(base + "/img/ferry-1200.jpg");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldSayInOneLineWhyAPageCannotBeRead() {
        Result missing = execute("extract", "no/such/page.html");
        Result refused = execute("extract", "http://127.0.0.1:9/x");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err().strip()).isEqualTo("extract: no such file: no/such/page.html");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err().strip()).startsWith("extract: could not fetch http://127.0.0.1:9/x:").doesNotContain("\n")
                .contains("allow.private.addresses");
    }
}
