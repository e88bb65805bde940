package dev.newsflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.testkit.RawHttp;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** http.cors.origins on a real Javalin server behind a token: listed origins may read, others not, writes never. */
@Timeout(60)
class HttpGuardCorsIT {
    private static final String TOKEN = "cors-token-0123456789";
    private static final String ALLOWED = "https://dash.example";
    private static Javalin cors;
    private static Javalin plain;

    @BeforeAll
    static void start() {
        cors = server(List.of(ALLOWED, "http://localhost:3000"));
        plain = server(List.of());
    }

    private static Javalin server(List<String> origins) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            HttpGuard.install(config, HttpGuard.allowedHosts(List.of(), "127.0.0.1"), TOKEN, origins);
            HttpGuard.get(config, "/articles/{id}", ctx -> ctx.json(Map.of("id", ctx.pathParam("id"))));
            config.routes.post("/articles", ctx -> ctx.status(202).json(Map.of("accepted", true)));
        }).start();
    }

    @AfterAll
    static void stop() {
        cors.stop();
        plain.stop();
    }

    private static RawHttp.Response send(Javalin server, String method, String target, String... headers) throws Exception {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port());
        for (String header : headers) {
            head.append("\r\n").append(header);
        }
        if (method.equals("POST")) {
            return RawHttp.send(server.port(), head + "\r\nContent-Type: application/json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        return RawHttp.send(server.port(), head.toString(), null);
    }

    @Test
    void shouldLetAListedOriginReadWithTheToken() throws Exception {
        RawHttp.Response answer = send(cors, "GET", "/articles/a1", "Origin: " + ALLOWED, "Authorization: Bearer " + TOKEN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    }

    @Test
    void shouldAnswerAPreflightWithoutTheTokenAndAllowTheAuthorizationHeader() throws Exception {
        RawHttp.Response preflight = send(cors, "OPTIONS", "/articles/a1", "Origin: " + ALLOWED,
                "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: authorization");

        assertThat(preflight.status()).as("answer %s", preflight.body()).isBetween(200, 204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
    }

    @Test
    void shouldGiveNoCorsHeadersToAnotherOriginOrWithoutTheSetting() throws Exception {
        RawHttp.Response other = send(cors, "GET", "/articles/a1", "Origin: https://evil.example",
                "Authorization: Bearer " + TOKEN);
        RawHttp.Response off = send(plain, "GET", "/articles/a1", "Origin: " + ALLOWED, "Authorization: Bearer " + TOKEN);

        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(off.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void shouldStillRefuseAWriteFromAListedOrigin() throws Exception {
        RawHttp.Response write = send(cors, "POST", "/articles", "Origin: " + ALLOWED, "Authorization: Bearer " + TOKEN);

        assertThat(write.status()).isEqualTo(403);
        assertThat(write.body()).contains("cross-origin write");
    }

    @Test
    void shouldStillWantTheTokenForAReadFromAListedOrigin() throws Exception {
        assertThat(send(cors, "GET", "/articles/a1", "Origin: " + ALLOWED).status()).isEqualTo(401);
    }
}
