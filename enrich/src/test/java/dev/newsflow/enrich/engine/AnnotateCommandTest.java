package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.cli.AnnotateCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The annotate command: JSON Lines in, JSON Lines out, same order, errors per document. */
class AnnotateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnnotateCommand command = new AnnotateCommand(settings -> ((CoreNlpNewsEngine) SharedEngine.get()).withSettings(settings),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out);
        int exit = new CommandLine(command).execute(args);
        assertThat(exit).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void shouldWriteOneLinePerInputInOrderWithErrorsInPlace() throws Exception {
        String text = "Prime Minister David Cameron praised the deal. Cameron said Britain would gain.";
        int target = text.indexOf("Cameron said");
        String input = "{\"id\":\"a\",\"text\":" + JSON.writeValueAsString(text) + ",\"title\":\"Cameron's deal\","
                + "\"targets\":[{\"start\":" + target + ",\"end\":" + (target + 7) + "}]}\n"
                + "not json\n"
                + "\n"
                + "{\"id\":\"c\",\"text\":\"Ok.\",\"targets\":[{\"start\":1,\"end\":99}]}\n"
                + "{\"id\":\"d\",\"text\":\"\"}\n"
                + "{\"id\":\"e\"}\n";
        List<JsonNode> out = run(input);
        assertThat(out).hasSize(5);
        JsonNode a = out.get(0);
        List<String> fields = new ArrayList<>();
        a.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the article view of GET /articles/{id} (without copies), plus targets")
                .containsExactly("id", "title", "url", "source", "language", "publishedAt", "sentiment", "duplicateOf",
                        "entities", "authors", "dateline", "body", "contentHash", "duplicateSimilarity", "sentences",
                        "enrichment", "targets");
        assertThat(a.get("id").asText()).isEqualTo("a");
        assertThat(a.get("title").asText()).isEqualTo("Cameron's deal");
        assertThat(a.get("source").asText()).isEqualTo("annotate");
        assertThat(a.get("body").asText()).isEqualTo(text);
        assertThat(a.get("enrichment").get("skippedReason").isNull()).isTrue();
        assertThat(a.get("language").asText()).isEqualTo("en");
        assertThat(a.get("sentiment").get("label").asText()).isIn("POSITIVE", "NEUTRAL", "NEGATIVE");
        assertThat(a.get("sentences")).hasSize(2);
        JsonNode cameron = a.get("entities").get(0);
        assertThat(cameron.get("name").asText()).isEqualTo("David Cameron");
        assertThat(cameron.get("type").asText()).isEqualTo("PERSON");
        assertThat(cameron.get("mentions")).hasSize(2);
        for (JsonNode m : cameron.get("mentions")) {
            assertThat(text.substring(m.get("start").asInt(), m.get("end").asInt())).isEqualTo(m.get("text").asText());
            assertThat(m.get("type").asText()).isEqualTo("PERSON");
        }
        assertThat(a.get("targets").get(0).get("start").asInt()).isEqualTo(target);
        assertThat(a.get("targets").get(0).get("sentiment").has("score")).isTrue();

        assertThat(out.get(1).has("error")).isTrue();
        assertThat(out.get(1).get("id").isNull()).isTrue();
        assertThat(out.get(2).get("id").asText()).isEqualTo("c");
        assertThat(out.get(2).get("error").asText()).contains("[1, 99)");
        assertThat(out.get(3).get("id").asText()).isEqualTo("d");
        assertThat(out.get(3).get("enrichment").get("skippedReason").asText()).isEqualTo("empty text");
        assertThat(out.get(4).get("error").asText()).contains("\"text\"");
    }

    @Test
    void shouldAnnotateAPlainTextFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("story.txt");
        Files.writeString(file, SharedEngine.resource("hollande-moscow-coalition.txt"));
        List<JsonNode> out = run("", file.toString());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("id").asText()).isEqualTo("story.txt");
        List<String> names = new ArrayList<>();
        out.get(0).get("entities").forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).contains("Francois Hollande", "Islamic State");
    }

    @Test
    void shouldReportDocumentsOverTheSizeLimitAsErrors() throws Exception {
        String text = "Angela Merkel spoke in Berlin. ".repeat(10);
        List<JsonNode> out = run("{\"id\":\"big\",\"text\":\"" + text + "\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n",
                "--max-chars", "100");
        assertThat(out.get(0).get("error").asText()).contains("engine.max.chars");
        assertThat(out.get(1).has("error")).isFalse();
    }
}
