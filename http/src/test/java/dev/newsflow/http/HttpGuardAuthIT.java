package dev.newsflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.testkit.RawHttp;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bearer token on a real Javalin server on 127.0.0.1: required everywhere but the health probes. */
@Timeout(60)
class HttpGuardAuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token-0123456789";
    private static Javalin guarded;
    private static Javalin open;

    @BeforeAll
    static void start() {
        guarded = server(TOKEN);
        open = server("");
    }

    private static Javalin server(String token) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            HttpGuard.install(config, HttpGuard.allowedHosts(List.of(), "127.0.0.1"), token);
            for (String probe : HttpGuard.OPEN_PATHS) {
                HttpGuard.get(config, probe, ctx -> ctx.json(Map.of("probe", probe)));
            }
            HttpGuard.get(config, "/articles/{id}", ctx -> ctx.json(Map.of("id", ctx.pathParam("id"))));
            HttpGuard.get(config, "/metrics", ctx -> ctx.result("metric 1\n"));
            config.routes.post("/articles", ctx -> ctx.status(202).json(Map.of("accepted", true)));
        }).start();
    }

    @AfterAll
    static void stop() {
        guarded.stop();
        open.stop();
    }

    private static RawHttp.Response request(Javalin server, String method, String target, String authorization)
            throws Exception {
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + (authorization == null ? "" : "\r\nAuthorization: " + authorization);
        if (method.equals("POST")) {
            return RawHttp.send(server.port(), head + "\r\nContent-Type: application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        return RawHttp.send(server.port(), head, null);
    }

    private static JsonNode unauthorized(RawHttp.Response response) throws Exception {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"newsflow\"");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("error").asText()).contains(HttpGuard.AUTH_TOKEN).doesNotContain(TOKEN);
        return body;
    }

    @ParameterizedTest(name = "GET {0} without the token -> 401 JSON")
    @ValueSource(strings = {"/articles/a1", "/metrics", "/nowhere"})
    void shouldRefuseReadsWithoutTheToken(String target) throws Exception {
        unauthorized(request(guarded, "GET", target, null));
    }

    @Test
    void shouldRefuseWritesAndHeadWithoutTheToken() throws Exception {
        unauthorized(request(guarded, "POST", "/articles", null));
        RawHttp.Response head = request(guarded, "HEAD", "/articles/a1", null);
        assertThat(head.status()).isEqualTo(401);
        assertThat(head.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @ParameterizedTest(name = "Authorization: {0} -> 401")
    @ValueSource(strings = {"Bearer wrong-token-0123456789", "Bearer s3cret-token-012345678", "Basic czNjcmV0LXRva2Vu",
            "s3cret-token-0123456789", "Bearer"})
    void shouldRefuseAnyOtherTokenOrScheme(String authorization) throws Exception {
        RawHttp.Response response = request(guarded, "GET", "/articles/a1", authorization);

        unauthorized(response);
    }

    @Test
    void shouldSayTheTokenIsWrongWhenOneWasSent() throws Exception {
        RawHttp.Response response = request(guarded, "GET", "/articles/a1", "Bearer wrong-token-0123456789");

        assertThat(unauthorized(response).path("error").asText()).contains("not this server's");
        assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void shouldServeEveryRouteWithTheToken() throws Exception {
        RawHttp.Response read = request(guarded, "GET", "/articles/a1", "Bearer " + TOKEN);
        RawHttp.Response lowerCaseScheme = request(guarded, "GET", "/articles/a2", "bearer " + TOKEN);
        RawHttp.Response write = request(guarded, "POST", "/articles", "Bearer " + TOKEN);
        RawHttp.Response metrics = request(guarded, "GET", "/metrics", "Bearer " + TOKEN);

        assertThat(read.status()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("id").asText()).isEqualTo("a1");
        assertThat(lowerCaseScheme.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(202);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).isEqualTo("metric 1\n");
    }

    @ParameterizedTest(name = "{0} stays open for orchestrators")
    @ValueSource(strings = {"/health", "/health/live", "/health/ready"})
    void shouldLeaveTheHealthProbesOpen(String probe) throws Exception {
        RawHttp.Response response = request(guarded, "GET", probe, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("probe").asText()).isEqualTo(probe);
    }

    @Test
    void shouldCheckTheHostBeforeTheToken() throws Exception {
        RawHttp.Response response = RawHttp.request(guarded.port(), "GET", "/articles/a1", "evil.example");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void shouldServeEveryoneWhenNoTokenIsSet() throws Exception {
        assertThat(request(open, "GET", "/articles/a1", null).status()).isEqualTo(200);
        assertThat(request(open, "POST", "/articles", null).status()).isEqualTo(202);
        assertThat(request(open, "GET", "/articles/a1", "Bearer anything-at-all-here").status()).isEqualTo(200);
    }

    @Test
    void shouldAcceptOnlyLongVisibleTokens() {
        assertThat(HttpGuard.tokenProblem("")).isNull();
        assertThat(HttpGuard.tokenProblem(TOKEN)).isNull();
        assertThat(HttpGuard.tokenProblem("short")).contains("at least 16").doesNotContain("short");
        assertThat(HttpGuard.tokenProblem("has a space in it ok")).contains("visible ASCII");
    }
}
