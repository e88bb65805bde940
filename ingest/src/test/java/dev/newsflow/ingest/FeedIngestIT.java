package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class FeedIngestIT {
    private static final String HTML = "text/html; charset=utf-8";
    private FixtureServer server;

    @BeforeEach
    void startServer() {
        server = new FixtureServer()
                .fixture("/feeds/rss2.xml", "fixtures/rss2.xml", "application/rss+xml; charset=utf-8", StandardCharsets.UTF_8)
                .fixture("/feeds/rss1.rdf", "fixtures/rss1.rdf", "application/rdf+xml", StandardCharsets.ISO_8859_1)
                .fixture("/feeds/atom.xml", "fixtures/atom.xml", "application/atom+xml", StandardCharsets.UTF_8)
                .fixture("/economy/rates-hold", "fixtures/pages/rates-hold.html", HTML, StandardCharsets.UTF_8)
                .fixture("/culture/bronzes-returned", "fixtures/pages/bronzes-returned.html", HTML, StandardCharsets.UTF_8)
                .fixture("/weather/2025/03/11/storm-passes", "fixtures/pages/no-date.html", HTML, StandardCharsets.UTF_8)
                .fixture("/city/library-hours", "fixtures/pages/no-date.html", HTML, StandardCharsets.UTF_8)
                .text("/hostile/malformed.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><title>Broken</title><item><title>Half")
                .status("/hostile/500", 500)
                .slowDrip("/hostile/drip", 300)
                .redirectLoop("/hostile/loop")
                .huge("/hostile/huge", 2 * 1024 * 1024)
                .gzipBomb("/hostile/bomb", 50 * 1024 * 1024)
                .text("/hostile/binary-link.xml", "application/rss+xml", """
                        <rss version="2.0"><channel><title>Reports</title>
                        <item><title>Annual report published</title><link>{{base}}/files/report.pdf</link>
                        <description>The annual report of the port authority is out.</description></item>
                        </channel></rss>
                        """)
                .text("/files/report.pdf", "application/pdf", "%PDF-1.7");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private IngestConfig config(KafkaTestBroker broker, String prefix) {
        List<String> feeds = List.of(server.url("/feeds/rss2.xml"), server.url("/feeds/rss1.rdf"), server.url("/feeds/atom.xml"),
                server.url("/hostile/malformed.xml"), server.url("/hostile/500"), server.url("/hostile/drip"),
                server.url("/hostile/loop"), server.url("/hostile/huge"), server.url("/hostile/bomb"),
                server.url("/hostile/binary-link.xml"), "ftp://files.example/feed.xml");
        return IngestTestSupport.config(broker.bootstrapServers(), prefix, Map.of(IngestConfig.FEEDS, String.join(",", feeds)));
    }

    @Test
    void shouldPublishEveryFeedFormatWithFullTextAndDatesDespiteHostileFeeds(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("feeds") + ".";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        IngestResult result;
        try (IngestService service = new IngestService(config(broker, prefix), registry)) {
            result = service.runOnce();
        }

        assertThat(result.published()).isEqualTo(9);
        assertThat(result.allDelivered()).isTrue();
        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 9);
        Map<String, Article> byTitle = records.stream().map(ConsumerRecord::value).collect(Collectors.toMap(Article::getTitle, a -> a));
        assertThat(byTitle).hasSize(9);

        Article rates = byTitle.get("Central bank holds rates, signals cut in summer");
        assertThat(rates.getPublishedAt()).as("JSON-LD datePublished").isEqualTo(Instant.parse("2025-03-13T14:02:00Z"));
        assertThat(rates.getAuthors()).containsExactly("Samuel Okafor", "Priya Raman");
        assertThat(rates.getBody()).contains("Business groups welcomed the signal").doesNotContain("cookies");
        Article bronzes = byTitle.get("Museum returns looted bronzes");
        assertThat(bronzes.getPublishedAt()).as("article:published_time").isEqualTo(Instant.parse("2025-03-12T08:30:00Z"));
        assertThat(bronzes.getBody()).startsWith("Twelve bronze plaques");
        Article library = byTitle.get("Library extends opening hours");
        assertThat(library.getPublishedAt()).as("feed date").isEqualTo(Instant.parse("2025-03-14T12:00:00Z"));
        Article storm = byTitle.get("Storm closes mountain passes");
        assertThat(storm.getPublishedAt()).as("URL date").isEqualTo(Instant.parse("2025-03-11T00:00:00Z"));
        assertThat(storm.getBody()).contains("avalanche warning");
        assertThat(byTitle.get("Village caf\u00e9 wins national award").getBody()).as("summary kept when the page is 404")
                .startsWith("A caf\u00e9 in the upper valley");
        assertThat(byTitle.get("Annual report published").getBody()).as("summary kept behind a PDF link")
                .isEqualTo("The annual report of the port authority is out.");
        assertThat(byTitle.get("Port workers end strike after pay deal in Rotterdam").getDateline()).isEqualTo("Rotterdam");

        for (String reason : List.of("bad_content", "http_server_error", "timeout", "too_many_redirects", "too_large",
                "decompression_bomb", "invalid_url", "page_http_client_error", "page_bad_content_type")) {
            assertThat(registry.find("newsflow.ingest.fetch.errors").tag("reason", reason).counters())
                    .as("fetch errors with reason %s", reason).isNotEmpty();
        }
        Counter published = registry.find("newsflow.ingest.articles").tag("source", server.url("/feeds/rss2.xml"))
                .tag("outcome", "published").counter();
        assertThat(published).isNotNull();
        assertThat(published.count()).isEqualTo(4.0);
        assertThat(registry.find("newsflow.ingest.fetch.latency").timers()).isNotEmpty();
    }

    @Test
    void shouldUseConditionalGetAndPublishNothingNewOnTheNextPoll(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("feeds-again") + ".";
        IngestResult first;
        IngestResult second;
        try (IngestService service = new IngestService(config(broker, prefix), new SimpleMeterRegistry())) {
            first = service.runOnce();
            second = service.runOnce();
        }

        assertThat(first.published()).isEqualTo(9);
        assertThat(second.published()).isZero();
        assertThat(second.fetched()).as("seen items are not read again").isZero();
        assertThat(server.notModifiedAnswers("/feeds/rss2.xml")).isEqualTo(1);
        assertThat(server.notModifiedAnswers("/feeds/atom.xml")).isEqualTo(1);
        assertThat(server.hits("/economy/rates-hold")).as("pages of seen items are not fetched again").isEqualTo(1);
    }

    @Test
    void shouldPickUpNewItemsWhilePollingInTheBackground(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("feeds-live") + ".";
        String item = "<item><title>%s</title><link>{{base}}/live/%s</link><description>%s</description></item>";
        String body = "A long enough feed text so that no article page is fetched for it. ".repeat(12);
        server.text("/live.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><title>Live</title>"
                + item.formatted("First", "1", body) + "</channel></rss>");
        IngestConfig config = IngestTestSupport.config(broker.bootstrapServers(), prefix, Map.of(
                IngestConfig.FEEDS, server.url("/live.xml"), IngestConfig.POLL_INTERVAL_MS, 300L));

        try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
            service.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> service.stats().published() == 1);
            server.text("/live.xml", "application/rss+xml", "<rss version=\"2.0\"><channel><title>Live</title>"
                    + item.formatted("Second", "2", body) + item.formatted("First", "1", body) + "</channel></rss>");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> service.stats().published() == 2);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> server.hits("/live.xml") >= 5);
            assertThat(service.stats().published()).isEqualTo(2);
        }

        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 2);
        // Different ids land on different partitions, so the read order across them is not defined.
        assertThat(records).extracting(r -> r.value().getTitle()).containsExactlyInAnyOrder("First", "Second");
    }
}
