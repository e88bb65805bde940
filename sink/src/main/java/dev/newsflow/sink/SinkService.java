package dev.newsflow.sink;

import dev.newsflow.config.StreamsSettings;
import dev.newsflow.health.StageHealth;
import dev.newsflow.health.StreamsHealth;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.format.SchemaRegistryException;
import dev.newsflow.sink.http.QueryApi;
import dev.newsflow.sink.live.LiveSource;
import dev.newsflow.sink.search.ArticleIndex;
import dev.newsflow.sink.top.TopRankings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.newsflow.runtime.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sink: the storage topology on Kafka Streams plus the HTTP query API.
 * {@link #start()} creates the topics, binds the API and starts Streams; {@link #close()}
 * stops both.
 */
public final class SinkService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SinkConfig config;
    private final NewsTopics topics;
    private final PrometheusMeterRegistry prometheus;
    private final MeterRegistry meters;
    private final SinkStats stats;
    private final TopRankings rankings;
    private final QueryApi api;
    private final StreamsHealth health;
    private final List<StageHealth> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private volatile KafkaStreams streams;
    private LiveSource live;
    private KafkaStreamsMetrics streamsMetrics;
    private int httpPort = -1;
    private HostInfo self;
    private volatile ArticleIndex index;

    public SinkService(SinkConfig config, MeterRegistry registry) {
        this(config, registry, AliasCandidates.NONE);
    }

    /** @param candidates other names of a surface form no stored article used (e.g. a link dictionary's) */
    public SinkService(SinkConfig config, MeterRegistry registry, AliasCandidates candidates) {
        this(config, registry, candidates, routes -> { });
    }

    /**
     * @param candidates other names of a surface form no stored article used (e.g. a link dictionary's)
     * @param mounts     other routes of the process the query API serves on its port (under {@code run},
     *                   ingest's {@code POST /articles}), behind the same host, token and CORS guard
     */
    public SinkService(SinkConfig config, MeterRegistry registry, AliasCandidates candidates,
                       Consumer<JavalinConfig> mounts) {
        this.config = config;
        this.topics = config.newsTopics();
        if (registry instanceof PrometheusMeterRegistry given) {
            this.prometheus = given;
            this.meters = given;
        } else {
            this.prometheus = StageMetrics.prometheus();
            this.meters = new CompositeMeterRegistry().add(prometheus).add(registry);
        }
        this.stats = new SinkStats(meters);
        this.rankings = new TopRankings(config.topWindows(), config.topRefresh());
        this.health = new StreamsHealth("sink", Duration.ofMillis(config.getLong(SinkConfig.HEALTH_GRACE_MS)), Clock.systemUTC())
                .withDetail(() -> {
                    Map<String, Object> detail = new java.util.LinkedHashMap<>();
                    detail.put("storedArticles", storedArticleCount());
                    detail.put("instance", self == null ? null : self.host() + ":" + self.port());
                    ArticleIndex searchIndex = index;
                    detail.put("searchIndexRebuilding", searchIndex == null ? Map.of() : searchIndex.rebuildingPartitions());
                    detail.put("searchIndexFailed", searchIndex == null ? Map.of() : searchIndex.failedPartitions());
                    return detail;
                });
        this.stats.reportTo(health);
        this.reported.add(health);
        this.api = new QueryApi(new QueryApi.Backend() {
            @Override
            public KafkaStreams streams() {
                return streams;
            }

            @Override
            public long storedArticles() {
                return storedArticleCount();
            }

            @Override
            public String scrape() {
                return prometheus.scrape();
            }

            @Override
            public TopRankings rankings() {
                return rankings;
            }

            @Override
            public ArticleIndex index() {
                return index;
            }

            @Override
            public boolean countCopies() {
                return config.countCopies();
            }

            @Override
            public List<StageHealth> health() {
                return List.copyOf(reported);
            }

            @Override
            public AliasCandidates aliasCandidates() {
                return candidates;
            }
        }, meters, config.windowRetention(), Clock.systemUTC(), config.allowedHosts(), config.authToken(),
                config.getList(SinkConfig.HTTP_CORS_ORIGINS), mounts);
    }

    /** Creates the topics, binds the API, starts Streams. Returns once Streams is starting. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        // A taken port is found before anything starts; Kafka is then waited for at most broker.wait.ms.
        dev.newsflow.http.HttpPorts.requireFree(config.httpHost(), config.httpPort());
        config.awaitBroker(config.bootstrapServers());
        createTopics();
        httpPort = api.start(config.httpHost(), config.httpPort());
        live = new LiveSource(config.kafkaClientConfig(config.bootstrapServers()), config.applicationId() + "-live",
                topics.enriched(), api::publishLive);
        live.start();
        self = advertised();
        index = ArticleIndex.open(searchIndexDir(config));
        api.advertise(self, config.forwardTimeout());
        KafkaStreams created = new KafkaStreams(SinkTopology.build(config, topics, stats, rankings, index),
                new StreamsConfig(streamsProperties(config, topics, stats, self)));
        created.setUncaughtExceptionHandler(e -> {
            SchemaRegistryException outage = SchemaRegistryException.outageIn(e);
            if (outage != null) {
                LOG.error("Sink stops: {} (nothing was skipped; start it again once the registry answers)",
                        outage.getMessage());
            } else {
                LOG.error("Sink stream thread failed; shutting the sink's Streams client down", e);
            }
            health.error("stream thread failed: " + e);
            failure.complete(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        created.setGlobalStateRestoreListener(health);
        created.setStateListener((to, from) -> {
            health.onStateChange(to);
            // Quiet log: one line when the stage runs (again), transitions at DEBUG.
            if (to == KafkaStreams.State.RUNNING) {
                LOG.info("Sink running (application id {})", config.applicationId());
            } else {
                LOG.debug("Sink Streams state {} -> {}", from, to);
            }
            if (to == KafkaStreams.State.ERROR) {
                failure.complete(new IllegalStateException("Kafka Streams entered ERROR"));
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(meters);
        streams = created;
        created.start();
        LOG.info("Sink query API on http://{}:{} (advertised as {}:{}), application id {}", config.httpHost(), httpPort,
                self.host(), self.port(), config.applicationId());
    }

    /** Completes when the sink fails for good (a stream thread died, or Streams entered ERROR). */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    /** The port the API is bound to (the chosen one when http.port is 0); -1 before start. */
    public int httpPort() {
        return httpPort;
    }

    /** Articles currently stored by this instance's active tasks (exact, excluding deleted ones). */
    public long storedArticleCount() {
        return stats.storedArticles();
    }

    /** Entity contributions (adds and withdrawals) this instance has applied since start. */
    public long entityEventsApplied() {
        return stats.entityEventsApplied();
    }

    /** The Streams client state, CREATED before start. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** What the Streams client is doing (phase, restoring partitions, readiness), as /health reports it. */
    public StreamsHealth health() {
        return health;
    }

    /**
     * Makes this sink's /health report {@code others} too, before the sink (the {@code run} command's query API
     * answers for ingest and enrich as well).
     */
    public void alsoReport(List<? extends StageHealth> others) {
        reported.addAll(0, others);
    }

    /** Every route the query API serves ("GET /articles", ...). */
    public List<String> routes() {
        return api.routes();
    }

    public MeterRegistry registry() {
        return meters;
    }

    @Override
    public synchronized void close() {
        if (live != null) {
            live.close();
            live = null;
        }
        api.close();
        KafkaStreams current = streams;
        if (current != null) {
            // Leave the group: the remaining (or next) instances take over at once instead of after a session timeout.
            current.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            streamsMetrics.close();
            streams = null;
        }
        if (index != null) {
            index.close();
            index = null;
        }
        LOG.info("Sink stopped");
    }

    /**
     * Where the search index lives: beside the application's state directory
     * ({@code <state.dir>/<application.id>.search}); it is emptied at start and rebuilt by the tasks.
     */
    static java.nio.file.Path searchIndexDir(SinkConfig config) {
        return java.nio.file.Path.of(config.getString(SinkConfig.STATE_DIR)).resolve(config.applicationId() + ".search");
    }

    private void createTopics() {
        List<Topic<?, ?>> needed = new ArrayList<>();
        needed.add(topics.enriched());
        needed.add(topics.dlq());
        needed.addAll(config.sinkTopics().all());
        try (Admin admin = Admin.create(config.kafkaClientConfig(config.bootstrapServers()))) {
            TopicAdmin.ensureTopics(admin, needed, config.replicationFactor());
        }
    }

    private HostInfo advertised() {
        String server = config.applicationServer();
        if (!server.isEmpty()) {
            HostInfo given = HostInfo.buildFromEndpoint(server);
            return given;
        }
        String host = config.httpHost();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("Cannot find this machine's host name to advertise; set "
                        + SinkConfig.APPLICATION_SERVER, e);
            }
        }
        return new HostInfo(host, httpPort);
    }

    /**
     * Kafka Streams settings of the sink: the shared ones of {@link StreamsSettings#of}, plus the sink's (advertised
     * address, standbys, the dead-letter handlers); the topology tests use the same.
     */
    static Properties streamsProperties(SinkConfig config, NewsTopics topics, SinkStats stats, HostInfo self) {
        Properties props = StreamsSettings.of(config);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.getInt(SinkConfig.NUM_STANDBY_REPLICAS));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SinkDeadLetters.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SinkDeadLetters.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, SinkDeadLetters.class);
        props.put(SinkDeadLetters.TOPIC, topics.dlq().name());
        props.put(SinkDeadLetters.STATS, stats);
        return props;
    }
}
