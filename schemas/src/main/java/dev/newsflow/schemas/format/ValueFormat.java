package dev.newsflow.schemas.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the values of NewsFlow's topics are written; one per deployment ({@code value.format}). */
public enum ValueFormat {
    /** Avro single-object encoding: 0xC3 0x01, the 8-byte schema fingerprint, the binary record. */
    AVRO("avro"),
    /** Confluent Schema Registry wire format: byte 0, the 4-byte schema id, the binary record. */
    AVRO_REGISTRY("avro-registry"),
    /** UTF-8 JSON objects with the Avro field names, timestamps as ISO-8601 strings. */
    JSON("json");

    private final String configName;

    ValueFormat(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code value.format}. */
    public String configName() {
        return configName;
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(ValueFormat::configName).toList();
    }

    public static ValueFormat fromConfig(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ValueFormat format : values()) {
            if (format.configName.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown value format '" + name + "'; one of " + configNames());
    }

    @Override
    public String toString() {
        return configName;
    }
}
