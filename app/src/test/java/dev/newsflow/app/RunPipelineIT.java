package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./newsflow run --once} on the bundled samples through the embedded broker, then a
 * second run on the same data directory that must add nothing, checked through the query API.
 */
@Timeout(420)
class RunPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void shouldStoreEverySampleWithEntitiesAndSentimentAndAddNothingOnSecondRun() throws Exception {
        int samples = SampleArticles.names().size();

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            exitCode = NewsFlow.commandLine().execute("run", "--once", "--data-dir", dataDir.toString(), "--http-port", "0");
        } finally {
            System.setOut(original);
        }
        String summary = stdout.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as("first run exit code; output:%n%s", summary).isZero();
        assertThat(summary).contains(samples + " article(s) stored")
                .contains("Hollande")
                .contains("sentiment ");

        RunCommand second = new RunCommand();
        second.dataDir = dataDir;
        second.options.httpPort = 0;
        second.once = true;
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir.resolve("broker")).build().start();
        try (Pipeline pipeline = second.createPipeline(Map.of(), broker, broker.bootstrapServers()).start()) {
            IngestResult ingested = pipeline.ingestOnce();
            assertThat(pipeline.awaitCaughtUp(Duration.ofMinutes(3), progress -> { }, () -> false)).isTrue();

            assertThat(ingested.published()).as("nothing republished on the second run").isZero();
            assertThat(ingested.duplicate()).isEqualTo(samples);
            assertThat(pipeline.progress().enriched()).as("nothing re-enriched").isZero();
            List<EnrichedArticle> stored = pipeline.enrichedArticles();
            assertThat(stored).hasSize(samples);

            HttpClient http = HttpClient.newHttpClient();
            for (EnrichedArticle article : stored) {
                JsonNode json = get(http, pipeline.httpPort(), "/articles/" + URLEncoder.encode(article.getId(), StandardCharsets.UTF_8));
                assertThat(json.path("id").asText()).isEqualTo(article.getId());
                assertThat(json.path("entities").size()).as("entities of %s", article.getTitle()).isPositive();
                assertThat(json.path("sentiment").path("label").asText()).isIn("NEGATIVE", "NEUTRAL", "POSITIVE");
                assertThat(json.path("enrichment").path("skippedReason").isNull()).isTrue();
            }
            JsonNode putin = get(http, pipeline.httpPort(), "/entities/Vladimir%20Putin");
            assertThat(putin.toString()).contains("Putin");
        }
    }

    private static JsonNode get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s -> %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
