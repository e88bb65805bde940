package dev.newsflow.sink.store;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * One key per entity: the normalized name, {@code '|'}, the type ({@code "vladimir putin|PERSON"}).
 * Normalization: Unicode NFKC, lower case, runs of white space as one space, trimmed.
 *
 * <p>Entity records are partitioned by the name part only, so every type of one name lives in
 * the same partition and {@code GET /entities/{name}} needs one instance.
 */
public final class EntityKeys {
    public static final char SEPARATOR = '|';

    private EntityKeys() {
    }

    public static String normalize(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("\\s+", " ").trim();
    }

    public static String key(String name, String type) {
        return normalize(name) + SEPARATOR + type;
    }

    /** The normalized name part of a key (the key itself when it has no type). */
    public static String namePart(String key) {
        int cut = key.lastIndexOf(SEPARATOR);
        return cut < 0 ? key : key.substring(0, cut);
    }

    public static int partition(String key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(namePart(key).getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    /** Partitions entity records (and locates them for interactive queries) by name part. */
    public static <V> StreamPartitioner<String, V> partitioner() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
                return Optional.of(Set.of(partition(key, numPartitions)));
            }
        };
    }
}
