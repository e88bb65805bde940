package dev.newsflow.sink.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.health.StageHealth;
import dev.newsflow.runtime.StageRoutes;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** Counter of local {@code /entities/top} answers, tagged {@code source=precomputed|scan}. */
    public static final String TOP_ANSWERS = "newsflow.sink.top.answers";

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
            HttpGuard.install(config, allowedHosts, this.token, corsOrigins);
            StageRoutes.install(config, backend::health, backend::scrape);
            HttpGuard.get(config, "/articles", timed("/articles", this::articles));
            HttpGuard.get(config, "/articles/{id}", timed("/articles/{id}", this::article));
            HttpGuard.get(config, "/articles/{id}/copies", timed("/articles/{id}/copies", this::copies));
            HttpGuard.get(config, "/entities", timed("/entities", this::typeahead));
            HttpGuard.get(config, "/entities/top", timed("/entities/top", this::top));
            HttpGuard.get(config, "/entities/{name}", timed("/entities/{name}", this::entity));
            HttpGuard.get(config, "/entities/{name}/sentiment", timed("/entities/{name}/sentiment", this::sentiment));
            HttpGuard.get(config, "/openapi.json", ctx -> ctx.contentType(JSON).result(OPENAPI));
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
        app.stop();
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

    /** A search: the index query, the page size, and the entity score range checked on each article. */
    private record Search(ArticleQuery query, int limit, String entity, String type, Double entityMin, Double entityMax) {
        Predicate<EnrichedArticle> keep() {
            if (entity == null || (entityMin == null && entityMax == null)) {
                return null;
            }
            return article -> JsonViews.entityIn(article, entity, type).map(e -> e.getSentiment().getScore())
                    .filter(score -> (entityMin == null || score >= entityMin) && (entityMax == null || score <= entityMax))
                    .isPresent();
        }

        Map<String, Object> item(EnrichedArticle article) {
            return entity == null ? JsonViews.summary(article) : JsonViews.entitySummary(article, entity, type);
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
        ArticleQuery query = new ArticleQuery(text, entity, type, params.string("source"), params.string("language"),
                since, until, label == null ? null : label.toUpperCase(Locale.ROOT), min, max, hideCopies, after);
        Search search = new Search(query, limit, entity, type, entity == null ? null : min, entity == null ? null : max);
        router();
        if (Router.forwarded(ctx)) {
            json(ctx, localPart(search));
            return;
        }
        List<byte[]> others = router.askOthers(ctx, SinkStores.ARTICLES, "");
        json(ctx, merged(search, others, new LinkedHashMap<>()));
    }

    /** This instance's matches, with the position of each, for the instance that merges. */
    private Map<String, Object> localPart(Search search) {
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
        List<Map<String, Object>> items = new ArrayList<>();
        local.entitiesStartingWith(prefix, type).forEach(e -> {
            Map<String, Object> item = JsonViews.entityRef(e);
            item.put("articleCount", e.getArticles());
            items.add(item);
        });
        if (!Router.forwarded(ctx)) {
            for (byte[] answer : router.askOthers(ctx, SinkStores.ENTITY_INDEX, "")) {
                readTree(answer).path("items").forEach(node -> items.add(mapper.convertValue(node,
                        new TypeReference<Map<String, Object>>() { })));
            }
        }
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
        KeyQueryMetadata owner = router().locateEntity(SinkStores.ENTITY_INDEX, name);
        if (!router.local(ctx, owner)) {
            router.forward(ctx, owner.activeHost());
            return;
        }
        List<EntityIndex> types = resolve(name, null, owner.partition());
        EntityIndex chosen = type == null ? types.get(0) : types.stream()
                .filter(t -> t.getType().equals(type)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No entity named '" + name + "' of type " + type));
        // Its recent articles from every instance's search index, as GET /articles?entity= lists them.
        ArticleQuery query = new ArticleQuery(null, chosen.getName(), chosen.getType(), null, null, null, null, null,
                null, null, !backend.countCopies(), null);
        Search search = new Search(query, limit, chosen.getName(), chosen.getType(), null, null);
        String path = "/articles?entity=" + encode(chosen.getName()) + "&type=" + chosen.getType() + "&limit=" + limit;
        List<byte[]> others = router.askOthers(SinkStores.ARTICLES, path);
        Object articles = merged(search, others, new LinkedHashMap<>()).get("items");
        json(ctx, JsonViews.entityIndex(chosen, types, (List<?>) articles));
    }

    private void sentiment(Context ctx) {
        QueryParams params = new QueryParams(ctx.queryParamMap()).allowOnly("type", "from", "to", "interval");
        String name = ctx.pathParam("name");
        String type = type(params);
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
        KeyQueryMetadata owner = router().locateEntity(SinkStores.ENTITY_INDEX, name);
        if (!router.local(ctx, owner)) {
            router.forward(ctx, owner.activeHost());
            return;
        }
        EntityIndex entity = resolve(name, type, owner.partition()).get(0);
        List<EntitySentimentWindow> windows = local.series(entity.getKey(), from, to, daily, owner.partition());
        Map<String, Object> describing = JsonViews.entityRef(entity);
        describing.put("interval", daily ? "day" : "hour");
        describing.put("from", from.toString());
        describing.put("to", to.toString());
        List<Map<String, Object>> buckets = JsonViews.buckets(windows, from, to, size);
        json(ctx, JsonViews.list(describing, buckets, null, (long) buckets.size()));
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
                    : SinkStores.SENTIMENT_HOURLY, pinned)) {
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

    private List<EntityIndex> resolve(String name, String type, int partition) {
        if (EntityKeys.normalize(name).isEmpty()) {
            throw ApiException.badRequest("Entity name is empty");
        }
        List<EntityIndex> types = local.entityTypes(name, type, partition);
        if (types.isEmpty()) {
            throw ApiException.notFound("No entity named '" + name + "'" + (type == null ? "" : " of type " + type));
        }
        return types;
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
