package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class NewsFlowCliTest {

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

    @Test
    void shouldListEveryCommandInHelp() {
        Result result = execute("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run", "ingest", "enrich", "sink", "annotate", "broker");
    }

    @Test
    void shouldFailWithUsageWhenNoCommandIsGiven() {
        Result result = execute();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("Missing command");
    }

    @Test
    void shouldRejectUnknownCommand() {
        Result result = execute("frobnicate");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("frobnicate");
    }

    @Test
    void shouldDescribeBrokerOptions() {
        Result result = execute("broker", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--port", "--data-dir");
    }

    @ParameterizedTest(name = "{0} takes the common flags")
    @ValueSource(strings = {"run", "ingest", "enrich", "sink"})
    void shouldGiveEveryStageCommandTheSameCommonFlags(String command) {
        CommandLine sub = NewsFlow.commandLine().getSubcommands().get(command);

        assertThat(sub.getCommandSpec().optionsMap().keySet()).contains("--config", "--set", "--bootstrap-servers",
                "--topic-prefix", "--http-host", "--http-port", "--log-level");
    }

    @ParameterizedTest(name = "{0} --help lists each key once, without a picocli warning")
    @ValueSource(strings = {"ingest", "enrich", "sink"})
    void shouldPrintEachConfigurationKeyOnceInHelp(String command) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        Result result;
        try {
            result = execute(command, "--help");
        } finally {
            System.setErr(original);
        }

        assertThat(result.exitCode()).isZero();
        assertThat(result.err() + stderr.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli");
        for (String key : java.util.List.of("bootstrap.servers", "http.port", "log.level", "replication.factor")) {
            assertThat(java.util.regex.Pattern.compile("(?m)^  " + java.util.regex.Pattern.quote(key) + " ")
                    .matcher(result.out()).results().count()).as("%s lines of %s", command, key).isEqualTo(1);
        }
    }
}
