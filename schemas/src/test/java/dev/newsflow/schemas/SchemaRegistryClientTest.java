package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.format.RegistrySettings;
import dev.newsflow.schemas.format.SchemaRegistryClient;
import dev.newsflow.schemas.format.RegistryAvroSerde;
import dev.newsflow.schemas.format.SchemaRegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry client puts on the wire, seen by an HTTP server on 127.0.0.1 that answers
 * as a Confluent-compatible registry would (ThirdPartyReadersIT runs it against a real registry).
 */
class SchemaRegistryClientTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization") + " type="
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            boolean refused = exchange.getRequestURI().getPath().contains("refused");
            boolean failing = exchange.getRequestURI().getPath().contains("failing");
            byte[] body = (refused ? "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}"
                    : failing ? "{\"message\":\"storage unavailable\"}" : "{\"id\":7}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refused ? 409 : failing ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldSendBasicAuthAndTheRegistryContentTypeWhenRegistering() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.from(Map.of(
                "schema.registry.url", url, "schema.registry.basic.auth.user.info", "alice:s3cret")));

        int id = client.register("news.articles.raw-value", Article.getClassSchema());

        assertThat(id).isEqualTo(7);
        assertThat(seen).containsExactly("POST /apis/ccompat/v7/subjects/news.articles.raw-value/versions auth=Basic "
                + java.util.Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8))
                + " type=application/vnd.schemaregistry.v1+json");
    }

    @Test
    void shouldTryTheNextUrlWhenOneIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.from(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + closedPort + "," + url)));

        assertThat(client.register("t-value", Article.getClassSchema())).isEqualTo(7);
    }

    @Test
    void shouldTellAnOutageFromARefusal() throws IOException {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.from(Map.of("schema.registry.url", url)));
        SchemaRegistryClient nowhere = new SchemaRegistryClient(RegistrySettings.from(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + closedPort())));

        assertThatThrownBy(() -> client.register("refused-value", Article.getClassSchema()))
                .satisfies(e -> assertThat(((SchemaRegistryException) e).isOutage()).as("409: a refusal").isFalse());
        assertThatThrownBy(() -> client.register("failing-value", Article.getClassSchema()))
                .satisfies(e -> assertThat(((SchemaRegistryException) e).isOutage()).as("503: an outage").isTrue());
        assertThatThrownBy(() -> nowhere.register("t-value", Article.getClassSchema()))
                .satisfies(e -> assertThat(((SchemaRegistryException) e).isOutage()).as("no answer: an outage").isTrue());
    }

    @Test
    void shouldFindTheOutageBehindAReadersSerializationErrorButNotAnUnknownSchemaId() throws IOException {
        RegistryAvroSerde<Article> down = RegistryAvroSerde.of(Article.class);
        down.configure(Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort()), false);
        RegistryAvroSerde<Article> up = RegistryAvroSerde.of(Article.class);
        up.configure(Map.of("schema.registry.url", url + "/refused"), false);
        byte[] record = {RegistryAvroSerde.MAGIC, 0, 0, 0, 9, 2, 'x'};

        assertThatThrownBy(() -> down.deserialize("news.articles.raw", record))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .satisfies(e -> assertThat(SchemaRegistryException.outageIn(e)).isNotNull());
        assertThatThrownBy(() -> up.deserialize("news.articles.raw", record))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .satisfies(e -> assertThat(SchemaRegistryException.outageIn(e)).as("a refused id is bad data").isNull());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldNameTheRegistryStatusAndMessageWhenRefused() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.from(Map.of("schema.registry.url", url)));

        assertThatThrownBy(() -> client.register("refused-value", Article.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("answered 409 to POST /subjects/refused-value/versions")
                .hasMessageContaining("Schema being registered is incompatible")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));
    }
}
