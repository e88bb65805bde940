package dev.newsflow.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.FixtureServer;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class IngestCommandIT {
    @TempDir
    Path dir;

    @Test
    void shouldIngestADirectoryOnceAndExitZero(KafkaTestBroker broker) throws Exception {
        Files.write(dir.resolve("hollande-moscow-coalition.txt"), FixtureServer.resource("samples/hollande-moscow-coalition.txt"));
        String prefix = KafkaTestBroker.uniqueName("cli") + ".";
        Path props = Files.writeString(dir.resolve("ingest.properties"), "topic.prefix=" + prefix + "\n");

        int code = new CommandLine(new IngestCommand()).execute("--bootstrap-servers", broker.bootstrapServers(),
                "--input", dir.toString(), "--config", props.toString(), "--once");

        assertThat(code).isZero();
        var records = KafkaTestClients.readAtLeast(broker, prefix + "news.articles.raw", new StringDeserializer(),
                AvroSerde.of(Article.class).deserializer(), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value().getDateline()).isEqualTo("Moscow");
    }

    @Test
    void shouldExitNonZeroWithAClearMessageWhenKafkaIsUnreachable() throws Exception {
        Path props = Files.writeString(dir.resolve("ingest.properties"), "broker.wait.ms=1500\n");
        Files.writeString(dir.resolve("a.txt"), "Headline\n\nBody text of the article.");
        IngestCommand command = new IngestCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);

        int code = new CommandLine(command).execute("--bootstrap-servers", "127.0.0.1:1", "--input", dir.toString(),
                "--config", props.toString(), "--once");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.startsWith("ingest: polling")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("ingest: Kafka is unreachable at 127.0.0.1:1: no broker accepted a connection within 1.5 s");
    }

    @Test
    void shouldExitThreeNamingAMissingInputEvenWhenAnotherInputWasIngested(KafkaTestBroker broker) throws Exception {
        Files.write(dir.resolve("hollande-moscow-coalition.txt"), FixtureServer.resource("samples/hollande-moscow-coalition.txt"));
        Path missing = dir.resolve("no-such-dir");
        Result result = ingestOnce(broker, "--input", dir.resolve("hollande-moscow-coalition.txt").toString(), missing.toString());

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("ingest: 1 of 2 source(s) failed: input " + missing + " (does not exist)");
        assertThat(result.err()).contains("published=1");
    }

    @Test
    void shouldExitThreeNamingTheFeedWhenTheOnlyFeedAnswers404(KafkaTestBroker broker) throws Exception {
        try (FixtureServer server = new FixtureServer()) {
            String feed = server.url("/gone.xml");
            Result result = ingestOnce(broker, "--feeds", feed, "--allow-private-addresses");

            assertThat(result.code()).isEqualTo(3);
            assertThat(result.err()).contains("ingest: 1 of 1 source(s) failed: feed " + feed + " (HTTP 404 from " + feed + ")");
        }
    }

    @Test
    void shouldExitZeroButNameTheFailedFeedWhenAnotherSourceWorked(KafkaTestBroker broker) throws Exception {
        Files.write(dir.resolve("hollande-moscow-coalition.txt"), FixtureServer.resource("samples/hollande-moscow-coalition.txt"));
        try (FixtureServer server = new FixtureServer()) {
            String feed = server.url("/gone.xml");
            Result result = ingestOnce(broker, "--feeds", feed, "--allow-private-addresses", "--input", dir.toString());

            assertThat(result.code()).isZero();
            assertThat(result.err()).contains("ingest: 1 of 2 source(s) failed: feed " + feed);
        }
    }

    private record Result(int code, String err) {
    }

    private Result ingestOnce(KafkaTestBroker broker, String... args) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("cli") + ".";
        Path props = Files.writeString(dir.resolve("ingest-" + prefix + "properties"), "topic.prefix=" + prefix + "\n");
        IngestCommand command = new IngestCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--bootstrap-servers", broker.bootstrapServers(),
                "--config", props.toString(), "--once"));
        all.addAll(java.util.List.of(args));
        int code = new CommandLine(command).execute(all.toArray(String[]::new));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRejectAnUnknownConfigKeyNamingIt() throws Exception {
        Path props = Files.writeString(dir.resolve("bad.properties"), "poll.intervall.ms=5\n");

        int code = new CommandLine(new IngestCommand()).execute("--config", props.toString(), "--once");

        assertThat(code).isEqualTo(2);
    }
}
