package dev.newsflow.ingest.push;

import dev.newsflow.health.StageHealth;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.runtime.StageRoutes;
import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.source.JsonArticles;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /articles}: one JSON article object ({@code Content-Type: application/json}), or
 * several as JSON Lines, one object a line ({@code application/x-ndjson}); field mapping and
 * types of {@link JsonArticles}. The body must be UTF-8 and hold nothing but that: trailing
 * data, nesting deeper than {@link #MAX_DEPTH} and duplicate keys are refused. Every article is
 * validated before any is sent; the answer waits for the broker's acks.
 *
 * <p>202 with the ids; 400 naming the line and field; 413 for a body over
 * {@code http.max.body.bytes} or an article over {@code article.max.chars} (the limit is in the
 * JSON answer); 415 for another content type; 503 when the broker did not acknowledge in time
 * (safe to retry: ids are stable). Every answer is JSON, and {@link HttpGuard} refuses other
 * hosts and cross-origin writes.
 */
public final class PushEndpoint implements AutoCloseable {
    /** Media type of a single article. */
    public static final String JSON_TYPE = "application/json";
    /** Media type of JSON Lines, one article a line. */
    public static final String JSON_LINES_TYPE = "application/x-ndjson";
    /** Deepest nesting of arrays and objects accepted in an article. */
    static final int MAX_DEPTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(PushEndpoint.class);

    private final Javalin app;
    private final String host;
    private final int requestedPort;

    /**
     * @param token  bearer token every route but the health probes requires ({@link HttpGuard#AUTH_TOKEN}); empty for none
     * @param stages what /health reports (ingest, or every stage of the process)
     * @param scrape the Prometheus text /metrics answers with
     */
    public PushEndpoint(ArticleSink sink, String host, int port, int maxBodyBytes, Set<String> allowedHosts, String token,
                        List<StageHealth> stages, Supplier<String> scrape) {
        this(sink, host, port, maxBodyBytes, allowedHosts, token, List.of(), stages, scrape);
    }

    /** @param corsOrigins web origins whose pages may read the answers ({@link HttpGuard#CORS_ORIGINS}); empty for none */
    public PushEndpoint(ArticleSink sink, String host, int port, int maxBodyBytes, Set<String> allowedHosts, String token,
                        List<String> corsOrigins, List<StageHealth> stages, Supplier<String> scrape) {
        PushRoute route = new PushRoute(() -> sink, maxBodyBytes);
        this.host = host;
        this.requestedPort = port;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            HttpGuard.install(config, allowedHosts, token, corsOrigins);
            route.install(config);
            StageRoutes.install(config, () -> stages, scrape);
        });
    }

    public PushEndpoint start() {
        dev.newsflow.http.HttpPorts.start(app, host, requestedPort);
        LOG.info("Push endpoint listening on POST http://{}:{}/articles", host, port());
        return this;
    }

    public int port() {
        return app.port();
    }

    /**
     * The push route alone, for another server of the same process to mount (under {@code run}, the
     * query API serves it on its one port). {@code sinks} gives null until ingest has its producer.
     */
    public static Consumer<JavalinConfig> route(Supplier<ArticleSink> sinks, int maxBodyBytes) {
        return new PushRoute(sinks, maxBodyBytes)::install;
    }

    @Override
    public void close() {
        app.stop();
    }
}
