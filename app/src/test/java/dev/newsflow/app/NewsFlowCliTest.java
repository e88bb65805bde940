package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
}
