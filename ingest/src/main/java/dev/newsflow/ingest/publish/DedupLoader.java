package dev.newsflow.ingest.publish;

import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.Article;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the {@link DedupIndex} at start by reading the compacted raw topic from the
 * beginning to its current end. The topic already holds the latest version of every article
 * by id, so it is the one source of truth: no local state to lose, back up or let drift from
 * what consumers see, and every ingest instance on any machine rebuilds the same view. The
 * price is one read of the topic at start (the compacted size: one record per article).
 */
public final class DedupLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DedupLoader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DedupLoader() {
    }

    public static int load(Map<String, Object> clientConfig, Topic<String, Article> topic, DedupIndex index) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long start = System.nanoTime();
        int read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("Rebuilding the dedup index from " + topic.name() + " took over 10 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        index.load(record.key(), null);
                        continue;
                    }
                    try {
                        Article article = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                        index.load(record.key(), article.getContentHash());
                    } catch (SerializationException e) {
                        LOG.warn("Skipping unreadable record at {}-{}@{} while rebuilding dedup: {}", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        LOG.info("Dedup index rebuilt from {}: {} records read, {} articles, {} ms", topic.name(), read, index.size(),
                (System.nanoTime() - start) / 1_000_000);
        return read;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
