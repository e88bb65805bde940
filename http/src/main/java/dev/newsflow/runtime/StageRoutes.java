package dev.newsflow.runtime;

import dev.newsflow.health.StageHealth;
import dev.newsflow.http.HttpGuard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The routes every stage's HTTP server serves the same way: {@code /health} (one shape for
 * ingest, enrich, sink and {@code run}: see {@link StageHealth#report}), {@code /health/live},
 * {@code /health/ready} and {@code /metrics} (Prometheus text). {@code /health} and
 * {@code /health/ready} answer 200 when every stage of the process is ready, else 503;
 * {@code /health/live} answers 503 only once a stage has stopped or failed for good.
 */
public final class StageRoutes {
    /** Content type of the Prometheus text format. */
    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private StageRoutes() {
    }

    /**
     * Installs the four routes (GET and HEAD) on a server that already has {@link HttpGuard#install}.
     *
     * @param stages the stages this process runs, asked on each request
     * @param scrape the Prometheus text of the process's registry
     */
    public static void install(JavalinConfig config, Supplier<List<StageHealth>> stages, Supplier<String> scrape) {
        HttpGuard.get(config, "/health", ctx -> health(ctx, stages.get()));
        HttpGuard.get(config, "/health/live", ctx -> live(ctx, stages.get()));
        HttpGuard.get(config, "/health/ready", ctx -> ready(ctx, stages.get()));
        HttpGuard.get(config, "/metrics", ctx -> ctx.contentType(PROMETHEUS_TYPE).result(scrape.get()));
    }

    /** The body and status of /health. */
    public static void health(Context ctx, List<StageHealth> stages) {
        ctx.status(StageHealth.allReady(stages) ? 200 : 503);
        ctx.contentType(HttpGuard.JSON).result(Json.bytes(StageHealth.report(stages)));
    }

    private static void live(Context ctx, List<StageHealth> stages) {
        boolean live = StageHealth.allLive(stages);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("live", live);
        json.put("phases", phases(stages));
        ctx.status(live ? 200 : 503).contentType(HttpGuard.JSON).result(Json.bytes(json));
    }

    private static void ready(Context ctx, List<StageHealth> stages) {
        boolean ready = StageHealth.allReady(stages);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ready", ready);
        json.put("phases", phases(stages));
        stages.stream().filter(s -> s.reason() != null).findFirst()
                .ifPresent(s -> json.put("reason", s.stage() + ": " + s.reason()));
        ctx.status(ready ? 200 : 503).contentType(HttpGuard.JSON).result(Json.bytes(json));
    }

    private static Map<String, String> phases(List<StageHealth> stages) {
        Map<String, String> phases = new LinkedHashMap<>();
        stages.forEach(s -> phases.put(s.stage(), s.phase().name()));
        return phases;
    }

    /** Jackson, as the guard uses it. */
    private static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        static byte[] bytes(Object value) {
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
