package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.publish.ArticlePublisher;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class FileIngestIT {
    @TempDir
    Path dir;

    private void writeInputs() throws Exception {
        Files.write(dir.resolve("hollande-moscow-coalition.txt"), FixtureServer.resource("samples/hollande-moscow-coalition.txt"));
        Files.writeString(dir.resolve("wire.jsonl"), """
                {"title": "Ferry service resumes", "body": "Lerwick: The ferry link resumed on Saturday after storms kept both vessels in port for nine days.", "url": "https://news.example.com/ferry?utm_source=x", "publishedAt": "2025-03-15T07:45:00Z", "source": "Northern Ledger", "authors": ["Ingrid Solberg", {"name": "Tom Ashby"}]}

                {"headline": "Library extends hours", "text": "<p>The central library will open until 10pm on weekdays from April.</p>", "link": "https://news.example.com/library", "date": 1741939500}
                {"title": "broken line", "body": 
                {"url": "https://news.example.com/empty"}
                """);
        Files.writeString(dir.resolve("batch.json"), """
                {"articles": [
                  {"title": "Bridge reopens", "content": "The stone bridge reopened to traffic on Monday after a two-year repair.", "url": "https://news.example.com/bridge", "author": "José Ibáñez", "language": "en"}
                ]}
                """);
        Files.writeString(dir.resolve("notes.md"), "not an article format");
    }

    @Test
    void shouldPublishEveryArticleOfADirectoryOnceWithCleanFields(KafkaTestBroker broker) throws Exception {
        writeInputs();
        String prefix = KafkaTestBroker.uniqueName("files") + ".";
        IngestConfig config = IngestTestSupport.config(broker.bootstrapServers(), prefix, Map.of(IngestConfig.INPUTS, dir.toString()));

        IngestResult result;
        try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
            result = service.runOnce();
        }

        assertThat(result.published()).isEqualTo(4);
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.allDelivered()).isTrue();
        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 4);
        assertThat(records).hasSize(4);
        Map<String, Article> byTitle = records.stream().map(ConsumerRecord::value)
                .collect(Collectors.toMap(Article::getTitle, a -> a));
        assertThat(byTitle).containsOnlyKeys("Hollande moscow coalition", "Ferry service resumes", "Library extends hours",
                "Bridge reopens");
        Article hollande = byTitle.get("Hollande moscow coalition");
        assertThat(hollande.getDateline()).isEqualTo("Moscow");
        assertThat(hollande.getBody()).doesNotContain("COMMERCIAL BREAK");
        assertThat(hollande.getLanguage()).isEqualTo("en");
        Article ferry = byTitle.get("Ferry service resumes");
        assertThat(ferry.getUrl()).isEqualTo("https://news.example.com/ferry");
        assertThat(ferry.getSource()).isEqualTo("Northern Ledger");
        assertThat(ferry.getAuthors()).containsExactly("Ingrid Solberg", "Tom Ashby");
        assertThat(ferry.getPublishedAt()).isEqualTo(Instant.parse("2025-03-15T07:45:00Z"));
        assertThat(ferry.getDateline()).isEqualTo("Lerwick");
        assertThat(byTitle.get("Library extends hours").getBody()).isEqualTo("The central library will open until 10pm on weekdays from April.");
        assertThat(byTitle.get("Library extends hours").getPublishedAt()).isEqualTo(Instant.parse("2025-03-14T08:05:00Z"));
        assertThat(byTitle.get("Bridge reopens").getAuthors()).containsExactly("José Ibáñez");
        ConsumerRecord<String, Article> any = records.get(0);
        assertThat(any.key()).isEqualTo(any.value().getId());
        assertThat(any.headers().lastHeader(ArticlePublisher.HEADER_SOURCE)).isNotNull();
        assertThat(any.headers().lastHeader(ArticlePublisher.HEADER_INGESTED_AT)).isNotNull();
    }

    @Test
    void shouldNotPublishAgainAfterARestartButPublishAChangedArticle(KafkaTestBroker broker) throws Exception {
        writeInputs();
        String prefix = KafkaTestBroker.uniqueName("dedup") + ".";
        IngestConfig config = IngestTestSupport.config(broker.bootstrapServers(), prefix, Map.of(IngestConfig.INPUTS, dir.toString()));
        try (IngestService first = new IngestService(config, new SimpleMeterRegistry())) {
            assertThat(first.runOnce().published()).isEqualTo(4);
        }

        IngestResult again;
        try (IngestService restarted = new IngestService(config, new SimpleMeterRegistry())) {
            again = restarted.runOnce();
        }
        Files.writeString(dir.resolve("batch.json"), """
                [{"title": "Bridge reopens", "content": "The stone bridge reopened to traffic on Monday after a two-year repair costing 14 million francs.", "url": "https://news.example.com/bridge?utm_medium=email"}]
                """);
        IngestResult changed;
        try (IngestService restarted = new IngestService(config, new SimpleMeterRegistry())) {
            changed = restarted.runOnce();
        }

        assertThat(again.published()).isZero();
        assertThat(again.duplicate()).isEqualTo(4);
        assertThat(changed.published()).isEqualTo(1);
        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 5);
        assertThat(records).hasSize(5);
        List<Article> bridge = records.stream().map(ConsumerRecord::value).filter(a -> a.getTitle().equals("Bridge reopens")).toList();
        assertThat(bridge).hasSize(2);
        assertThat(bridge.get(0).getId()).isEqualTo(bridge.get(1).getId());
        assertThat(bridge.get(0).getContentHash()).isNotEqualTo(bridge.get(1).getContentHash());
    }

    @Test
    void shouldReadJsonLinesFromStdin(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("stdin") + ".";
        IngestConfig config = IngestTestSupport.config(broker.bootstrapServers(), prefix, Map.of(IngestConfig.STDIN, true));
        String lines = """
                {"title": "One", "body": "First article body with enough words to be an article."}
                {"title": "Two", "body": "Second article body with enough words to be an article."}
                """;

        IngestResult result;
        try (IngestService service = new IngestService(config, new SimpleMeterRegistry(),
                new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)))) {
            result = service.runOnce();
        }

        assertThat(result.published()).isEqualTo(2);
        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 2);
        assertThat(records).extracting(r -> r.value().getSource()).containsOnly("stdin");
    }

    @Test
    void shouldPublishASavedHtmlPageWithItsExtractedTextAndMetadata(KafkaTestBroker broker) throws Exception {
        String html = new String(FixtureServer.resource("fixtures/pages/promo-before-article.html"), StandardCharsets.UTF_8)
                .replace("{{base}}", "https://gazette.example");
        Files.writeString(dir.resolve("ferry.html"), html);
        Files.writeString(dir.resolve("bare.htm"), "<html><body><p>Only a paragraph of text about the harbour ferry, saved without any head.</p></body></html>");
        String prefix = KafkaTestBroker.uniqueName("pages") + ".";
        IngestConfig config = IngestTestSupport.config(broker.bootstrapServers(), prefix, Map.of(IngestConfig.INPUTS, dir.toString()));

        IngestResult result;
        try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
            result = service.runOnce();
        }

        assertThat(result.published()).isEqualTo(2);
        Map<String, Article> byTitle = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 2).stream()
                .map(ConsumerRecord::value).collect(Collectors.toMap(Article::getTitle, a -> a));
        Article ferry = byTitle.get("Harbour ferry returns after two-year repair");
        assertThat(ferry.getUrl()).isEqualTo("https://gazette.example/local/harbour-ferry-returns");
        assertThat(ferry.getBody()).startsWith("The little ferry").doesNotContain("newsletter");
        assertThat(ferry.getPublishedAt()).isEqualTo(Instant.parse("2025-04-02T06:45:00Z"));
        assertThat(ferry.getPublishedAtLocal()).isEqualTo("2025-04-02T07:45+01:00");
        assertThat(ferry.getAuthors()).containsExactly("Maren Holt");
        assertThat(ferry.getImageUrl()).isEqualTo("https://gazette.example/img/ferry-1200.jpg");
        assertThat(ferry.getMetadata()).containsEntry("dateSource", "json-ld").containsEntry("textSource", "article-element");
        assertThat(byTitle).containsKey("Bare"); // no title in the page: from the file name, as for .txt
        assertThat(byTitle.get("Bare").getUrl()).isNull();
    }
}
