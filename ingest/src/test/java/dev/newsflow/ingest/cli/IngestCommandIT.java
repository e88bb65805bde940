package dev.newsflow.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.FixtureServer;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
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
        Path props = Files.writeString(dir.resolve("ingest.properties"), """
                kafka.default.api.timeout.ms=1500
                kafka.request.timeout.ms=1000
                """);
        Files.writeString(dir.resolve("a.txt"), "Headline\n\nBody text of the article.");

        int code = new CommandLine(new IngestCommand()).execute("--bootstrap-servers", "127.0.0.1:1", "--input", dir.toString(),
                "--config", props.toString(), "--once");

        assertThat(code).isNotZero();
    }

    @Test
    void shouldRejectAnUnknownConfigKeyNamingIt() throws Exception {
        Path props = Files.writeString(dir.resolve("bad.properties"), "poll.intervall.ms=5\n");

        int code = new CommandLine(new IngestCommand()).execute("--config", props.toString(), "--once");

        assertThat(code).isEqualTo(2);
    }
}
