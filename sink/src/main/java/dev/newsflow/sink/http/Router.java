package dev.newsflow.sink.http;

import dev.newsflow.sink.store.EntityKeys;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the instance that owns a key (Streams metadata from {@code application.server}) and
 * forwards the request there when it is not this one. A forwarded request carries
 * {@link #FORWARDED_HEADER} and is always answered locally, so a request never travels twice.
 */
final class Router {
    static final String FORWARDED_HEADER = "X-NewsFlow-Forwarded-By";
    static final String SERVED_BY_HEADER = "X-NewsFlow-Served-By";
    /**
     * On a forwarded request: answer exactly this entity key (URL-encoded), without resolving the
     * name again. The instance that resolved a name sends it to the instance that holds the key.
     */
    static final String ENTITY_KEY_HEADER = "X-NewsFlow-Entity-Key";
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final HttpClient client;
    private final Duration timeout;
    private final String token;

    /** @param token the bearer token forwarded queries carry (the instances of one deployment share it); empty for none */
    Router(Supplier<KafkaStreams> streams, HostInfo self, Duration timeout, String token) {
        this.token = token;
        this.streams = streams;
        this.self = self;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    HostInfo self() {
        return self;
    }

    static boolean forwarded(Context ctx) {
        return ctx.header(FORWARDED_HEADER) != null;
    }

    /** Where the article with this id lives. */
    KeyQueryMetadata locateArticle(String store, String id) {
        KafkaStreams running = running();
        return check(running.queryMetadataForKey(store, id, Serdes.String().serializer()));
    }

    /** Where the entity with this key (an id, or normalized name and type) lives. */
    KeyQueryMetadata locateEntityKey(String store, String key) {
        KafkaStreams running = running();
        return check(running.queryMetadataForKey(store, key, EntityKeys.partitioner()));
    }

    /** Where the alias record of this surface form ({@link EntityKeys#surface}) lives. */
    KeyQueryMetadata locateAlias(String store, String surface) {
        KafkaStreams running = running();
        return check(running.queryMetadataForKey(store, surface, EntityKeys.surfacePartitioner()));
    }

    /** The exact entity key a forwarded request asks for ({@link #ENTITY_KEY_HEADER}), or null. */
    static String entityKey(Context ctx) {
        String key = forwarded(ctx) ? ctx.header(ENTITY_KEY_HEADER) : null;
        return key == null ? null : URLDecoder.decode(key, StandardCharsets.UTF_8);
    }

    /** True when this instance should answer: it owns the key, or the request was forwarded here. */
    boolean local(Context ctx, KeyQueryMetadata owner) {
        return forwarded(ctx) || self.equals(owner.activeHost());
    }

    /** Answers {@code ctx} with the owner's answer to the same request. */
    void forward(Context ctx, HostInfo owner) {
        answerWith(ctx, get(owner, ctx, "", null));
    }

    /** Answers {@code ctx} with the owner's answer to the same request for exactly {@code entityKey}. */
    void forward(Context ctx, HostInfo owner, String entityKey) {
        answerWith(ctx, relay(ctx, owner, entityKey));
    }

    /** The owner's answer (any status) to the same request for exactly {@code entityKey}. */
    HttpResponse<byte[]> relay(Context ctx, HostInfo owner, String entityKey) {
        return get(owner, ctx, "", entityKey);
    }

    /** The owner's answer (any status) to a GET of {@code path} for exactly {@code entityKey}. */
    HttpResponse<byte[]> ask(HostInfo owner, String path, String entityKey) {
        return send(owner, URI.create("http://" + address(owner) + path), entityKey);
    }

    private void answerWith(Context ctx, HttpResponse<byte[]> response) {
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        response.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
        response.headers().firstValue(SERVED_BY_HEADER).ifPresent(value -> ctx.header(SERVED_BY_HEADER, value));
        ctx.result(response.body());
    }

    /**
     * The same request's answer from every other instance that hosts {@code store}.
     *
     * @param extraQuery appended to the query string (e.g. to pin "now"), or empty
     * @param entityKey  the exact entity key the request is about ({@link #ENTITY_KEY_HEADER}), or null
     */
    List<byte[]> askOthers(Context ctx, String store, String extraQuery, String entityKey) {
        List<byte[]> answers = new ArrayList<>();
        for (StreamsMetadata instance : running().streamsMetadataForStore(store)) {
            if (!instance.hostInfo().equals(self)) {
                HttpResponse<byte[]> response = get(instance.hostInfo(), ctx, extraQuery, entityKey);
                if (response.statusCode() != 200) {
                    throw ApiException.notReady("Instance " + address(instance.hostInfo()) + " answered "
                            + response.statusCode() + "; try again");
                }
                answers.add(response.body());
            }
        }
        return answers;
    }

    /** Every other instance's answer to {@code pathAndQuery} (a GET on its API, marked as forwarded, for {@code entityKey} when not null). */
    List<byte[]> askOthers(String store, String pathAndQuery, String entityKey) {
        List<Ask> asks = new ArrayList<>();
        for (StreamsMetadata instance : running().streamsMetadataForStore(store)) {
            if (!instance.hostInfo().equals(self)) {
                asks.add(new Ask(instance.hostInfo(), pathAndQuery, entityKey));
            }
        }
        return fetchAll(asks);
    }

    /** The body of {@code owner}'s 200 answer to {@code path} (a GET on its API, marked as forwarded). */
    byte[] fetch(HostInfo owner, String path) {
        return fetch(owner, path, null);
    }

    private byte[] fetch(HostInfo owner, String path, String entityKey) {
        return fetchAll(List.of(new Ask(owner, path, entityKey))).get(0);
    }

    /** One GET on another instance's API: where, what, and the exact entity key it is about (or null). */
    record Ask(HostInfo owner, String path, String entityKey) {
    }

    /** Requests sent at once by {@link #fetchAll}, so a long list does not open a connection per item. */
    static final int CONCURRENT_ASKS = 16;

    /**
     * The bodies of the owners' 200 answers to {@code asks}, in the order asked. Up to
     * {@link #CONCURRENT_ASKS} requests are in flight at once, so a list of reads costs about
     * its slowest answer per batch rather than the sum of all; the first failure fails the
     * whole answer (503) and the rest of its batch is cancelled.
     */
    List<byte[]> fetchAll(List<Ask> asks) {
        List<byte[]> bodies = new ArrayList<>(asks.size());
        for (int from = 0; from < asks.size(); from += CONCURRENT_ASKS) {
            List<Ask> batch = asks.subList(from, Math.min(asks.size(), from + CONCURRENT_ASKS));
            List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>(batch.size());
            for (Ask ask : batch) {
                URI uri = URI.create("http://" + address(ask.owner()) + ask.path());
                pending.add(client.sendAsync(forwardedRequest(uri, ask.entityKey()), HttpResponse.BodyHandlers.ofByteArray()));
            }
            try {
                for (int i = 0; i < batch.size(); i++) {
                    bodies.add(answer(batch.get(i), pending.get(i)));
                }
            } finally {
                pending.forEach(future -> future.cancel(true));
            }
        }
        return bodies;
    }

    private byte[] answer(Ask ask, java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> pending) {
        String owner = address(ask.owner());
        try {
            HttpResponse<byte[]> response = pending.get();
            if (response.statusCode() != 200) {
                throw ApiException.notReady("Instance " + owner + " answered " + response.statusCode() + "; try again");
            }
            return response.body();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("Instance {} did not answer {}: {}", owner, ask.path(), cause.toString());
            throw ApiException.notReady("Instance " + owner + " that holds this data did not answer: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.notReady("Interrupted while asking instance " + owner);
        }
    }

    /** A GET to another instance, marked as forwarded and carrying the deployment's bearer token when there is one. */
    private HttpRequest forwardedRequest(URI uri, String entityKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header(FORWARDED_HEADER, address(self));
        if (entityKey != null) {
            builder.header(ENTITY_KEY_HEADER, URLEncoder.encode(entityKey, StandardCharsets.UTF_8));
        }
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.GET().build();
    }

    private HttpResponse<byte[]> get(HostInfo owner, Context ctx, String extraQuery, String entityKey) {
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        if (!extraQuery.isEmpty()) {
            query = query.isEmpty() ? extraQuery : query + "&" + extraQuery;
        }
        URI uri = URI.create("http://" + address(owner) + ctx.req().getRequestURI()
                + (query.isEmpty() ? "" : "?" + query));
        return send(owner, uri, entityKey);
    }

    private HttpResponse<byte[]> send(HostInfo owner, URI uri, String entityKey) {
        HttpRequest request = forwardedRequest(uri, entityKey);
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("Instance {} did not answer {}: {}", address(owner), uri, e.toString());
            throw ApiException.notReady("Instance " + address(owner) + " that holds this data did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.notReady("Interrupted while asking instance " + address(owner));
        }
    }

    private KafkaStreams running() {
        KafkaStreams running = streams.get();
        if (running == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started yet");
        }
        return running;
    }

    private static KeyQueryMetadata check(KeyQueryMetadata metadata) {
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost().port() < 0) {
            throw ApiException.notReady("The store is being rebalanced; the owner of this key is not known yet");
        }
        return metadata;
    }

    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
