package dev.newsflow.ingest;

import dev.newsflow.ingest.fetch.SafeHttpClient;
import dev.newsflow.ingest.normalize.ArticleNormalizer;
import dev.newsflow.ingest.page.ArticlePageExtractor;
import dev.newsflow.ingest.publish.ArticlePublisher;
import dev.newsflow.ingest.publish.DedupIndex;
import dev.newsflow.ingest.publish.DedupLoader;
import dev.newsflow.ingest.push.PushEndpoint;
import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;
import dev.newsflow.ingest.source.ArticleSource;
import dev.newsflow.ingest.source.FeedList;
import dev.newsflow.ingest.source.FeedSource;
import dev.newsflow.ingest.source.FileSource;
import dev.newsflow.ingest.source.StdinSource;
import dev.newsflow.runtime.StageMetrics;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.avro.Article;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: polls feeds, files, stdin and (optionally) serves the push endpoint,
 * normalizes what it reads and publishes it to the raw topic once per content version.
 *
 * <p>{@link #runOnce()} polls every source once and returns when every record is
 * acknowledged; {@link #start()} keeps polling in background threads until {@link #close()}.
 * {@link #stats()} gives live counters for a status line.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final IngestConfig config;
    private final IngestStats stats;
    private final IngestHealth health;
    private final MeterRegistry registry;
    private final Topic<String, Article> topic;
    private final InputStream stdin;
    private final Object lifecycle = new Object();
    private volatile ArticlePublisher publisher;
    private volatile ArticleSink sink;
    private SafeHttpClient http;
    private List<FeedSource> feeds = List.of();
    private List<FileSource> files = List.of();
    private StdinSource stdinSource;
    private PushEndpoint push;
    private ExecutorService fetchPool;
    private ScheduledExecutorService scheduler;
    private final Set<ArticleSource> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile SourceReport lastReport = new SourceReport(0, List.of());

    public IngestService(IngestConfig config, MeterRegistry registry) {
        this(config, registry, System.in);
    }

    /** As above, reading stdin (when {@code stdin=true}) from {@code stdin}. */
    public IngestService(IngestConfig config, MeterRegistry registry, InputStream stdin) {
        this.config = config;
        this.registry = registry;
        this.stats = new IngestStats(registry);
        this.health = new IngestHealth(java.time.Clock.systemUTC(), stats::snapshot, () -> {
            ArticlePublisher p = publisher;
            return p == null ? 0 : p.waitingForRetry();
        });
        this.stats.reportTo(health);
        this.topic = config.newsTopics().raw();
        this.stdin = stdin;
    }

    /** What the stage is doing, as /health reports it. */
    public IngestHealth health() {
        return health;
    }

    /** Live counters since this service was created. */
    public IngestResult stats() {
        return stats.snapshot();
    }

    /** Sends scheduled again after a retriable failure (stdin records while the broker is away). */
    public long retries() {
        ArticlePublisher p = publisher;
        return p == null ? 0 : p.retries();
    }

    /** The raw topic this service writes to. */
    public String topicName() {
        return topic.name();
    }

    /**
     * {@code POST /articles} for another server of this process to mount (the query API under
     * {@code run}, one port for both): pushed articles go through this service once it has its
     * producer (answered 503 until then), with its {@code http.max.body.bytes}.
     */
    public Consumer<JavalinConfig> pushRoute() {
        return PushEndpoint.route(() -> sink, config.getInt(IngestConfig.HTTP_MAX_BODY_BYTES));
    }

    /** The push endpoint's port once started (useful with http.port=0), else -1. */
    public int httpPort() {
        return push == null ? -1 : push.port();
    }

    /** Polls every source once and waits until every record is acknowledged. */
    public IngestResult runOnce() throws InterruptedException {
        init();
        IngestResult before = stats.snapshot();
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (FeedSource feed : feeds) {
            work.add(fetchPool.submit(() -> pollQuietly(feed)));
        }
        for (FileSource file : files) {
            pollQuietly(file);
        }
        if (stdinSource != null) {
            pollQuietly(stdinSource);
        }
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("A feed poll failed: {}", e.getCause().toString());
            }
        }
        publisher.flush();
        List<ArticleSource> polled = new ArrayList<>(feeds);
        polled.addAll(files);
        if (stdinSource != null) {
            polled.add(stdinSource);
        }
        lastReport = new SourceReport(polled.size(), polled.stream().flatMap(s -> s.failure().stream()).toList());
        IngestResult result = stats.snapshot().minus(before);
        LOG.info("Poll cycle: {} sources in {} ms: {}", feeds.size() + files.size() + (stdinSource == null ? 0 : 1),
                (System.nanoTime() - start) / 1_000_000, result);
        return result;
    }

    /** Which sources failed as a whole in the last {@link #runOnce()}. */
    public SourceReport sourceReport() {
        return lastReport;
    }

    /** Starts polling every source in background threads (and the push endpoint) until {@link #close()}. */
    public void start() {
        dev.newsflow.http.HttpPorts.requireFree(config.getString(IngestConfig.HTTP_HOST), config.getInt(IngestConfig.HTTP_PORT));
        init();
        synchronized (lifecycle) {
            if (scheduler != null) {
                return;
            }
            AtomicInteger n = new AtomicInteger();
            // One thread per file source (a poll may wait long for acks while the broker is away) plus two for
            // feed scheduling and the stats line, so a slow source never delays the others.
            scheduler = Executors.newScheduledThreadPool(2 + files.size(), r -> daemon(r, "ingest-scheduler-" + n.incrementAndGet()));
            long scan = config.getLong(IngestConfig.INPUT_SCAN_INTERVAL_MS);
            for (FileSource file : files) {
                file.settle(Math.min(1000, scan));
                scheduler.scheduleWithFixedDelay(() -> pollQuietly(file), 0, scan, TimeUnit.MILLISECONDS);
            }
            scheduler.scheduleWithFixedDelay(this::pollDueFeeds, 0, 200, TimeUnit.MILLISECONDS);
            if (stdinSource != null) {
                Thread reader = daemon(() -> pollQuietly(stdinSource), "ingest-stdin");
                reader.start();
            }
            long every = config.getLong(IngestConfig.STATS_LOG_INTERVAL_MS);
            IngestResult[] last = {stats.snapshot()};
            scheduler.scheduleAtFixedRate(() -> {
                IngestResult now = stats.snapshot();
                IngestResult delta = now.minus(last[0]);
                last[0] = now;
                if (!delta.equals(new IngestResult(0, 0, 0, 0, 0, 0))) {
                    LOG.info("Last {} s: {} (total: {})", every / 1000, delta, now);
                }
            }, every, every, TimeUnit.MILLISECONDS);
            int port = config.getInt(IngestConfig.HTTP_PORT);
            if (port >= 0) {
                push = new PushEndpoint(sink, config.getString(IngestConfig.HTTP_HOST), port,
                        config.getInt(IngestConfig.HTTP_MAX_BODY_BYTES), config.allowedHosts(), config.authToken(),
                        config.getList(IngestConfig.HTTP_CORS_ORIGINS), List.of(health), () -> StageMetrics.scrape(registry)).start();
            }
        }
    }

    private void pollDueFeeds() {
        long now = System.currentTimeMillis();
        for (FeedSource feed : feeds) {
            if (feed.nextPollAt() <= now && running.add(feed)) {
                fetchPool.submit(() -> {
                    try {
                        pollQuietly(feed);
                    } finally {
                        running.remove(feed);
                    }
                });
            }
        }
    }

    private void pollQuietly(ArticleSource source) {
        if (closed) {
            return;
        }
        try {
            if (!source.poll(sink)) {
                LOG.warn("Some articles from {} were not delivered; they will be sent again on its next poll", source.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A source must never take the others down.
            stats.fetchError(source.name(), "internal");
            LOG.error("Polling {} failed unexpectedly", source.name(), e);
        }
    }

    private void init() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("ingest service is closed");
            }
            if (publisher != null) {
                return;
            }
            LOG.debug("{}", config);
            try {
                initClients();
            } catch (RuntimeException e) {
                health.down("could not start: " + e.getMessage());
                throw e;
            }
            health.running();
        }
    }

    /** Creates the topic, rebuilds the dedup index, and creates the producer and the sources. */
    private void initClients() {
        List<String> feedUrls = FeedList.expand(config.feeds()); // fails on a bad feed list before touching Kafka
        config.awaitBroker(config.bootstrapServers());
        Map<String, Object> client = config.kafkaClientConfig(config.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            TopicAdmin.ensureTopics(admin, List.of(topic), config.replicationFactor());
        }
        DedupIndex dedup = new DedupIndex(config.getBoolean(IngestConfig.DEDUP_ENABLED));
        if (config.getBoolean(IngestConfig.DEDUP_ENABLED) && config.getBoolean(IngestConfig.DEDUP_REBUILD)) {
            DedupLoader.load(client, topic, dedup);
        }
        publisher = ArticlePublisher.create(ArticlePublisher.producerConfig(config.bootstrapServers(),
                config.kafkaOverrides()), topic, dedup, config.getInt(IngestConfig.MAX_IN_FLIGHT));
        sink = new ArticleSink(new ArticleNormalizer(config.getInt(IngestConfig.ARTICLE_MAX_CHARS),
                config.getBoolean(IngestConfig.LANGUAGE_DETECT)), publisher, stats);
        http = new SafeHttpClient(config.fetchSettings());
        FeedSource.Settings feedSettings = new FeedSource.Settings(
                Duration.ofMillis(config.getLong(IngestConfig.POLL_INTERVAL_MS)), config.getDouble(IngestConfig.POLL_JITTER),
                Duration.ofMillis(config.getLong(IngestConfig.BACKOFF_MAX_MS)),
                config.getBoolean(IngestConfig.FULLTEXT_ENABLED), config.getInt(IngestConfig.FULLTEXT_MIN_CHARS));
        ArticlePageExtractor pages = new ArticlePageExtractor();
        feeds = feedUrls.stream()
                .map(url -> new FeedSource(url, http, pages, stats, feedSettings)).toList();
        files = config.inputs().stream().map(p -> new FileSource(Path.of(p), stats)).toList();
        stdinSource = config.getBoolean(IngestConfig.STDIN) ? new StdinSource(stdin, stats) : null;
        AtomicInteger n = new AtomicInteger();
        fetchPool = Executors.newFixedThreadPool(config.getInt(IngestConfig.FETCH_THREADS),
                r -> daemon(r, "ingest-fetch-" + n.incrementAndGet()));
        LOG.info("Ingest into {}: {} feeds, {} inputs, stdin {}, push port {}", topic.name(), feeds.size(), files.size(),
                stdinSource != null, config.getInt(IngestConfig.HTTP_PORT));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (push != null) {
                push.close();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
            if (fetchPool != null) {
                fetchPool.shutdownNow();
                try {
                    fetchPool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (publisher != null) {
                publisher.close();
            }
            health.down("stopped");
            LOG.info("Ingest stopped: {}", stats.snapshot());
        }
    }
}
