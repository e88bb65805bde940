package dev.newsflow.app;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichService;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.DictionaryAliases;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkService;
import dev.newsflow.runtime.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three stages in one process, with an embedded broker unless the configs point at a
 * cluster. Starts sink, then enrich, then ingest (consumers first, so nothing waits), and
 * stops them in the reverse order.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** Counts shown while the pipeline works. */
    record Progress(long ingested, long enriched, long stored, long deadLettered) {
        String line() {
            return String.format("ingested %d | enriched %d | stored %d | dead-lettered %d",
                    ingested, enriched, stored, deadLettered);
        }
    }

    private final EmbeddedKafkaBroker broker;
    private final IngestConfig ingestConfig;
    private final EnrichConfig enrichConfig;
    private final SinkConfig sinkConfig;
    private final PrometheusMeterRegistry registry = StageMetrics.prometheus();
    private final NewsTopics topics;
    private NewsEngine engine;
    private SinkService sink;
    private EnrichService enrich;
    private IngestService ingest;

    Pipeline(EmbeddedKafkaBroker broker, IngestConfig ingestConfig, EnrichConfig enrichConfig, SinkConfig sinkConfig) {
        this.broker = broker;
        this.ingestConfig = ingestConfig;
        this.enrichConfig = enrichConfig;
        this.sinkConfig = sinkConfig;
        this.topics = enrichConfig.newsTopics();
    }

    Pipeline start() {
        // The effective configuration, secrets masked (ingest logs its own when it starts).
        LOG.debug("{}", enrichConfig);
        LOG.debug("{}", sinkConfig);
        // The query API's port is checked before Kafka is waited for: both fail in one line, the port at once.
        dev.newsflow.http.HttpPorts.requireFree(sinkConfig.httpHost(), sinkConfig.httpPort());
        enrichConfig.awaitBroker(enrichConfig.bootstrapServers());
        try (Admin admin = admin()) {
            TopicAdmin.ensureTopics(admin, topics.all(), enrichConfig.replicationFactor());
        }
        // One port: the query API also serves ingest's POST /articles (503 until ingest has its producer).
        ingest = new IngestService(ingestConfig, registry);
        sink = new SinkService(sinkConfig, registry, DictionaryAliases.of(sinkConfig), ingest.pushRoute());
        sink.start();
        LOG.info("Loading the NLP engine (a few seconds)...");
        engine = NewsEngines.create(EngineSettings.from(enrichConfig));
        enrich = new EnrichService(enrichConfig, engine, registry).start();
        // The query API's /health answers for the three stages of this process.
        sink.alsoReport(List.of(ingest.health(), enrich.health()));
        return this;
    }

    IngestResult ingestOnce() throws InterruptedException {
        return ingest.runOnce();
    }

    /** Which sources failed as a whole in {@link #ingestOnce()}. */
    dev.newsflow.ingest.SourceReport sourceReport() {
        return ingest.sourceReport();
    }

    void startPolling() {
        ingest.start();
    }

    Progress progress() {
        return new Progress(ingest == null ? 0 : ingest.stats().published(),
                enrich == null ? 0 : enrich.metrics().enrichedTotal(),
                sink == null ? 0 : sink.storedArticleCount(),
                enrich == null ? 0 : enrich.metrics().deadLetteredTotal());
    }

    int httpPort() {
        return sink.httpPort();
    }

    /** True once the sink's Streams client runs (its stores answer). */
    boolean sinkRunning() {
        return sink != null && sink.state() == KafkaStreams.State.RUNNING;
    }

    /** Where the query API listens (127.0.0.1 when it binds every address). */
    String httpHost() {
        String host = sinkConfig.httpHost();
        return "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    }

    /**
     * Waits until enrich has committed past every raw record published so far, and sink past
     * every enriched record that produced, with both applications running (so the query
     * API answers): then every input is stored or dead-lettered.
     *
     * @param timeout how long to wait at most; null waits without a deadline
     * @param stop    checked on every tick: true gives up (Ctrl-C)
     * @return true when caught up; false past the deadline or when stopped
     */
    boolean awaitCaughtUp(Duration timeout, Consumer<Progress> onTick, BooleanSupplier stop) throws InterruptedException {
        BooleanSupplier over = timeout == null ? stop : deadline(System.nanoTime() + timeout.toNanos(), stop);
        while (enrich.state() != KafkaStreams.State.RUNNING || sink.state() != KafkaStreams.State.RUNNING) {
            if (over.getAsBoolean()) {
                return false;
            }
            onTick.accept(progress());
            checkRunning();
            Thread.sleep(100);
        }
        try (Admin admin = admin()) {
            ConsumerLag lag = new ConsumerLag(admin);
            Map<TopicPartition, Long> rawEnd = lag.endOffsets(topics.raw().name());
            String enrichGroup = enrichConfig.applicationId();
            if (!waitForLag(lag, enrichGroup, rawEnd, over, onTick)) {
                return false;
            }
            // Near-duplicate detection writes in the same transaction as the rest of enrich (one hop):
            // past the raw records, every enriched article is there.
            String sinkGroup = sinkConfig.applicationId();
            Map<TopicPartition, Long> enrichedEnd = lag.endOffsets(topics.enriched().name());
            if (!waitForLag(lag, sinkGroup, enrichedEnd, over, onTick)) {
                return false;
            }
            // The sink repartitions entity updates through internal topics: wait for those too, so
            // the entity index and the sentiment windows answer for everything stored.
            Map<TopicPartition, Long> internalEnd = new java.util.HashMap<>();
            for (String topic : lag.consumedTopics(sinkGroup)) {
                if (!topic.equals(topics.enriched().name())) {
                    internalEnd.putAll(lag.endOffsets(topic));
                }
            }
            return waitForLag(lag, sinkGroup, internalEnd, over, onTick);
        }
    }

    private static BooleanSupplier deadline(long deadlineNanos, BooleanSupplier stop) {
        return () -> stop.getAsBoolean() || System.nanoTime() - deadlineNanos > 0;
    }

    private boolean waitForLag(ConsumerLag lag, String group, Map<TopicPartition, Long> target, BooleanSupplier over,
                               Consumer<Progress> onTick) throws InterruptedException {
        while (!over.getAsBoolean()) {
            onTick.accept(progress());
            checkRunning();
            if (lag.lag(group, target) == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private void checkRunning() {
        for (var entry : Map.of("enrich", enrich.state(), "sink", sink.state()).entrySet()) {
            if (entry.getValue() == KafkaStreams.State.ERROR || entry.getValue() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException(entry.getKey() + " stopped in state " + entry.getValue() + "; see the log");
            }
        }
    }

    /** The latest enriched version of every article, read from the (compacted) enriched topic. */
    List<EnrichedArticle> enrichedArticles() {
        Map<String, Object> config = new LinkedHashMap<>(enrichConfig.kafkaClientConfig(enrichConfig.bootstrapServers()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "newsflow-run-summary-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, EnrichedArticle> latest = new LinkedHashMap<>();
        try (Admin admin = admin();
             KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                     topics.enriched().valueSerde().deserializer())) {
            Map<TopicPartition, Long> end = new ConsumerLag(admin).endOffsets(topics.enriched().name());
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    private Admin admin() {
        return Admin.create(enrichConfig.kafkaClientConfig(enrichConfig.bootstrapServers()));
    }

    @Override
    public void close() {
        closeQuietly("ingest", ingest);
        closeQuietly("enrich", enrich);
        closeQuietly("engine", engine);
        closeQuietly("sink", sink);
        closeQuietly("broker", broker);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", what, e.toString());
        }
    }
}
