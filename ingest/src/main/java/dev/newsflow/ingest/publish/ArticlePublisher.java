package dev.newsflow.ingest.publish;

import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.Article;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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
        try {
            producer.send(record, (metadata, error) -> {
                inFlight.release();
                if (error == null) {
                    dedup.confirm(id, hash);
                    result.complete(Outcome.PUBLISHED);
                } else {
                    dedup.release(id, hash);
                    warnUndelivered(id, sourceName, error);
                    result.complete(Outcome.UNDELIVERED);
                }
            });
        } catch (KafkaException e) {
            inFlight.release();
            dedup.release(id, hash);
            warnUndelivered(id, sourceName, e);
            result.complete(Outcome.UNDELIVERED);
        }
        return result;
    }

    /** One WARN per 10 s at most (the broker being away fails records by the thousand); the rest at DEBUG. */
    private void warnUndelivered(String id, String sourceName, Exception error) {
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last > WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            long more = suppressed.getAndSet(0);
            LOG.warn("Article {} from {} not delivered (will be sent again on the next poll){}: {}", id, sourceName,
                    more > 0 ? "; " + more + " more since the last warning" : "", error.toString());
        } else {
            suppressed.incrementAndGet();
            LOG.debug("Article {} from {} not delivered: {}", id, sourceName, error.toString());
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
