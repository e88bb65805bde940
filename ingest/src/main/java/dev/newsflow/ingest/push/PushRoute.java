package dev.newsflow.ingest.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.http.HttpGuard.HttpError;
import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.normalize.ArticleTooLargeException;
import dev.newsflow.ingest.normalize.InvalidArticleException;
import dev.newsflow.ingest.publish.Outcome;
import dev.newsflow.ingest.source.JsonArticles;
import dev.newsflow.schemas.avro.Article;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The handler of {@code POST /articles}, as {@link PushEndpoint} documents it, mountable on any
 * server of the process: the push endpoint's own, or the query API's under {@code run}.
 */
final class PushRoute {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(PushEndpoint.MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final String SOURCE = "http";
    private static final long ACK_TIMEOUT_SECONDS = 60;
    /** How much of a refused body (in multiples of the limit) is read and dropped so the client sees the 413. */
    private static final int DRAIN_FACTOR = 4;

    private final Supplier<ArticleSink> sinks;
    private final int maxBodyBytes;

    /** @param sinks where pushed articles go; null until the ingest service has its producer (answered 503) */
    PushRoute(Supplier<ArticleSink> sinks, int maxBodyBytes) {
        this.sinks = sinks;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Mounts {@code POST /articles} on a server being configured, raising its request size limit to the push limit. */
    void install(JavalinConfig config) {
        config.http.maxRequestSize = Math.max(config.http.maxRequestSize, maxBodyBytes + 1L);
        config.routes.post("/articles", this::handle);
    }

    private ArticleSink sink() {
        ArticleSink sink = sinks.get();
        if (sink == null) {
            throw new HttpError(503, "ingest is still starting (waiting for the broker); retry shortly");
        }
        return sink;
    }

    private void handle(Context ctx) throws InterruptedException {
        String declared = ctx.header("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBodyBytes) {
            drain(ctx);
            throw bodyTooLarge("request body of " + declared + " bytes is over the limit of " + maxBodyBytes + " bytes");
        }
        byte[] bytes;
        try {
            bytes = readCapped(ctx.bodyInputStream());
        } catch (IOException e) {
            throw new HttpError(400, "cannot read the request body: " + e.getMessage());
        }
        if (bytes == null) {
            drain(ctx);
            throw bodyTooLarge("request body is over the limit of " + maxBodyBytes + " bytes");
        }
        // Checked after reading the body, so that the client, still sending, gets the answer.
        String type = HttpGuard.requireContentType(ctx, List.of(PushEndpoint.JSON_TYPE, PushEndpoint.JSON_LINES_TYPE));
        String text = utf8(bytes);
        List<Pushed> nodes = new ArrayList<>();
        if (type.equals(PushEndpoint.JSON_TYPE)) {
            nodes.add(new Pushed("", parseOne(text, "")));
        } else {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    String where = "line " + (i + 1) + ": ";
                    nodes.add(new Pushed(where, parseOne(lines[i], where)));
                }
            }
            if (nodes.isEmpty()) {
                throw new HttpError(400, "no article: the JSON Lines body is empty");
            }
        }
        List<Article> articles = new ArrayList<>();
        for (Pushed pushed : nodes) {
            try {
                articles.add(sink().normalizeWithinLimit(JsonArticles.fromJson(pushed.node(), SOURCE)));
            } catch (ArticleTooLargeException e) {
                throw new HttpError(413, pushed.where() + "article " + e.getMessage(),
                        Map.of("maxChars", e.maxChars(), "chars", e.chars()));
            } catch (InvalidArticleException e) {
                throw new HttpError(400, pushed.where() + "article: " + e.getMessage());
            }
        }
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        ArticleSink sink = sink();
        for (Article article : articles) {
            futures.add(sink.submit(article, SOURCE));
        }
        ArrayNode ids = JSON.createArrayNode();
        int duplicates = 0;
        try {
            for (int i = 0; i < futures.size(); i++) {
                Outcome outcome = futures.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (outcome == Outcome.UNDELIVERED) {
                    throw new HttpError(503, "the broker did not acknowledge article " + articles.get(i).getId() + "; retry later");
                }
                duplicates += outcome == Outcome.DUPLICATE ? 1 : 0;
                ids.add(articles.get(i).getId());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new HttpError(503, "the broker did not acknowledge in time; retry later");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("ids", ids);
        answer.put("duplicates", duplicates);
        ctx.status(202).contentType(HttpGuard.JSON).result(answer.toString());
    }

    /** One parsed article object and where it was ("line N: " in JSON Lines, else empty). */
    private record Pushed(String where, JsonNode node) {
    }

    /** Exactly one JSON object and nothing after it. */
    private static JsonNode parseOne(String text, String where) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new HttpError(400, where + "no article: the body is empty");
            }
            if (!node.isObject()) {
                throw new HttpError(400, where + "expected one JSON article object, not " + kind(node)
                        + "; send several articles as JSON Lines (Content-Type: " + PushEndpoint.JSON_LINES_TYPE + ")");
            }
            if (parser.nextToken() != null) {
                throw new HttpError(400, where + "trailing data after the article at " + at(parser.currentTokenLocation())
                        + (where.isEmpty() ? "; send several articles as JSON Lines (Content-Type: " + PushEndpoint.JSON_LINES_TYPE + ")" : ""));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, where + "malformed JSON" + (e.getLocation() == null ? "" : " at " + at(e.getLocation()))
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, where + "cannot read the JSON: " + e.getMessage());
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "an array" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "the request body is not valid UTF-8");
        }
    }

    private HttpError bodyTooLarge(String message) {
        return new HttpError(413, message, Map.of("maxBytes", maxBodyBytes));
    }

    /**
     * Reads and drops what the client is still sending of a refused body, up to {@link #DRAIN_FACTOR} times the
     * limit, before the 413 goes out: a server that answers and closes while the client is still writing makes the
     * client's TCP stack reset the connection, and the client then sees no answer at all instead of the 413 (it
     * happened in PushEndpointFuzzIT with a body just over the limit). Larger bodies are cut off as before.
     */
    private void drain(Context ctx) {
        long budget = (long) maxBodyBytes * DRAIN_FACTOR;
        byte[] chunk = new byte[16 * 1024];
        try {
            InputStream in = ctx.bodyInputStream();
            int n;
            while (budget > 0 && (n = in.read(chunk, 0, (int) Math.min(chunk.length, budget))) != -1) {
                budget -= n;
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the body is beyond what we read: the 413 is sent if the connection allows.
        }
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

}
