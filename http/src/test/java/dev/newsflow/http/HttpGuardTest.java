package dev.newsflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.testkit.RawHttp;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard on a real Javalin server on 127.0.0.1: every error JSON, Host and Origin checked, HEAD like GET. */
@Timeout(60)
class HttpGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Javalin app;
    private static int port;
    private static String host;

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            HttpGuard.install(config, HttpGuard.allowedHosts(List.of(), "127.0.0.1", "advertised.example"));
            HttpGuard.get(config, "/things/{id}", ctx -> {
                if (!ctx.pathParam("id").equals("known")) {
                    throw new HttpGuard.HttpError(404, "no thing " + ctx.pathParam("id"));
                }
                ctx.json(java.util.Map.of("id", "known"));
            });
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("broken on purpose");
            });
            config.routes.post("/things", ctx -> {
                HttpGuard.requireContentType(ctx, List.of("application/json"));
                ctx.status(201).result("created");
            });
        }).start();
        port = app.port();
        host = "127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static JsonNode json(RawHttp.Response response) throws Exception {
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(response.status());
        assertThat(body.path("error").asText()).isNotBlank();
        return body;
    }

    private static RawHttp.Response post(String extraHeaders, String contentType) throws Exception {
        return RawHttp.send(port, "POST /things HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType
                + extraHeaders, "{}".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /nowhere, 404",
            "GET, /things/unknown, 404",
            "DELETE, /things/known, 405",
            "PUT, /things, 405",
            "GET, /things/%zz, 400",
            "GET, /boom, 500"})
    void shouldAnswerEveryErrorAsJson(String method, String target, int status) throws Exception {
        RawHttp.Response response = RawHttp.request(port, method, target, host);

        assertThat(response.status()).isEqualTo(status);
        json(response);
    }

    @Test
    void shouldAnswerAUriTooLongAsJson414() throws Exception {
        RawHttp.Response response = RawHttp.request(port, "GET", "/things/" + "a".repeat(100_000), host);

        assertThat(response.status()).isEqualTo(414);
        json(response);
    }

    @Test
    void shouldAnswerHeadersTooLargeAsJson431() throws Exception {
        RawHttp.Response response = RawHttp.send(port, "GET /things/known HTTP/1.1\r\nHost: " + host
                + "\r\nX-Big: " + "b".repeat(100_000), null);

        assertThat(response.status()).isEqualTo(431);
        json(response);
    }

    @Test
    void shouldAnswerHeadLikeGetWithoutBody() throws Exception {
        RawHttp.Response known = RawHttp.request(port, "HEAD", "/things/known", host);
        RawHttp.Response unknown = RawHttp.request(port, "HEAD", "/things/unknown", host);
        RawHttp.Response nowhere = RawHttp.request(port, "HEAD", "/nowhere", host);

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.header("Content-Type")).startsWith("application/json");
        assertThat(known.body()).isEmpty();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/json");
        assertThat(nowhere.status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "Host {0} -> {1}")
    @CsvSource({
            "127.0.0.1, 200",
            "localhost, 200",
            "LOCALHOST:8080, 200",
            "[::1]:9, 200",
            "advertised.example:80, 200",
            "attacker.example, 403",
            "127.0.0.1.attacker.example, 403"})
    void shouldAnswerOnlyToItsOwnNames(String hostHeader, int status) throws Exception {
        RawHttp.Response response = RawHttp.request(port, "GET", "/things/known", hostHeader);

        assertThat(response.status()).isEqualTo(status);
        if (status == 403) {
            assertThat(json(response).path("error").asText()).contains(HttpGuard.ALLOWED_HOSTS);
        }
    }

    @Test
    void shouldRefuseWritesFromOtherOriginsAndAcceptItsOwn() throws Exception {
        RawHttp.Response foreign = post("\r\nOrigin: http://attacker.example", "application/json");
        RawHttp.Response otherPort = post("\r\nOrigin: http://127.0.0.1:1", "application/json");
        RawHttp.Response nullOrigin = post("\r\nOrigin: null", "application/json");
        RawHttp.Response crossSite = post("\r\nSec-Fetch-Site: cross-site", "application/json");
        RawHttp.Response own = post("\r\nOrigin: http://" + host, "application/json");
        RawHttp.Response noOrigin = post("", "application/json");

        assertThat(List.of(foreign, otherPort, nullOrigin, crossSite)).allSatisfy(r -> assertThat(r.status()).isEqualTo(403));
        assertThat(json(foreign).path("error").asText()).contains("cross-origin");
        assertThat(own.status()).isEqualTo(201);
        assertThat(noOrigin.status()).isEqualTo(201);
    }

    @Test
    void shouldRefuseBodiesThatAreNotJsonWith415() throws Exception {
        RawHttp.Response plain = post("", "text/plain");
        RawHttp.Response form = post("", "application/x-www-form-urlencoded");
        RawHttp.Response latin1 = post("", "application/json; charset=iso-8859-1");
        RawHttp.Response none = RawHttp.send(port, "POST /things HTTP/1.1\r\nHost: " + host, "{}".getBytes(StandardCharsets.UTF_8));
        RawHttp.Response utf8 = post("", "application/json; charset=UTF-8");

        assertThat(List.of(plain, form, latin1, none)).allSatisfy(r -> assertThat(r.status()).isEqualTo(415));
        assertThat(json(plain).path("accepted").toString()).contains("application/json");
        assertThat(utf8.status()).isEqualTo(201);
    }

    @Test
    void shouldDefaultToLoopbackNamesAndAlwaysAllowItsOwnNamesButNotAWildcard() {
        assertThat(HttpGuard.allowedHosts(List.of(), "0.0.0.0", "sink-1"))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1", "sink-1");
        assertThat(HttpGuard.allowedHosts(List.of("news.example", "[::1]"), "10.0.0.5"))
                .containsExactlyInAnyOrder("news.example", "::1", "10.0.0.5");
        assertThat(HttpGuard.allowedHosts(List.of("*"), "127.0.0.1")).isEqualTo(Set.of());
    }
}
