package dev.newsflow.sink.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.health.StageHealth;
import dev.newsflow.runtime.StageRoutes;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.sink.AliasCandidates;
import dev.newsflow.sink.avro.AliasTarget;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.search.ArticleIndex;
import dev.newsflow.sink.search.ArticleQuery;
import dev.newsflow.sink.search.Cursor;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.store.SinkStores;
import dev.newsflow.sink.top.TopEntry;
import dev.newsflow.sink.top.TopRankings;
import dev.newsflow.sink.top.WindowSpan;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import dev.newsflow.sink.live.LiveFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP query API over the sink's stores (JSON). Keys held by another instance are
 * answered by forwarding to it; {@code /entities/top} asks every instance and merges.
 */
public final class QueryApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    private static final String JSON = "application/json";
    private static final String[] TYPES = Arrays.stream(EntityType.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);
    private static final int MAX_SERIES_POINTS = 5_000;
    /** At most this many other entities a name could stand for are listed with the one it resolves to. */
    private static final int MAX_ALTERNATIVES = 10;
    /** At most this many of {@link AliasCandidates}' titles are looked up in the store. */
    private static final int MAX_DICTIONARY_TITLES = 5;
    /** Counter of local {@code /entities/top} answers, tagged {@code source=precomputed|scan}. */
    public static final String TOP_ANSWERS = "newsflow.sink.top.answers";
    /** Live events a client may fall behind before it is dropped. */
    static final int LIVE_BUFFER_EVENTS = 256;
    /** Live clients served at once by one instance. */
    static final int LIVE_MAX_CLIENTS = 200;
    static final Duration LIVE_KEEPALIVE = Duration.ofSeconds(15);
    /** Recent articles of an entity that {@code /entities/{name}/related} reads. */
    private static final int RELATED_ARTICLES = 100;

    /** What the API needs from the service around it. */
    public interface Backend {
        KafkaStreams streams();

        long storedArticles();

        String scrape();

        /** The precomputed {@code /entities/top} rankings of this instance's tasks. */
        TopRankings rankings();

        /** The stages this process runs (the sink, and ingest and enrich under {@code run}), for /health. */
        List<StageHealth> health();

        /** This instance's search index over the articles its tasks store; null before start. */
        default ArticleIndex index() {
            return null;
        }

        /** {@code entity.count.copies}: whether near-duplicate copies count (and are listed) under entities. */
        default boolean countCopies() {
            return false;
        }

        /** Other names of a surface form no stored article used; by default none. */
        default AliasCandidates aliasCandidates() {
            return AliasCandidates.NONE;
        }
    }

    /** The OpenAPI 3.1 document of these routes, served at {@code /openapi.json} (SinkApiIT holds it to the routes and the answers). */
    private static final byte[] OPENAPI = openApi();

    private final ObjectMapper mapper = new ObjectMapper();
    private final Backend backend;
    private final MeterRegistry registry;
    private final Duration retention;
    private final Clock clock;
    private final Javalin app;
    private final Counter topPrecomputed;
    private final Counter topScanned;
    private final String token;
    private final DashboardPages dashboard = new DashboardPages();
    private final LiveFeed live = new LiveFeed(LIVE_BUFFER_EVENTS, LIVE_MAX_CLIENTS, 2, LIVE_KEEPALIVE);
    private final SseHandler sse = new SseHandler(this::liveClient);
    private Router router;
    private LocalQueries local;

    /**
     * @param allowedHosts names the API answers to in the Host header ({@link HttpGuard#allowedHosts}); empty = any
     */
    public QueryApi(Backend backend, MeterRegistry registry, Duration retention, Clock clock, Set<String> allowedHosts) {
        this(backend, registry, retention, clock, allowedHosts, "");
    }

    /**
     * @param allowedHosts names the API answers to in the Host header ({@link HttpGuard#allowedHosts}); empty = any
     * @param token        bearer token every route but the health probes requires ({@link HttpGuard#AUTH_TOKEN}), and
     *                     that a query forwarded to another instance carries; empty for none
     */
    public QueryApi(Backend backend, MeterRegistry registry, Duration retention, Clock clock, Set<String> allowedHosts,
                    String token) {
        this(backend, registry, retention, clock, allowedHosts, token, List.of());
    }

    /** @param corsOrigins web origins whose pages may read the answers ({@link HttpGuard#CORS_ORIGINS}); empty for none */
    public QueryApi(Backend backend, MeterRegistry registry, Duration retention, Clock clock, Set<String> allowedHosts,
                    String token, List<String> corsOrigins) {
        this(backend, registry, retention, clock, allowedHosts, token, corsOrigins, config -> { });
    }

    /**
     * @param corsOrigins web origins whose pages may read the answers ({@link HttpGuard#CORS_ORIGINS}); empty for none
     * @param mounts      other routes of the process served on the same port, behind the same guard (under
     *                    {@code run}, ingest's {@code POST /articles})
     */
    public QueryApi(Backend backend, MeterRegistry registry, Duration retention, Clock clock, Set<String> allowedHosts,
                    String token, List<String> corsOrigins, java.util.function.Consumer<io.javalin.config.JavalinConfig> mounts) {
        this.token = token == null ? "" : token;
        this.backend = backend;
        this.registry = registry;
        this.retention = retention;
        this.clock = clock;
        this.topPrecomputed = topCounter(registry, "precomputed");
        this.topScanned = topCounter(registry, "scan");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            HttpGuard.install(config, allowedHosts, this.token, DashboardPages.PATHS, corsOrigins);
            dashboard.install(config);
            config.routes.get("/events/articles", this::live);
            mounts.accept(config);
            StageRoutes.install(config, backend::health, backend::scrape);
            HttpGuard.get(config, "/articles", timed("/articles", this::articles));
            HttpGuard.get(config, "/articles/{id}", timed("/articles/{id}", this::article));
            HttpGuard.get(config, "/articles/{id}/copies", timed("/articles/{id}/copies", this::copies));
            HttpGuard.get(config, "/entities", timed("/entities", this::typeahead));
            HttpGuard.get(config, "/entities/top", timed("/entities/top", this::top));
            HttpGuard.get(config, "/entities/{name}", timed("/entities/{name}", this::entity));
            HttpGuard.get(config, "/entities/{name}/sentiment", timed("/entities/{name}/sentiment", this::sentiment));
            HttpGuard.get(config, "/entities/{name}/related", timed("/entities/{name}/related", this::related));
            HttpGuard.get(config, "/openapi.json", ctx -> ctx.contentType(JSON).result(OPENAPI));
            HttpGuard.get(config, "/entities/id/{id}", timed("/entities/id/{id}", this::entityById));
            HttpGuard.get(config, "/entities/id/{id}/sentiment", timed("/entities/id/{id}/sentiment", this::sentimentById));
        });
    }

    private static byte[] openApi() {
        try (java.io.InputStream in = QueryApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the sink's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every route the server serves, as {@code "GET /path"} (Javalin's path syntax, which OpenAPI shares). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(entry -> entry.endpoint.method.isHttpMethod())
                .map(entry -> entry.endpoint.method.name() + " " + entry.endpoint.path)
                .distinct().sorted().toList();
    }

    /** Binds the server; returns the bound port (a free one when {@code port} is 0). */
    public int start(String host, int port) {
        return dev.newsflow.http.HttpPorts.start(app, host, port);
    }

    /** Must be called before the first query: which instance this is. */
    public void advertise(HostInfo self, Duration forwardTimeout) {
        Supplier<KafkaStreams> streams = backend::streams;
        this.router = new Router(streams, self, forwardTimeout, token);
        this.local = new LocalQueries(streams, self, backend.rankings());
    }

    @Override
    public void close() {
        live.close();
        app.stop();
    }

    /** Sends a newly stored article to every live client ({@code GET /events/articles}). */
    public void publishLive(EnrichedArticle article) {
        try {
            live.publish("article", article.getId(), mapper.writeValueAsString(JsonViews.summary(article)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live clients connected now. */
    public int liveClients() {
        return live.clients();
    }

    // ---- handlers

    private void article(Context ctx) {
        new QueryParams(ctx.queryParamMap()).allowOnly();
        String id = ctx.pathParam("id");
        KeyQueryMetadata owner = router().locateArticle(SinkStores.ARTICLES, id);
        if (!router.local(ctx, owner)) {
            router.forward(ctx, owner.activeHost());
            return;
        }
        EnrichedArticle article = local.article(id, owner.partition());
        if (article == null) {
            throw ApiException.notFound("No article with id '" + id + "'");
        }
        json(ctx, JsonViews.detail(article, copiesOf(id)));
    }

    /** The known near-duplicate copies of an article, from whichever instance holds them. */
    private Object copiesOf(String id) {
        KeyQueryMetadata owner = router().locateArticle(SinkStores.COPIES, id);
        if (owner.activeHost().equals(router.self())) {
            return local.copies(id, owner.partition()).stream().map(JsonViews::copy).toList();
        }
        byte[] body = router.fetch(owner.activeHost(), "/articles/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/copies");
        try {
            return mapper.readTree(body).get("items");
        } catch (java.io.IOException e) {
            throw ApiException.notReady("Instance " + owner.activeHost() + " answered unreadable JSON: " + e.getMessage());
        }
    }

    private void copies(Context ctx) {
        new QueryParams(ctx.queryParamMap()).allowOnly();
        String id = ctx.pathParam("id");
        KeyQueryMetadata owner = router().locateArticle(SinkStores.COPIES, id);
        if (!router.local(ctx, owner)) {
            router.forward(ctx, owner.activeHost());
            return;
        }
        List<Map<String, Object>> copies = local.copies(id, owner.partition()).stream().map(JsonViews::copy).toList();
        json(ctx, JsonViews.list(Map.of("id", id), copies, null, (long) copies.size()));
    }

    private static final String[] LABELS = {"negative", "neutral", "positive"};

    /** A search: the index query, the page size, the entity key and the entity score range checked on each article. */
    private record Search(ArticleQuery query, int limit, String entity, Double entityMin, Double entityMax) {
        Predicate<EnrichedArticle> keep() {
            if (entity == null || (entityMin == null && entityMax == null)) {
                return null;
            }
            return article -> JsonViews.entityIn(article, entity).map(e -> e.getSentiment().getScore())
                    .filter(score -> (entityMin == null || score >= entityMin) && (entityMax == null || score <= entityMax))
                    .isPresent();
        }

        Map<String, Object> item(EnrichedArticle article) {
            return entity == null ? JsonViews.summary(article) : JsonViews.entitySummary(article, entity);
        }
    }

    /**
     * {@code GET /articles}: every stored article matching the filters, newest first, from every instance.
     * A forwarded request answers this instance's part (with each item's position) for the asking one to merge.
     */
    private void articles(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("q", "entity", "type", "source", "language",
                "since", "until", "sentiment", "sentimentMin", "sentimentMax", "limit", "cursor", "copies");
        String q = params.string("q");
        org.apache.lucene.search.Query text = null;
        if (q != null) {
            try {
                text = ArticleIndex.parse(q);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Parameter 'q' is not a valid search query: " + e.getMessage());
            }
        }
        String entity = params.string("entity");
        if (entity != null && EntityKeys.normalize(entity).isEmpty()) {
            throw ApiException.badRequest("Parameter 'entity' is empty");
        }
        String type = type(params);
        Instant since = params.instant("since", null);
        Instant until = params.instant("until", null);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.badRequest("Parameter 'since' (" + since + ") is not before 'until' (" + until + ")");
        }
        String label = params.oneOf("sentiment", null, LABELS);
        Double min = params.decimal("sentimentMin", -1.0, 1.0);
        Double max = params.decimal("sentimentMax", -1.0, 1.0);
        if (min != null && max != null && min > max) {
            throw ApiException.badRequest("Parameter 'sentimentMin' (" + min + ") is above 'sentimentMax' (" + max + ")");
        }
        int limit = params.integer("limit", 20, 1, 1000);
        Cursor after = null;
        String cursor = params.string("cursor");
        if (cursor != null) {
            try {
                after = Cursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Parameter 'cursor' is " + e.getMessage());
            }
        }
        boolean hideCopies = "hide".equals(params.oneOf("copies", "show", "show", "hide"))
                || (entity != null && !backend.countCopies());
        router();
        boolean forwarded = Router.forwarded(ctx);
        // A name resolves to one entity key as /entities/{name} resolves it; the asking instance
        // resolves it and hands the key to the others with their part of the query.
        String key = null;
        if (entity != null) {
            key = forwarded ? Router.entityKey(ctx) : resolveKey(entity, type);
            if (key == null) {
                json(ctx, forwarded ? localPart(null) : JsonViews.list(Map.of(), List.of(), null, 0L));
                return;
            }
        }
        ArticleQuery query = new ArticleQuery(text, key, key == null ? type : null, params.string("source"),
                params.string("language"), since, until, label == null ? null : label.toUpperCase(Locale.ROOT), min, max,
                hideCopies, after);
        Search search = new Search(query, limit, key, key == null ? null : min, key == null ? null : max);
        if (forwarded) {
            json(ctx, localPart(search));
            return;
        }
        List<byte[]> others = router.askOthers(ctx, SinkStores.ARTICLES, "", key);
        Map<String, Object> describing = new LinkedHashMap<>();
        if (key != null) {
            describing.put("key", key);
            describing.put("id", EntityKeys.id(key));
        }
        json(ctx, merged(search, others, describing));
    }

    /** This instance's matches, with the position of each, for the instance that merges; none for a null search. */
    private Map<String, Object> localPart(Search search) {
        if (search == null) {
            return Map.of("items", List.of(), "positions", List.of(), "more", false, "total", 0);
        }
        LocalQueries.Found found = local.search(backend.index(), search.query(), search.limit(), search.keep());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", found.hits().stream().map(hit -> search.item(found.articles().get(hit.id()))).toList());
        json.put("positions", found.hits().stream().map(hit -> hit.cursor().encode()).toList());
        json.put("more", found.more());
        json.put("total", found.total());
        return json;
    }

    /** Merges this instance's matches with the other instances' parts: newest first, one page, its cursor. */
    private Map<String, Object> merged(Search search, List<byte[]> others, Map<String, Object> describing) {
        record Entry(Cursor position, Object item) {
        }
        LocalQueries.Found found = local.search(backend.index(), search.query(), search.limit(), search.keep());
        List<Entry> entries = new ArrayList<>();
        found.hits().forEach(hit -> entries.add(new Entry(hit.cursor(), search.item(found.articles().get(hit.id())))));
        boolean more = found.more();
        Long total = found.total();
        for (byte[] answer : others) {
            JsonNode part = readTree(answer);
            JsonNode items = part.path("items");
            JsonNode positions = part.path("positions");
            for (int i = 0; i < items.size(); i++) {
                entries.add(new Entry(Cursor.decode(positions.get(i).asText()), items.get(i)));
            }
            more |= part.path("more").asBoolean();
            total = total == null || part.path("total").isNull() ? null : total + part.path("total").asLong();
        }
        entries.sort((a, b) -> a.position().compareNewestFirst(b.position()));
        List<Entry> page = entries.subList(0, Math.min(search.limit(), entries.size()));
        String next = (more || entries.size() > page.size()) && !page.isEmpty()
                ? page.get(page.size() - 1).position().encode() : null;
        return JsonViews.list(describing, page.stream().map(Entry::item).toList(), next, total);
    }

    private JsonNode readTree(byte[] answer) {
        try {
            return mapper.readTree(answer);
        } catch (IOException e) {
            throw ApiException.notReady("Another instance answered unreadable JSON: " + e.getMessage());
        }
    }

    /** {@code GET /entities?prefix=}: entity names that start with the prefix, most articles first, from every instance. */
    private void typeahead(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("prefix", "type", "limit");
        String prefix = params.required("prefix");
        if (EntityKeys.normalize(prefix).isEmpty()) {
            throw ApiException.badRequest("Parameter 'prefix' is empty");
        }
        String type = type(params);
        int limit = params.integer("limit", 10, 1, 100);
        router();
        // One item per entity key: the most articles any matching name (or alias) of it has.
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        java.util.function.Consumer<Map<String, Object>> add = item -> byKey.merge((String) item.get("key"), item,
                (had, next) -> ((Number) next.get("articleCount")).longValue() > ((Number) had.get("articleCount")).longValue()
                        ? next : had);
        for (EntityAliases form : local.aliasesStartingWith(prefix)) {
            for (AliasTarget target : form.getTargets()) {
                if (target.getArticles() > 0 && (type == null || type.equals(target.getType()))) {
                    add.accept(JsonViews.alternative(target.getKey(), target.getName(), target.getType(), target.getArticles()));
                }
            }
        }
        if (!Router.forwarded(ctx)) {
            for (byte[] answer : router.askOthers(ctx, SinkStores.ALIASES, "", null)) {
                readTree(answer).path("items").forEach(node -> add.accept(mapper.convertValue(node,
                        new TypeReference<Map<String, Object>>() { })));
            }
        }
        List<Map<String, Object>> items = new ArrayList<>(byKey.values());
        Comparator<Map<String, Object>> byArticles = Comparator.comparingLong(item -> ((Number) item.get("articleCount")).longValue());
        List<Map<String, Object>> ranked = items.stream()
                .sorted(byArticles.reversed().thenComparing(item -> EntityKeys.normalize((String) item.get("name")))
                        .thenComparing(item -> (String) item.get("key")))
                .limit(limit).toList();
        Map<String, Object> describing = new LinkedHashMap<>();
        describing.put("prefix", prefix);
        json(ctx, JsonViews.list(describing, ranked, null, null));
    }

    private void entity(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("type", "limit");
        String name = ctx.pathParam("name");
        String type = type(params);
        int limit = params.integer("limit", 20, 1, 1000);
        Resolved resolved = resolveName(ctx, name, type);
        if (resolved != null) {
            answerEntity(ctx, resolved, limit, name);
        }
    }

    private void entityById(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("limit");
        int limit = params.integer("limit", 20, 1, 1000);
        answerEntity(ctx, new Resolved(idKey(ctx), List.of()), limit, null);
    }

    /** The entity {@code resolved} names with its alternatives, from the instance that holds it. */
    private void answerEntity(Context ctx, Resolved resolved, int limit, String askedName) {
        KeyQueryMetadata owner = router().locateEntityKey(SinkStores.ENTITY_INDEX, resolved.key());
        if (!holds(ctx, owner)) {
            HttpResponse<byte[]> answer = router.relay(ctx, owner.activeHost(), resolved.key());
            if (answer.statusCode() != 200) {
                answer.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
                ctx.status(answer.statusCode()).contentType(JSON).result(answer.body());
                return;
            }
            ObjectNode json = (ObjectNode) readTree(answer.body(), owner.activeHost());
            json.set("alternatives", mapper.valueToTree(resolved.alternatives()));
            json(ctx, json);
            return;
        }
        EntityIndex chosen = indexOrNotFound(resolved.key(), owner.partition(), askedName);
        List<EntityIndex> sameName = EntityKeys.id(chosen.getKey()) != null ? List.of()
                : local.entityTypes(EntityKeys.namePart(chosen.getKey()), null, owner.partition());
        // Its recent articles from every instance's search index, as GET /articles?entity= lists them.
        ArticleQuery query = new ArticleQuery(null, chosen.getKey(), null, null, null, null, null, null,
                null, null, !backend.countCopies(), null);
        Search search = new Search(query, limit, chosen.getKey(), null, null);
        String path = "/articles?entity=" + encode(chosen.getName()) + "&limit=" + limit;
        List<byte[]> others = router.askOthers(SinkStores.ARTICLES, path, chosen.getKey());
        Object articles = merged(search, others, new LinkedHashMap<>()).get("items");
        Map<String, Object> json = JsonViews.entityIndex(chosen, sameName, (List<?>) articles);
        json.put("alternatives", resolved.alternatives());
        json(ctx, json);
    }

    /** {@code GET /events/articles}: server-sent events, one per new article (see {@link LiveFeed}). */
    private void live(Context ctx) throws Exception {
        new QueryParams(ctx.queryParamMap()).allowOnly();
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new HttpGuard.HttpError(406, "/events/articles is a stream of server-sent events; send "
                    + "'Accept: text/event-stream'");
        }
        if (live.clients() >= LIVE_MAX_CLIENTS) {
            ctx.header("Retry-After", "30");
            throw new HttpGuard.HttpError(503, "This instance serves " + LIVE_MAX_CLIENTS
                    + " live clients already; try again later");
        }
        // A compressing stream would hold small events back in its buffer: events go out as they are written.
        ctx.disableCompression();
        sse.handle(ctx);
    }

    private void liveClient(SseClient client) {
        String remote = client.ctx().req().getRemoteAddr() + ":" + client.ctx().req().getRemotePort();
        LiveFeed.Client target = new LiveFeed.Client() {
            @Override
            public void event(String name, String id, String data) {
                client.sendEvent(name, data, id);
            }

            @Override
            public void comment(String text) {
                client.sendComment(text);
            }

            @Override
            public boolean closed() {
                return client.terminated();
            }

            @Override
            public void close() {
                client.close();
            }

            @Override
            public String describe() {
                return remote;
            }
        };
        client.onClose(() -> live.remove(target));
        if (live.add(target) != LiveFeed.Admission.ACCEPTED) {
            client.close();
            return;
        }
        client.keepAlive();
    }

    /**
     * {@code GET /entities/{name}/related}: the entities that appear in the most of this entity's recent articles,
     * read from the article store (an article another instance holds is asked of it).
     */
    private void related(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("type", "limit");
        String name = ctx.pathParam("name");
        String type = type(params);
        int limit = params.integer("limit", 10, 1, 100);
        // The name resolves as for /entities/{name}; the entity's recent articles are read where it is held.
        Resolved resolved = resolveName(ctx, name, type);
        if (resolved == null) {
            return;
        }
        KeyQueryMetadata owner = router().locateEntityKey(SinkStores.ENTITY_INDEX, resolved.key());
        if (!holds(ctx, owner)) {
            HttpResponse<byte[]> answer = router.relay(ctx, owner.activeHost(), resolved.key());
            answer.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
            ctx.status(answer.statusCode()).contentType(JSON).result(answer.body());
            return;
        }
        EntityIndex entity = indexOrNotFound(resolved.key(), owner.partition(), name);
        Map<String, Map<String, Object>> related = new LinkedHashMap<>();
        Map<String, Long> counts = new java.util.HashMap<>();
        String selfId = null;
        // Its recent articles from every instance's search index (as /entities/{name} lists them), each read whole.
        ArticleQuery query = new ArticleQuery(null, entity.getKey(), null, null, null, null, null, null,
                null, null, !backend.countCopies(), null);
        Search search = new Search(query, RELATED_ARTICLES, entity.getKey(), null, null);
        String path = "/articles?entity=" + encode(entity.getName()) + "&limit=" + RELATED_ARTICLES;
        List<byte[]> others = router.askOthers(SinkStores.ARTICLES, path, entity.getKey());
        List<?> recent = (List<?>) merged(search, others, new LinkedHashMap<>()).get("items");
        List<String> articleIds = recent.stream()
                .map(item -> item instanceof Map<?, ?> summary ? (String) summary.get("id") : ((JsonNode) item).path("id").asText())
                .toList();
        for (List<Map<String, Object>> entities : entitiesOf(articleIds)) {
            Set<String> seen = new java.util.HashSet<>();
            for (Map<String, Object> other : entities) {
                String key = (String) other.get("key");
                if (key.equals(entity.getKey())) {
                    selfId = selfId != null ? selfId : (String) other.get("id");
                } else if (seen.add(key)) {
                    related.putIfAbsent(key, other);
                    counts.merge(key, 1L, Long::sum);
                }
            }
        }
        List<Map<String, Object>> items = related.values().stream()
                .sorted(Comparator.<Map<String, Object>>comparingLong(e -> counts.get((String) e.get("key"))).reversed()
                        .thenComparing(e -> (String) e.get("name")))
                .limit(limit)
                .map(e -> {
                    Map<String, Object> item = new LinkedHashMap<>(e);
                    item.put("articleCount", counts.get((String) e.get("key")));
                    return item;
                }).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", entity.getKey());
        json.put("id", selfId);
        json.put("name", entity.getName());
        json.put("type", entity.getType());
        json.put("items", items);
        json.put("next", null);
        json.put("total", related.size());
        json(ctx, json);
    }

    /**
     * The entities of stored articles as {key, id, name, type}, in the order of {@code articleIds}:
     * from the local store, or asked of their owners all at once ({@link Router#fetchAll}).
     */
    private List<List<Map<String, Object>>> entitiesOf(List<String> articleIds) {
        List<List<Map<String, Object>>> found = new ArrayList<>();
        List<Router.Ask> asks = new ArrayList<>();
        List<Integer> asked = new ArrayList<>();
        for (String articleId : articleIds) {
            KeyQueryMetadata owner = router().locateArticle(SinkStores.ARTICLES, articleId);
            List<Map<String, Object>> entities = new ArrayList<>();
            if (owner.activeHost().equals(router.self())) {
                EnrichedArticle article = local.article(articleId, owner.partition());
                if (article != null) {
                    article.getEntities().forEach(e -> entities.add(entityRef(e.getId(), e.getName(), e.getType().name())));
                }
            } else {
                asked.add(found.size());
                asks.add(new Router.Ask(owner.activeHost(), "/articles/"
                        + java.net.URLEncoder.encode(articleId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), null));
            }
            found.add(entities);
        }
        List<byte[]> bodies = router.fetchAll(asks);
        for (int i = 0; i < bodies.size(); i++) {
            List<Map<String, Object>> entities = found.get(asked.get(i));
            try {
                for (com.fasterxml.jackson.databind.JsonNode e : mapper.readTree(bodies.get(i)).path("entities")) {
                    entities.add(entityRef(e.path("id").isTextual() ? e.path("id").asText() : null, e.path("name").asText(),
                            e.path("type").asText().toUpperCase(Locale.ROOT)));
                }
            } catch (IOException e) {
                throw ApiException.notReady("Instance " + asks.get(i).owner() + " answered unreadable JSON: " + e.getMessage());
            }
        }
        return found;
    }

    private static Map<String, Object> entityRef(String id, String name, String type) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("key", EntityKeys.key(id, name, type));
        ref.put("id", id);
        ref.put("name", name);
        ref.put("type", type);
        return ref;
    }

    private void sentiment(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("type", "from", "to", "interval");
        String name = ctx.pathParam("name");
        String type = type(params);
        SeriesRange range = seriesRange(params);
        Resolved resolved = resolveName(ctx, name, type);
        if (resolved != null) {
            answerSeries(ctx, resolved.key(), range, name);
        }
    }

    private void sentimentById(Context ctx) {
        SeriesRange range = seriesRange(new QueryParams(ctx.queryParamMap()).allowOnly("from", "to", "interval"));
        answerSeries(ctx, idKey(ctx), range, null);
    }

    private record SeriesRange(Instant from, Instant to, boolean daily) {
    }

    private SeriesRange seriesRange(QueryParams params) {
        boolean daily = "day".equals(params.oneOf("interval", "hour", "hour", "day"));
        Duration size = daily ? SinkStores.DAY : SinkStores.HOUR;
        Instant to = params.instant("to", clock.instant());
        Instant asked = params.instant("from", to.minus(daily ? Duration.ofDays(30) : Duration.ofDays(1)));
        // The bucket that holds "from" is the first one.
        Instant from = Instant.ofEpochMilli(Math.floorDiv(asked.toEpochMilli(), size.toMillis()) * size.toMillis());
        if (asked.isAfter(to)) {
            throw ApiException.badRequest("Parameter 'from' (" + asked + ") is after 'to' (" + to + ")");
        }
        if (Duration.between(from, to).dividedBy(size) > MAX_SERIES_POINTS) {
            throw ApiException.badRequest("The range from " + from + " to " + to + " holds more than "
                    + MAX_SERIES_POINTS + " " + (daily ? "days" : "hours") + "; narrow it or use interval=day");
        }
        return new SeriesRange(from, to, daily);
    }

    private void answerSeries(Context ctx, String key, SeriesRange range, String askedName) {
        KeyQueryMetadata owner = keyOwner(ctx, key);
        if (owner == null) {
            return;
        }
        EntityIndex entity = indexOrNotFound(key, owner.partition(), askedName);
        List<EntitySentimentWindow> windows = local.series(key, range.from(), range.to(), range.daily(), owner.partition());
        Map<String, Object> describing = JsonViews.entityRef(entity);
        describing.put("interval", range.daily() ? "day" : "hour");
        describing.put("from", range.from().toString());
        describing.put("to", range.to().toString());
        List<Map<String, Object>> buckets = JsonViews.buckets(windows, range.from(), range.to(),
                range.daily() ? SinkStores.DAY : SinkStores.HOUR);
        json(ctx, JsonViews.list(describing, buckets, null, (long) buckets.size()));
    }

    /** The owner of {@code key} when this instance answers for it; else the request is relayed there and null returned. */
    private KeyQueryMetadata keyOwner(Context ctx, String key) {
        KeyQueryMetadata owner = router().locateEntityKey(SinkStores.ENTITY_INDEX, key);
        if (holds(ctx, owner)) {
            return owner;
        }
        router.forward(ctx, owner.activeHost(), key);
        return null;
    }

    /**
     * True when this instance answers for an entity key: it holds it, or another instance sent it
     * the exact key. (A request forwarded here to resolve a name may name a key held elsewhere.)
     */
    private boolean holds(Context ctx, KeyQueryMetadata owner) {
        return owner.activeHost().equals(router.self()) || Router.entityKey(ctx) != null;
    }

    /** The key of {@code /entities/id/{id}}: the id itself, with spaces read as underscores. */
    private static String idKey(Context ctx) {
        String id = ctx.pathParam("id").trim().replace(' ', '_');
        if (!EntityKeys.linkable(id)) {
            throw ApiException.badRequest("Not an entity id: '" + ctx.pathParam("id")
                    + "' (an English Wikipedia title, e.g. Vladimir_Putin)");
        }
        return id;
    }

    private EntityIndex indexOrNotFound(String key, int partition, String askedName) {
        EntityIndex index = local.index(key, partition);
        if (index == null) {
            throw ApiException.notFound(askedName != null ? "No entity named '" + askedName + "'"
                    : "No entity with id '" + key + "'");
        }
        return index;
    }

    private void top(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap())
                .allowOnly("window", "by", "limit", "type", "order", "minArticles", "to");
        Duration window = params.duration("window", Duration.ofHours(24), retention);
        String by = params.oneOf("by", "mentions", "mentions", "articles", "sentiment");
        boolean ascending = "asc".equals(params.oneOf("order", "desc", "desc", "asc"));
        int limit = params.integer("limit", 10, 1, 1000);
        int minArticles = params.integer("minArticles", "sentiment".equals(by) ? 2 : 1, 1, 1_000_000);
        String type = type(params);
        Instant to = params.instant("to", clock.instant());
        Instant from = to.minus(window);
        WindowSpan span = WindowSpan.ending(to, window);
        router();
        List<TopEntry> entries = new ArrayList<>(localTotals(span, type));
        if (!Router.forwarded(ctx)) {
            // Every instance ranks the same time range: pin "to" when the caller left it to the clock.
            String pinned = params.string("to") == null ? "to=" + to : "";
            for (byte[] answer : router.askOthers(ctx, span.daily() ? SinkStores.SENTIMENT_DAILY
                    : SinkStores.SENTIMENT_HOURLY, pinned, null)) {
                entries.addAll(read(answer).entities());
            }
        }
        Comparator<TopEntry> order = switch (by) {
            case "articles" -> Comparator.comparingLong(TopEntry::articles);
            case "sentiment" -> Comparator.comparingDouble(TopEntry::meanSentiment);
            default -> Comparator.comparingLong(TopEntry::mentions);
        };
        order = ascending ? order : order.reversed();
        List<TopEntry> ranked = entries.stream()
                .filter(e -> e.articles() >= minArticles)
                .sorted(order.thenComparing(TopEntry::key))
                // Each entity lives on one instance, so the global top N is within the instances' top N.
                .limit(limit)
                .toList();
        if (Router.forwarded(ctx)) {
            json(ctx, new TopAnswer(from.toString(), to.toString(), by, span.daily() ? "day" : "hour", ranked));
            return;
        }
        Map<String, Object> describing = new LinkedHashMap<>();
        describing.put("from", from.toString());
        describing.put("to", to.toString());
        describing.put("window", params.string("window") == null ? "24h" : params.string("window").toLowerCase(Locale.ROOT));
        describing.put("by", by);
        describing.put("interval", span.daily() ? "day" : "hour");
        json(ctx, JsonViews.list(describing, ranked.stream().map(JsonViews::topEntry).toList(), null, null));
    }

    /** This instance's totals over {@code span}: kept ready by the tasks when they have this span, else scanned. */
    private List<TopEntry> localTotals(WindowSpan span, String type) {
        Optional<List<TopEntry>> ranked = local.rankedTotals(span, type);
        if (ranked.isPresent()) {
            topPrecomputed.increment();
            return ranked.get();
        }
        List<TopEntry> scanned = local.totals(span, type);
        topScanned.increment();
        return scanned;
    }

    /** One instance's part of {@code /entities/top}, as it answers a forwarded request for the asking instance to merge. */
    public record TopAnswer(String from, String to, String by, String interval, List<TopEntry> entities) {
    }

    // ---- helpers

    private Router router() {
        if (router == null) {
            throw ApiException.notReady("The sink is starting");
        }
        return router;
    }

    /** The entity key a name resolves to, and the other entities it could name (JSON, api-vocab's alternatives). */
    record Resolved(String key, List<Map<String, Object>> alternatives) {
    }

    /** One entity a name could stand for, with the articles that support it. */
    private record Candidate(String key, String name, String type, long articleCount) {
        Map<String, Object> json() {
            return JsonViews.alternative(key, name, type, articleCount);
        }
    }

    /**
     * Resolves a name through the alias index on the instance that holds its surface form (the
     * request is forwarded there first; null is returned when it was). Best first: the entities
     * stored articles call by this name or mention text, most articles first; when there is none,
     * the {@link AliasCandidates} titles that the store holds, in their order; then the PERSON
     * entities whose name ends with this word (a surname, weaker). A forwarded request for an
     * exact key ({@link Router#ENTITY_KEY_HEADER}) is that key.
     */
    private Resolved resolveName(Context ctx, String name, String type) {
        String exact = Router.entityKey(ctx);
        if (exact != null) {
            return new Resolved(exact, List.of());
        }
        String surface = EntityKeys.surface(name);
        if (surface.isEmpty()) {
            throw ApiException.badRequest("Entity name is empty");
        }
        KeyQueryMetadata owner = router().locateAlias(SinkStores.ALIASES, surface);
        if (!router.local(ctx, owner)) {
            router.forward(ctx, owner.activeHost());
            return null;
        }
        return resolveHere(surface, name, type, owner.partition());
    }

    /**
     * The entity key a name resolves to as {@link #resolveName} resolves it, asked of the instance
     * that holds the name's surface form when that is another one; null when it names nothing.
     */
    private String resolveKey(String name, String type) {
        String surface = EntityKeys.surface(name);
        if (surface.isEmpty()) {
            throw ApiException.badRequest("Parameter 'entity' is empty");
        }
        KeyQueryMetadata owner = router().locateAlias(SinkStores.ALIASES, surface);
        if (owner.activeHost().equals(router.self())) {
            try {
                return resolveHere(surface, name, type, owner.partition()).key();
            } catch (ApiException e) {
                if (e.status() == 404) {
                    return null;
                }
                throw e;
            }
        }
        HttpResponse<byte[]> answer = router.ask(owner.activeHost(), "/entities/" + encode(name) + "?limit=1"
                + (type == null ? "" : "&type=" + type), null);
        if (answer.statusCode() == 404) {
            return null;
        }
        if (answer.statusCode() != 200) {
            throw ApiException.notReady("Instance " + Router.address(owner.activeHost()) + " answered "
                    + answer.statusCode() + "; try again");
        }
        return readTree(answer.body(), owner.activeHost()).path("key").asText();
    }

    /** Resolves a name on the instance that holds its surface form ({@code partition} of the alias store). */
    private Resolved resolveHere(String surface, String name, String type, int partition) {
        EntityAliases aliases = local.aliases(surface, partition);
        List<AliasTarget> targets = aliases == null ? List.of() : aliases.getTargets();
        List<Candidate> found = new ArrayList<>();
        for (AliasTarget target : targets) {
            if (target.getArticles() > 0 && (type == null || type.equals(target.getType()))) {
                found.add(new Candidate(target.getKey(), target.getName(), target.getType(), target.getArticles()));
            }
        }
        if (found.isEmpty()) {
            found.addAll(dictionaryCandidates(name, type));
        }
        List<AliasTarget> surnames = new ArrayList<>(targets);
        surnames.sort(Comparator.comparingLong(AliasTarget::getSurnameArticles).reversed().thenComparing(AliasTarget::getKey));
        for (AliasTarget target : surnames) {
            boolean listed = found.stream().anyMatch(c -> c.key().equals(target.getKey()));
            if (target.getSurnameArticles() > 0 && !listed && (type == null || type.equals(target.getType()))) {
                found.add(new Candidate(target.getKey(), target.getName(), target.getType(), target.getSurnameArticles()));
            }
        }
        if (found.isEmpty()) {
            throw ApiException.notFound("No entity named '" + name + "'" + (type == null ? "" : " of type " + type));
        }
        List<Map<String, Object>> alternatives = found.stream().skip(1).limit(MAX_ALTERNATIVES).map(Candidate::json).toList();
        return new Resolved(found.get(0).key(), alternatives);
    }

    /** The titles {@link AliasCandidates} gives for {@code name} that the store holds (of {@code type}), in its order. */
    private List<Candidate> dictionaryCandidates(String name, String type) {
        List<Candidate> found = new ArrayList<>();
        List<String> titles = backend.aliasCandidates().titles(name);
        for (String title : titles.subList(0, Math.min(titles.size(), MAX_DICTIONARY_TITLES))) {
            String key = title == null ? null : title.trim().replace(' ', '_');
            if (!EntityKeys.linkable(key) || found.stream().anyMatch(c -> c.key().equals(key))) {
                continue;
            }
            KeyQueryMetadata owner = router().locateEntityKey(SinkStores.ENTITY_INDEX, key);
            Candidate candidate;
            if (owner.activeHost().equals(router.self())) {
                EntityIndex index = local.index(key, owner.partition());
                candidate = index == null ? null : new Candidate(key, index.getName(), index.getType(), index.getArticles());
            } else {
                candidate = remoteCandidate(owner.activeHost(), key);
            }
            if (candidate != null && (type == null || type.equals(candidate.type()))) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** The entity {@code key} as the instance that holds it describes it, or null when it holds none. */
    private Candidate remoteCandidate(HostInfo owner, String key) {
        HttpResponse<byte[]> answer = router.ask(owner, "/entities/id/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20") + "?limit=1", key);
        if (answer.statusCode() == 404) {
            return null;
        }
        if (answer.statusCode() != 200) {
            throw ApiException.notReady("Instance " + Router.address(owner) + " answered " + answer.statusCode() + "; try again");
        }
        JsonNode json = readTree(answer.body(), owner);
        JsonNode count = json.has("articleCount") ? json.get("articleCount") : json.path("articles");
        return new Candidate(key, json.path("name").asText(), json.path("type").asText(), count.asLong());
    }

    private JsonNode readTree(byte[] body, HostInfo from) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw ApiException.notReady("Instance " + Router.address(from) + " answered unreadable JSON: " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String type(QueryParams params) {
        String type = params.oneOf("type", null, TYPES);
        return type == null ? null : type.toUpperCase(Locale.ROOT);
    }

    private TopAnswer read(byte[] json) {
        try {
            return mapper.readValue(json, new TypeReference<TopAnswer>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable answer from another instance", e);
        }
    }

    private void json(Context ctx, Object body) {
        try {
            ctx.contentType(JSON).result(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Counter topCounter(MeterRegistry registry, String source) {
        return Counter.builder(TOP_ANSWERS)
                .description("This instance's part of /entities/top answers, by source: the kept rankings or a scan")
                .tag("source", source)
                .register(registry);
    }

    private Handler timed(String route, Handler handler) {
        return ctx -> {
            long start = System.nanoTime();
            try {
                if (router != null) {
                    ctx.header(Router.SERVED_BY_HEADER, Router.address(router.self()));
                }
                handler.handle(ctx);
            } catch (ApiException e) {
                error(ctx, e.status(), e.getMessage());
            } catch (InvalidStateStoreException e) {
                error(ctx, 503, "The store is not ready (restoring or rebalancing): " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Request {} failed", ctx.req().getRequestURI(), e);
                error(ctx, 500, "Internal error: " + e);
            } finally {
                Timer.builder("newsflow.sink.http.requests")
                        .description("Query API requests")
                        .tag("route", route)
                        .tag("status", String.valueOf(ctx.statusCode()))
                        .register(registry)
                        .record(Duration.ofNanos(System.nanoTime() - start));
            }
        };
    }

    private void error(Context ctx, int status, String message) {
        if (status == 503) {
            ctx.header("Retry-After", String.valueOf(ApiException.RETRY_AFTER_SECONDS));
        }
        HttpGuard.answer(ctx, status, message, Map.of());
    }
}
