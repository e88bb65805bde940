package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.config.Deployment;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichService;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkService;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deployments on one real broker, both with every other setting at its default (the same
 * application ids and the same state directory, as two operators would start them), share
 * nothing: each enriches and serves only its own articles, the same article ingested into both
 * reaches both enriched topics, and groups, transactional ids and state directories carry the
 * deployment's name.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(300)
class DeploymentIsolationIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** One deployment's three stages, started consumers first. */
    private static final class Stages implements AutoCloseable {
        final SinkService sink;
        final EnrichService enrich;
        final IngestService ingest;

        Stages(Map<String, Object> sink, Map<String, Object> enrich, Map<String, Object> ingest, NewsEngine engine) {
            this.sink = new SinkService(new SinkConfig(sink), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            this.sink.start();
            this.enrich = new EnrichService(new EnrichConfig(enrich), engine, new SimpleMeterRegistry()).start();
            this.ingest = new IngestService(new IngestConfig(ingest), new SimpleMeterRegistry());
        }

        @Override
        public void close() {
            ingest.close();
            enrich.close();
            sink.close();
        }
    }

    @Test
    void shouldShareNoRecordStateOrDuplicateCheckBetweenTwoDeploymentsOnOneBroker(KafkaTestBroker broker) throws Exception {
        String alpha = KafkaTestBroker.uniqueName("alpha");
        String beta = KafkaTestBroker.uniqueName("beta");
        Path state = dir.resolve("state");
        Path alphaInput = Files.createDirectories(dir.resolve("alpha-in"));
        Path betaInput = Files.createDirectories(dir.resolve("beta-in"));
        String shared = article("https://news.example/shared", "Merkel meets Macron in Berlin",
                "Angela Merkel met Emmanuel Macron in Berlin on Monday to talk about the budget of the European Union.");
        Files.writeString(alphaInput.resolve("shared.json"), shared);
        Files.writeString(betaInput.resolve("shared.json"), shared);
        Files.writeString(alphaInput.resolve("a1.json"), article("https://news.example/alpha-1", "Toyota opens a plant",
                "Toyota opened a new plant in Kentucky, the company said in Tokyo on Tuesday."));
        Files.writeString(alphaInput.resolve("a2.json"), article("https://news.example/alpha-2", "Storm reaches Florida",
                "A storm reached Florida on Wednesday and Miami closed its airport for the day."));
        Files.writeString(betaInput.resolve("b1.json"), article("https://news.example/beta-1", "Nokia cuts jobs",
                "Nokia will cut two thousand jobs in Finland, its chief executive said in Helsinki."));

        EnrichConfig engineConfig = new EnrichConfig(enrich(broker, alpha, state));
        try (NewsEngine engine = NewsEngines.create(EngineSettings.from(engineConfig));
             Stages a = new Stages(sink(broker, alpha, state), enrich(broker, alpha, state),
                     ingest(broker, alpha, alphaInput), engine);
             Stages b = new Stages(sink(broker, beta, state), enrich(broker, beta, state),
                     ingest(broker, beta, betaInput), engine)) {

            assertThat(a.ingest.runOnce().published()).isEqualTo(3);
            await().atMost(Duration.ofMinutes(2)).until(() -> a.sink.storedArticleCount() == 3);
            IngestResult intoBeta = b.ingest.runOnce();
            assertThat(intoBeta.published()).as("beta's ingest dedup saw nothing of alpha").isEqualTo(2);
            assertThat(intoBeta.duplicate()).isZero();
            await().atMost(Duration.ofMinutes(2)).until(() -> b.sink.storedArticleCount() == 2);

            Map<String, String> alphaIds = enrichedIdsByUrl(broker, alpha);
            Map<String, String> betaIds = enrichedIdsByUrl(broker, beta);
            assertThat(alphaIds).containsOnlyKeys("https://news.example/shared", "https://news.example/alpha-1",
                    "https://news.example/alpha-2");
            assertThat(betaIds).as("the article alpha had already enriched is enriched again in beta, not dropped as a duplicate")
                    .containsOnlyKeys("https://news.example/shared", "https://news.example/beta-1");
            assertThat(betaIds.get("https://news.example/shared")).isEqualTo(alphaIds.get("https://news.example/shared"));
            assertThat(a.sink.storedArticleCount()).isEqualTo(3);
            assertThat(b.sink.storedArticleCount()).isEqualTo(2);

            assertThat(status(b, alphaIds.get("https://news.example/alpha-1"))).isEqualTo(404);
            assertThat(status(a, betaIds.get("https://news.example/beta-1"))).isEqualTo(404);
            assertThat(status(a, alphaIds.get("https://news.example/shared"))).isEqualTo(200);
            assertThat(status(b, betaIds.get("https://news.example/shared"))).isEqualTo(200);

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Set<String> groups = admin.listGroups().all().get().stream()
                        .map(listing -> listing.groupId()).collect(Collectors.toSet());
                assertThat(groups).contains(alpha + ".newsflow-enrich", alpha + ".newsflow-sink",
                        beta + ".newsflow-enrich", beta + ".newsflow-sink");
                Collection<TransactionListing> transactions = admin.listTransactions().all().get();
                assertThat(transactions).map(TransactionListing::transactionalId)
                        .anyMatch(id -> id.startsWith(alpha + ".newsflow-enrich-"))
                        .anyMatch(id -> id.startsWith(beta + ".newsflow-enrich-"))
                        .anyMatch(id -> id.startsWith(beta + ".newsflow-sink-"));
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).anyMatch(topic -> topic.startsWith(beta + ".newsflow-enrich-") && topic.endsWith("-changelog"))
                        .anyMatch(topic -> topic.startsWith(alpha + ".newsflow-sink-") && topic.endsWith("-changelog"));
            }
        }
        assertThat(state.resolve("enrich").resolve(alpha + ".newsflow-enrich")).isDirectory();
        assertThat(state.resolve("enrich").resolve(beta + ".newsflow-enrich")).isDirectory();
        assertThat(state.resolve("sink").resolve(beta + ".newsflow-sink")).isDirectory();
        assertThat(state.resolve("enrich").resolve("newsflow-enrich")).doesNotExist();
    }

    private static String article(String url, String title, String body) {
        return "{\"url\": \"" + url + "\", \"title\": \"" + title + "\", \"body\": \"" + body + "\"}\n";
    }

    private static Map<String, Object> sink(KafkaTestBroker broker, String deployment, Path state) {
        Map<String, Object> values = new HashMap<>();
        values.put(SinkConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        values.put(Deployment.KEY, deployment);
        values.put(SinkConfig.STATE_DIR, state.resolve("sink").toString());
        values.put(SinkConfig.HTTP_PORT, 0);
        return values;
    }

    private static Map<String, Object> enrich(KafkaTestBroker broker, String deployment, Path state) {
        Map<String, Object> values = new HashMap<>();
        values.put(EnrichConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        values.put(Deployment.KEY, deployment);
        values.put(EnrichConfig.STATE_DIR, state.resolve("enrich").toString());
        values.put(EnrichConfig.HTTP_PORT, -1);
        return values;
    }

    private static Map<String, Object> ingest(KafkaTestBroker broker, String deployment, Path input) {
        Map<String, Object> values = new HashMap<>();
        values.put(IngestConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        values.put(Deployment.KEY, deployment);
        values.put(IngestConfig.INPUTS, input.toString());
        return values;
    }

    private static Map<String, String> enrichedIdsByUrl(KafkaTestBroker broker, String deployment) {
        Map<String, String> ids = new HashMap<>();
        for (ConsumerRecord<String, EnrichedArticle> record : KafkaTestClients.readToEnd(broker,
                deployment + ".news.articles.enriched", new StringDeserializer(),
                AvroSerde.of(EnrichedArticle.class).deserializer(), Duration.ofSeconds(30))) {
            ids.put(record.value().getUrl(), record.key());
        }
        return ids;
    }

    private static int status(Stages stages, String id) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + stages.sink.httpPort() + "/articles/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
