package dev.newsflow.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic, described once: its name, key and value serdes, and the configs it
 * needs when created. Immutable; {@link #withName} gives a copy under another name
 * (tests use unique names).
 *
 * @param name        topic name
 * @param keySerde    serde of record keys
 * @param valueSerde  serde of record values
 * @param partitions  partition count used when the topic is created
 * @param configs     topic-level configs used when the topic is created (e.g. cleanup.policy)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions,
                          Map<String, String> configs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    public Topic<K, V> withName(String newName) {
        return new Topic<>(newName, keySerde, valueSerde, partitions, configs);
    }

    public Topic<K, V> withPartitions(int newPartitions) {
        return new Topic<>(name, keySerde, valueSerde, newPartitions, configs);
    }

    /** The Admin API request that creates this topic. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    public boolean compacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }
}
