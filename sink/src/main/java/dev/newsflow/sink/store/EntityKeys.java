package dev.newsflow.sink.store;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * One key per entity: its link id when enrich linked it (the English Wikipedia title,
 * {@code "Vladimir_Putin"}), else the normalized name, {@code '|'}, the type
 * ({@code "vladimir putin|PERSON"}). Normalization: Unicode NFKC, lower case, runs of white space
 * as one space, trimmed. A Wikipedia title never holds {@code '|'}, so the two kinds never meet.
 *
 * <p>Entity records are partitioned by the name part only (the whole id for linked ones), so every
 * type of one unlinked name lives in the same partition.
 *
 * <p>Alias surface forms ({@link #surface}) are folded further: accents dropped, underscores as
 * spaces, so "Francois Hollande", "François Hollande" and "francois_hollande" are one form.
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

    /** The key of an entity: its id when it has a usable one, else {@link #key(String, String) name and type}. */
    public static String key(String id, String name, String type) {
        return linkable(id) ? id : key(name, type);
    }

    /** True for an id that can be a key: set, not blank, without the separator. */
    public static boolean linkable(String id) {
        return id != null && !id.isBlank() && id.indexOf(SEPARATOR) < 0;
    }

    /** The link id a key stands for, or null when the key is an unlinked name and type. */
    public static String id(String key) {
        return key.indexOf(SEPARATOR) < 0 ? key : null;
    }

    /** The type part of an unlinked key, or null for an id key. */
    public static String typePart(String key) {
        int cut = key.lastIndexOf(SEPARATOR);
        return cut < 0 ? null : key.substring(cut + 1);
    }

    /**
     * A surface form as the alias index keys it: NFKD, combining marks (accents) dropped, lower
     * case, underscores as spaces, runs of white space as one space, trimmed.
     */
    public static String surface(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String bare = decomposed.replaceAll("\\p{M}+", "").replace('_', ' ');
        return Normalizer.normalize(bare, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    /** The last token of a surface form with more than one, else null (a surname as a weaker alias). */
    public static String lastToken(String surface) {
        int cut = surface.lastIndexOf(' ');
        return cut < 0 || cut == surface.length() - 1 ? null : surface.substring(cut + 1);
    }

    /** The normalized name part of a key (the key itself when it has no type). */
    public static String namePart(String key) {
        int cut = key.lastIndexOf(SEPARATOR);
        return cut < 0 ? key : key.substring(0, cut);
    }

    public static int partition(String key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(namePart(key).getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    /** Partition of an alias record: by its whole surface form. */
    public static int surfacePartition(String surface, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(surface.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }

    /** Partitions alias records (and locates them for interactive queries) by surface form. */
    public static <V> StreamPartitioner<String, V> surfacePartitioner() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
                return Optional.of(Set.of(surfacePartition(key, numPartitions)));
            }
        };
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
