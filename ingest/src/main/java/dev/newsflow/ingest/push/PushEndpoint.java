package dev.newsflow.ingest.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.publish.Outcome;
import dev.newsflow.ingest.source.JsonArticles;
import dev.newsflow.schemas.avro.Article;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /articles}: one JSON article or an array (field mapping of {@link JsonArticles}).
 * Every article is validated before any is sent; the answer waits for the broker's acks.
 * 202 with the ids; 400 with a message naming the article and field; 413 above the size cap;
 * 503 when the broker did not acknowledge in time (safe to retry: ids are stable).
 */
public final class PushEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "http";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final ArticleSink sink;
    private final int maxBodyBytes;
    private final Javalin app;
    private final String host;

    public PushEndpoint(ArticleSink sink, String host, int port, int maxBodyBytes) {
        this.sink = sink;
        this.maxBodyBytes = maxBodyBytes;
        this.host = host;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes + 1L;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.post("/articles", this::handle);
            // Liveness for container health checks: the endpoint is up and accepting requests.
            config.routes.get("/health", ctx -> ctx.json(java.util.Map.of("stage", "ingest", "status", "UP")));
        });
    }

    public PushEndpoint start() {
        app.start();
        LOG.info("Push endpoint listening on POST http://{}:{}/articles", host, port());
        return this;
    }

    public int port() {
        return app.port();
    }

    private void handle(Context ctx) throws InterruptedException {
        String declared = ctx.header("Content-Length");
        if (declared != null && declared.matches("\\d+") && Long.parseLong(declared) > maxBodyBytes) {
            error(ctx, 413, "request body of " + declared + " bytes is over the limit of " + maxBodyBytes + " bytes");
            return;
        }
        byte[] body;
        try {
            body = readCapped(ctx.bodyInputStream());
        } catch (IOException e) {
            error(ctx, 400, "cannot read the request body: " + e.getMessage());
            return;
        }
        if (body == null) {
            error(ctx, 413, "request body is over the limit of " + maxBodyBytes + " bytes");
            return;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            error(ctx, 400, "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            return;
        } catch (IOException e) {
            error(ctx, 400, "cannot read the request body: " + e.getMessage());
            return;
        }
        if (tree == null || tree.isMissingNode() || tree.isArray() && tree.isEmpty()) {
            error(ctx, 400, "expected a JSON article object or a non-empty array of them");
            return;
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (tree.isArray()) {
            tree.forEach(nodes::add);
        } else {
            nodes.add(tree);
        }
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            try {
                articles.add(sink.normalize(JsonArticles.fromJson(nodes.get(i), SOURCE)));
            } catch (InvalidArticleException e) {
                error(ctx, 400, (tree.isArray() ? "article [" + i + "]: " : "article: ") + e.getMessage());
                return;
            }
        }
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        for (Article article : articles) {
            futures.add(sink.submit(article, SOURCE));
        }
        ArrayNode ids = JSON.createArrayNode();
        int duplicates = 0;
        try {
            for (int i = 0; i < futures.size(); i++) {
                Outcome outcome = futures.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (outcome == Outcome.UNDELIVERED) {
                    error(ctx, 503, "the broker did not acknowledge article " + articles.get(i).getId() + "; retry later");
                    return;
                }
                duplicates += outcome == Outcome.DUPLICATE ? 1 : 0;
                ids.add(articles.get(i).getId());
            }
        } catch (ExecutionException | TimeoutException e) {
            error(ctx, 503, "the broker did not acknowledge in time; retry later");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("ids", ids);
        answer.put("duplicates", duplicates);
        ctx.status(202).contentType("application/json").result(answer.toString());
    }

    private byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while ((n = in.read(chunk)) != -1) {
            if (out.size() + n > maxBodyBytes) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("error", message);
        ctx.status(status).contentType("application/json").result(answer.toString());
    }

    @Override
    public void close() {
        app.stop();
    }
}
