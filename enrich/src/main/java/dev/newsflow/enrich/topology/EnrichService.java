package dev.newsflow.enrich.topology;

import dev.newsflow.config.StreamsSettings;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.health.StreamsHealth;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.format.SchemaRegistryException;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.runtime.StageMetrics;
import dev.newsflow.runtime.StageRoutes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich topology: creates the topics it needs, starts Kafka Streams with the
 * exactly-once and timeout settings long articles need, and serves {@code /health} and
 * {@code /metrics}. One engine instance is shared by all stream threads.
 */
public final class EnrichService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

    private final EnrichConfig config;
    private final NewsTopics topics;
    private final EnrichMetrics metrics;
    private final KafkaStreams streams;
    private final StreamsHealth health;
    private final Topology topology;
    private final java.util.List<KafkaStreams.State> stateHistory = new java.util.concurrent.CopyOnWriteArrayList<>();
    private KafkaStreamsMetrics streamsMetrics;
    private Javalin http;

    public EnrichService(EnrichConfig config, NewsEngine engine, MeterRegistry registry) {
        this.config = config;
        this.topics = config.newsTopics();
        this.metrics = new EnrichMetrics(registry);
        this.topology = EnrichTopology.build(config, topics, engine, metrics);
        Properties props = streamsProperties(config, topics, metrics);
        this.streams = new KafkaStreams(topology, props);
        this.health = new StreamsHealth("enrich", Duration.ofMillis(config.getLong(EnrichConfig.HEALTH_GRACE_MS)), Clock.systemUTC())
                .withDetail(() -> Map.of("enriched", metrics.enrichedTotal(), "deadLettered", metrics.deadLetteredTotal()));
        metrics.reportTo(health);
    }

    /** What the Streams client is doing (phase, restoring partitions, readiness), as /health reports it. */
    public StreamsHealth health() {
        return health;
    }

    /** Kafka Streams settings for this stage: the shared ones of {@link StreamsSettings#of}, plus enrich's; the tests of the topology use the same. */
    static Properties streamsProperties(EnrichConfig config, NewsTopics topics, EnrichMetrics metrics) {
        Properties props = StreamsSettings.of(config);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024 * 1024L);
        // Tagging takes tens of milliseconds per article, so everything between two commits sits in one
        // transaction: few records per poll, a transaction timeout far above a batch's worst case
        // (Streams sets 10 s under exactly-once), and a generous poll interval.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                config.getInt(EnrichConfig.MAX_POLL_RECORDS));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                config.getInt(EnrichConfig.MAX_POLL_INTERVAL_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                config.getInt(EnrichConfig.TRANSACTION_TIMEOUT_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 8 * 1024 * 1024);
        EnrichTopology.Dedup dedup = EnrichTopology.dedup(config);
        props.putAll(DeadLetterHandlers.configs(topics.dlq().name(), config.failOnEngineError(), metrics,
                dedup == null ? null : dedup.fingerprints().name()));
        return props;
    }

    public EnrichService start() {
        // A taken port is found before anything starts, so it stops nothing half-way.
        dev.newsflow.http.HttpPorts.requireFree(config.getString(EnrichConfig.HTTP_HOST), config.getInt(EnrichConfig.HTTP_PORT));
        config.awaitBroker(config.bootstrapServers());
        try (Admin admin = Admin.create(config.kafkaClientConfig(config.bootstrapServers()))) {
            List<dev.newsflow.schemas.Topic<?, ?>> needed = new java.util.ArrayList<>(topics.all());
            EnrichTopology.Dedup dedup = EnrichTopology.dedup(config);
            if (dedup != null) {
                needed.add(dedup.fingerprints());
            }
            TopicAdmin.ensureTopics(admin, needed, config.replicationFactor());
        }
        LOG.debug("Enrich topology:\n{}", topology.describe());
        streams.setUncaughtExceptionHandler(error -> {
            SchemaRegistryException outage = SchemaRegistryException.outageIn(error);
            if (outage != null) {
                LOG.error("Enrich stops: {} (nothing was skipped; start it again once the registry answers)",
                        outage.getMessage());
            } else {
                LOG.error("Enrich stream thread failed; shutting this instance down", error);
            }
            health.error("stream thread failed: " + error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setGlobalStateRestoreListener(health);
        streams.setStateListener((now, before) -> {
            health.onStateChange(now);
            stateHistory.add(now);
            // Quiet log: one line when the stage runs (again), transitions at DEBUG.
            if (now == KafkaStreams.State.RUNNING) {
                LOG.info("Enrich running (application id {})", config.getString(EnrichConfig.APPLICATION_ID));
            } else {
                LOG.debug("Enrich state {} -> {}", before, now);
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics.registry());
        streams.start();
        int port = config.getInt(EnrichConfig.HTTP_PORT);
        if (port >= 0) {
            String host = config.getString(EnrichConfig.HTTP_HOST);
            http = Javalin.create(javalin -> {
                javalin.startup.showJavalinBanner = false;
                HttpGuard.install(javalin, HttpGuard.allowedHosts(config.getList(EnrichConfig.HTTP_ALLOWED_HOSTS), host), config.authToken(),
                        config.getList(EnrichConfig.HTTP_CORS_ORIGINS));
                StageRoutes.install(javalin, () -> List.of(health), () -> StageMetrics.scrape(metrics.registry()));
            });
            dev.newsflow.http.HttpPorts.start(http, host, port);
            LOG.info("Enrich health and metrics on http://{}:{}/health", config.getString(EnrichConfig.HTTP_HOST), http.port());
        }
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Every state this instance entered since start, in order (rebalances show as REBALANCING). */
    public java.util.List<KafkaStreams.State> stateHistory() {
        return java.util.List.copyOf(stateHistory);
    }

    public EnrichMetrics metrics() {
        return metrics;
    }

    public NewsTopics topics() {
        return topics;
    }

    /** Bound port of the health endpoint, or -1 when it is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop();
        }
        // Leave the group on a clean stop, so a restart does not wait out the old member's session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }
}
