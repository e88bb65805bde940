package dev.newsflow.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IngestCommandTest {

    @Test
    void shouldListEveryConfigKeyInTheHelpFooter() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new IngestCommand());
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--feeds", "--input", "--stdin", "--http-port", "--once",
                "--config", "--allow-private-addresses", "poll.interval.ms", "allow.private.addresses", "NEWSFLOW_FEEDS",
                "dedup.enabled", "fetch.max.bytes", "kafka.*");
    }

    @Test
    void shouldPrintHelpWithoutAFormatWarningAndEachKeyOnce() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new IngestCommand());
        cli.setOut(new PrintWriter(out));
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(cli.execute("--help")).isZero();
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli");
        assertThat(out.toString()).contains("+/-10%)");
        for (String key : dev.newsflow.ingest.IngestConfig.DEFINITION.names()) {
            assertThat(java.util.regex.Pattern.compile("(?m)^  " + java.util.regex.Pattern.quote(key) + " ")
                    .matcher(out.toString()).results().count()).as("help lines of %s", key).isEqualTo(1);
        }
    }

    @Test
    void shouldMapFlagsToConfigKeys() {
        IngestCommand command = new IngestCommand();
        new CommandLine(command).parseArgs("--bootstrap-servers", "b:9092", "--feeds", "https://a.example/rss", "feeds.opml",
                "--input", "dir", "--http-port", "8081", "--allow-private-addresses");

        assertThat(command.flags())
                .containsEntry("feeds", "https://a.example/rss,feeds.opml").containsEntry("inputs", "dir")
                .containsEntry("allow.private.addresses", true).containsEntry("stdin", null);
        assertThat(command.options.flags()).containsEntry("bootstrap.servers", "b:9092").containsEntry("http.port", "8081");
    }

    @Test
    void shouldExitWithAConfigErrorForAFeedListThatDoesNotExist() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new IngestCommand()).execute("--bootstrap-servers", "127.0.0.1:1", "--feeds",
                    "no-such-feeds.opml", "--once");
        } finally {
            System.setErr(original);
        }

        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("no-such-feeds.opml");
    }
}
