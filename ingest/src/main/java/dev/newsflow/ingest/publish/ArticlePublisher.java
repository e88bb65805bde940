package dev.newsflow.ingest.publish;

import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.Article;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends articles to the raw topic, keyed by article id, with source and ingest-time headers.
 * Idempotent producer with {@code acks=all}, zstd compression and batching; a semaphore caps
 * records in flight so memory stays bounded while the broker is away (sources then wait).
 * The returned future completes once the broker acknowledged (or refused) the record.
 */
public final class ArticlePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticlePublisher.class);
    public static final String HEADER_SOURCE = "newsflow.source";
    public static final String HEADER_INGESTED_AT = "newsflow.ingested.at";

    private final Producer<String, Article> producer;
    private final String topic;
    private final DedupIndex dedup;
    private final Semaphore inFlight;
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLong lastWarn = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - WARN_EVERY_NANOS - 1);
    private final java.util.concurrent.atomic.AtomicLong suppressed = new java.util.concurrent.atomic.AtomicLong();
    static final long RETRY_FIRST_MS = 1000;
    static final long RETRY_MAX_MS = 30_000;
    private final Set<Retry> retrying = ConcurrentHashMap.newKeySet();
    private final LongAdder retries = new LongAdder();
    private final LongAdder lostAtClose = new LongAdder();
    private final ScheduledExecutorService retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-publish-retry");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closing;

    public ArticlePublisher(Producer<String, Article> producer, String topic, DedupIndex dedup, int maxInFlight) {
        this.producer = producer;
        this.topic = topic;
        this.dedup = dedup;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Producer settings for ingest; {@code overrides} (the kafka.* keys) win. */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-ingest");
        config.putAll(overrides);
        return config;
    }

    public static ArticlePublisher create(Map<String, Object> producerConfig, Topic<String, Article> topic, DedupIndex dedup,
                                          int maxInFlight) {
        KafkaProducer<String, Article> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                topic.valueSerde().serializer());
        return new ArticlePublisher(producer, topic.name(), dedup, maxInFlight);
    }

    /** Sends {@code article} unless this version was already published; blocks while too many records are in flight. */
    public CompletableFuture<Outcome> submit(Article article, String sourceName) throws InterruptedException {
        return submit(article, sourceName, false);
    }

    /**
     * As {@link #submit}, for a source that cannot read its input again (stdin): a send that fails
     * with a retriable error (broker away, timeout) is sent again after an exponential backoff
     * ({@value #RETRY_FIRST_MS} ms doubling to {@value #RETRY_MAX_MS} ms) and keeps its in-flight
     * permit meanwhile, so the source waits at the in-flight limit instead of piling up records.
     * The future completes with PUBLISHED, or UNDELIVERED on a permanent error or at close.
     */
    public CompletableFuture<Outcome> submitUntilDelivered(Article article, String sourceName) throws InterruptedException {
        return submit(article, sourceName, true);
    }

    private CompletableFuture<Outcome> submit(Article article, String sourceName, boolean untilDelivered)
            throws InterruptedException {
        String id = article.getId();
        String hash = article.getContentHash();
        if (!dedup.claim(id, hash)) {
            return CompletableFuture.completedFuture(Outcome.DUPLICATE);
        }
        inFlight.acquire();
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        ProducerRecord<String, Article> record = new ProducerRecord<>(topic, id, article);
        record.headers().add(HEADER_SOURCE, sourceName.getBytes(StandardCharsets.UTF_8));
        record.headers().add(HEADER_INGESTED_AT,
                String.valueOf(article.getIngestedAt().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        Retry retry = untilDelivered ? new Retry(result) : null;
        if (retry != null) {
            retrying.add(retry);
        }
        send(record, sourceName, result, retry);
        return result;
    }

    private void send(ProducerRecord<String, Article> record, String sourceName, CompletableFuture<Outcome> result, Retry retry) {
        try {
            producer.send(record, (metadata, error) -> done(record, sourceName, result, retry, error));
        } catch (KafkaException | IllegalStateException e) {
            done(record, sourceName, result, retry, e);
        }
    }

    private void done(ProducerRecord<String, Article> record, String sourceName, CompletableFuture<Outcome> result, Retry retry,
                      Exception error) {
        String id = record.key();
        String hash = record.value().getContentHash();
        if (error == null) {
            finish(retry);
            dedup.confirm(id, hash);
            result.complete(Outcome.PUBLISHED);
            return;
        }
        if (retry != null && error instanceof RetriableException && !closing) {
            long delay = retry.nextDelayMs();
            try {
                retryTimer.schedule(() -> send(record, sourceName, result, retry), delay, TimeUnit.MILLISECONDS);
                retries.increment();
                warnRetrying(id, sourceName, delay, error);
                return;
            } catch (RejectedExecutionException closed) {
                // closing: fall through and give the record up
            }
        }
        finish(retry);
        dedup.release(id, hash);
        if (retry != null && closing) {
            lostAtClose.increment();
        } else if (retry != null) {
            LOG.warn("Article {} from {} failed permanently and was dropped: {}", id, sourceName, error.toString());
        } else {
            warnUndelivered(id, sourceName, error);
        }
        result.complete(Outcome.UNDELIVERED);
    }

    private void finish(Retry retry) {
        inFlight.release();
        if (retry != null) {
            retrying.remove(retry);
        }
    }

    /** Records sent until delivered that are waiting for a retry now (the broker is away). */
    public int waitingForRetry() {
        return retrying.size();
    }

    /** Sends that failed with a retriable error and were scheduled again (records sent with {@link #submitUntilDelivered}). */
    public long retries() {
        return retries.sum();
    }

    /** Rate-limited like {@link #warnUndelivered}: an outage makes every record retry. */
    private void warnRetrying(String id, String sourceName, long delayMs, Exception error) {
        if (shouldWarn()) {
            LOG.warn("Article {} from {} not acknowledged, sending it again in {} ms ({} articles waiting for the broker): {}",
                    id, sourceName, delayMs, retrying.size(), error.toString());
        } else {
            LOG.debug("Article {} from {} not acknowledged, retry in {} ms: {}", id, sourceName, delayMs, error.toString());
        }
    }

    /** One WARN per 10 s at most (the broker being away fails records by the thousand); the rest at DEBUG. */
    private void warnUndelivered(String id, String sourceName, Exception error) {
        if (shouldWarn()) {
            long more = suppressed.getAndSet(0);
            LOG.warn("Article {} from {} not delivered (will be sent again on the next poll){}: {}", id, sourceName,
                    more > 0 ? "; " + more + " more since the last warning" : "", error.toString());
        } else {
            LOG.debug("Article {} from {} not delivered: {}", id, sourceName, error.toString());
        }
    }

    private boolean shouldWarn() {
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last > WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        closing = true;
        retryTimer.shutdownNow();
        try {
            retryTimer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(30));
        // Records whose retry was still waiting never reached the producer again.
        for (Retry retry : List.copyOf(retrying)) {
            if (retrying.remove(retry)) {
                lostAtClose.increment();
                retry.result.complete(Outcome.UNDELIVERED);
            }
        }
        if (lostAtClose.sum() > 0) {
            LOG.warn("Stopped with {} articles that cannot be read again (stdin) not acknowledged by the broker: "
                    + "they were not delivered", lostAtClose.sum());
        }
    }

    /** Backoff state of one record sent with {@link #submitUntilDelivered}. */
    private static final class Retry {
        private final CompletableFuture<Outcome> result;
        private int attempts;

        Retry(CompletableFuture<Outcome> result) {
            this.result = result;
        }

        synchronized long nextDelayMs() {
            long delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS << Math.min(attempts, 10));
            attempts++;
            return delay;
        }
    }
}
