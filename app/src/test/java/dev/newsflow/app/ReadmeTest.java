package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.schemas.DeadLetterRecords;
import dev.newsflow.sink.SinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The README stays true to the code: its commands, and every configuration key of every stage. */
class ReadmeTest {
    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        readme = Files.readString(Path.of("..", "README.md"));
    }

    static Stream<Arguments> stages() {
        return Stream.of(Arguments.of("ingest", IngestConfig.DEFINITION), Arguments.of("enrich", EnrichConfig.DEFINITION),
                Arguments.of("sink", SinkConfig.DEFINITION), Arguments.of("run", RunConfig.DEFINITION));
    }

    @Test
    void shouldGiveTheRunCommandAndTheTestCommandThatCiRuns() throws IOException {
        String ci = Files.readString(Path.of("..", ".ci", "run"));

        assertThat(readme).contains("    ./newsflow run --once\n").contains("    mvn -B verify\n");
        assertThat(ci).contains("\nmvn -B verify\n");
    }

    @Test
    void shouldListEveryDeadLetterReasonTheCodeWritesAndNoOther() {
        // DeadLetterRecords.build takes a Reason, so these are all the reasons any stage can write.
        Set<String> inCode = Arrays.stream(DeadLetterRecords.Reason.values()).map(DeadLetterRecords.Reason::label)
                .collect(Collectors.toSet());
        String section = readme.substring(readme.indexOf("### Dead-letter reasons"));
        section = section.substring(0, section.indexOf("\n## "));
        Set<String> documented = Pattern.compile("(?m)^\\| `([a-z-]+)` \\|").matcher(section).results()
                .map(match -> match.group(1)).collect(Collectors.toSet());

        assertThat(documented).isEqualTo(inCode).contains("unreadable", "too-large");
    }

    /**
     * Each stage's table is exactly what {@link StageConfig#reference} generates from its definition: every key with
     * its type, default, environment variable, description and valid values. On a mismatch the generated tables are
     * written to {@code target/readme-config-tables.md} to paste in.
     */
    @ParameterizedTest(name = "{0}: the README table is the one generated from the definition")
    @MethodSource("stages")
    void shouldDocumentEveryConfigKeyAsGeneratedFromItsDefinition(String stage, ConfigDef definition) throws IOException {
        String generated = StageConfig.reference(definition);
        String documented = table(stage);
        if (!generated.equals(documented)) {
            StringBuilder all = new StringBuilder();
            stages().forEach(a -> all.append("### ").append(a.get()[0]).append(" configuration\n\n")
                    .append(StageConfig.reference((ConfigDef) a.get()[1])).append('\n'));
            Files.writeString(Path.of("target", "readme-config-tables.md"), all);
        }

        assertThat(documented).as("README table of %s (generated: target/readme-config-tables.md)", stage)
                .isEqualTo(generated);
    }

    /** The first table after the heading "### STAGE configuration", one row a line. */
    private static String table(String stage) {
        String section = readme.substring(readme.indexOf("### " + stage + " configuration"));
        StringBuilder rows = new StringBuilder();
        boolean inTable = false;
        for (String line : section.split("\n", -1)) {
            if (line.startsWith("|")) {
                inTable = true;
                rows.append(line).append('\n');
            } else if (inTable) {
                break;
            }
        }
        return rows.toString();
    }
}
