package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaBrokerExtension;
import dev.newsflow.testkit.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class PushEndpointIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(int port, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAcceptValidArticlesAndRejectBadOrOversizedRequestsPrecisely(KafkaTestBroker broker) throws Exception {
        String prefix = KafkaTestBroker.uniqueName("push") + ".";
        IngestConfig config = IngestTestSupport.config(broker.bootstrapServers(), prefix,
                Map.of(IngestConfig.HTTP_PORT, 0, IngestConfig.HTTP_MAX_BODY_BYTES, 2048));
        try (IngestService service = new IngestService(config, new SimpleMeterRegistry())) {
            service.start();
            int port = service.httpPort();

            HttpResponse<String> one = post(port, """
                    {"title": "Ferry resumes", "body": "The ferry link resumed on Saturday.", "url": "https://news.example.com/ferry"}
                    """);
            HttpResponse<String> two = post(port, """
                    [{"title": "A", "text": "First pushed article."}, {"title": "B", "text": "Second pushed article."}]
                    """);
            HttpResponse<String> malformed = post(port, "{\"title\": \"x\", ");
            HttpResponse<String> invalid = post(port, """
                    [{"title": "C", "text": "Fine."}, {"url": "https://news.example.com/empty"}]
                    """);
            HttpResponse<String> badDate = post(port, "{\"title\": \"D\", \"body\": \"x\", \"publishedAt\": \"someday\"}");
            HttpResponse<String> tooLarge = post(port, "{\"title\": \"big\", \"body\": \"" + "x".repeat(4096) + "\"}");
            HttpResponse<String> again = post(port, """
                    {"title": "Ferry resumes", "body": "The ferry link resumed on Saturday.", "url": "https://news.example.com/ferry?utm_source=push"}
                    """);

            assertThat(one.statusCode()).isEqualTo(202);
            JsonNode oneBody = JSON.readTree(one.body());
            assertThat(oneBody.get("ids")).hasSize(1);
            assertThat(two.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(two.body()).get("ids")).hasSize(2);
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("malformed JSON at line 1");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("article [1]").contains("no text");
            assertThat(badDate.statusCode()).isEqualTo(400);
            assertThat(badDate.body()).contains("publishedAt").contains("someday");
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(again.body()).get("ids").get(0).asText()).isEqualTo(oneBody.get("ids").get(0).asText());
            assertThat(JSON.readTree(again.body()).get("duplicates").asInt()).isEqualTo(1);
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }

        List<ConsumerRecord<String, Article>> records = IngestTestSupport.readExactly(broker, prefix + "news.articles.raw", 3);
        assertThat(records).extracting(r -> r.value().getTitle()).containsExactlyInAnyOrder("Ferry resumes", "A", "B");
        assertThat(records).extracting(r -> r.value().getSource()).containsOnly("http");
    }
}
