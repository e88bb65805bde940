package dev.newsflow.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Small client helpers for integration tests. */
public final class KafkaTestClients {
    private KafkaTestClients() {
    }

    public static void createTopic(KafkaTestBroker broker, String name, int partitions) {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            // Only the leader answers ListOffsets: once it does, writes to the new topic land.
            Map<TopicPartition, OffsetSpec> all = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                all.put(new TopicPartition(name, partition), OffsetSpec.latest());
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.listOffsets(all).all().get() != null);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
    }

    public static <K, V> KafkaProducer<K, V> producer(KafkaTestBroker broker, Serializer<K> keys, Serializer<V> values) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, keys, values);
    }

    /** A consumer in a fresh group reading committed records from the start. */
    public static <K, V> KafkaConsumer<K, V> consumer(KafkaTestBroker broker, Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, keys, values);
    }

    /**
     * Reads {@code topic} from the start until {@code done} holds for what was read, or the
     * timeout passes; returns what was read either way (the caller asserts on it).
     */
    public static <K, V> List<ConsumerRecord<K, V>> readUntil(KafkaTestBroker broker, String topic,
                                                             Deserializer<K> keys, Deserializer<V> values,
                                                             Predicate<List<ConsumerRecord<K, V>>> done,
                                                             Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = consumer(broker, keys, values)) {
            consumer.subscribe(List.of(topic));
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads every committed record of {@code topic} as it stands now: from the start up to each
     * partition's last stable offset. Fails if that takes longer than {@code timeout}.
     */
    public static <K, V> List<ConsumerRecord<K, V>> readToEnd(KafkaTestBroker broker, String topic,
                                                             Deserializer<K> keys, Deserializer<V> values,
                                                             Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<K, V> consumer = consumer(broker, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end " + ends + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads {@code topic} from the start until at least {@code count} records arrived or the timeout passes. */
    public static <K, V> List<ConsumerRecord<K, V>> readAtLeast(KafkaTestBroker broker, String topic,
                                                               Deserializer<K> keys, Deserializer<V> values,
                                                               int count, Duration timeout) {
        return readUntil(broker, topic, keys, values, records -> records.size() >= count, timeout);
    }

    public static <K, V> void send(KafkaProducer<K, V> producer, String topic, K key, V value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + topic, e);
        }
    }
}
