package dev.newsflow.sink.live;

import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code news.articles.enriched} for the live feed: every partition, from the end, with a
 * consumer that joins no group and commits nothing, {@code read_committed} so it sees exactly the
 * articles whose enrich transaction committed (the ones the sink's tasks store). So each sink
 * instance's live feed carries every new article, whichever instance stores it. Tombstones
 * (deleted articles) are not events; a value that cannot be read is skipped with one log line
 * (the sink's tasks dead-letter it).
 */
public final class LiveSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSource.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Map<String, Object> clientConfig;
    private final Topic<String, EnrichedArticle> topic;
    private final Consumer<EnrichedArticle> onArticle;
    private volatile boolean closing;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param clientConfig Kafka client settings (bootstrap servers and the deployment's pass-through keys)
     * @param onArticle    called on the source's thread for every new article
     */
    public LiveSource(Map<String, Object> clientConfig, String clientId, Topic<String, EnrichedArticle> topic,
                      Consumer<EnrichedArticle> onArticle) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.clientConfig = config;
        this.topic = topic;
        this.onArticle = onArticle;
    }

    /** Starts reading on its own thread; the position is the end of every partition at this moment. */
    public synchronized void start() {
        consumer = new KafkaConsumer<>(clientConfig, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, not at the first poll
        thread = new Thread(this::run, "newsflow-live-source");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Deserializer<EnrichedArticle> values = topic.valueSerde().deserializer();
        KafkaConsumer<String, byte[]> reading = consumer;
        try {
            while (!closing) {
                try {
                    for (ConsumerRecord<String, byte[]> record : reading.poll(POLL)) {
                        if (record.value() != null) {
                            deliver(record, values);
                        }
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    LOG.warn("Live feed: reading {} failed ({}); retrying in {} s", topic.name(), e.toString(),
                            RETRY.toSeconds());
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } finally {
            reading.close(Duration.ofSeconds(5));
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record, Deserializer<EnrichedArticle> values) {
        EnrichedArticle article;
        try {
            article = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("Live feed: skipped the unreadable record at {}-{}@{} ({}); the sink dead-letters it",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        try {
            onArticle.accept(article);
        } catch (RuntimeException e) {
            LOG.error("Live feed: could not publish article {}", record.key(), e);
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
