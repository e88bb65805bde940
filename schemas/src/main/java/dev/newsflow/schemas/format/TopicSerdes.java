package dev.newsflow.schemas.format;

import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.Topic;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The one serde factory for the values of NewsFlow's public topics, chosen by
 * {@code value.format}: every topic descriptor gets its value serde here, and every serde made
 * here goes through its configure pass with the {@code schema.registry.*} settings. Internal
 * state stores and changelogs do not use it: they keep their own single-object Avro serdes,
 * whatever the topics carry.
 */
public final class TopicSerdes {
    public static final String VALUE_FORMAT = "value.format";
    public static final String REGISTRY_URL = "schema.registry.url";
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String REGISTRY_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String REGISTRY_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String REGISTRY_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String REGISTRY_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String REGISTRY_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String REGISTRY_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String REGISTRY_KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String REGISTRY_REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final List<String> KEYS = List.of(VALUE_FORMAT, REGISTRY_URL, REGISTRY_BASIC_AUTH_USER_INFO,
            REGISTRY_TRUSTSTORE_LOCATION, REGISTRY_TRUSTSTORE_PASSWORD, REGISTRY_TRUSTSTORE_TYPE, REGISTRY_KEYSTORE_LOCATION,
            REGISTRY_KEYSTORE_PASSWORD, REGISTRY_KEYSTORE_TYPE, REGISTRY_KEY_PASSWORD, REGISTRY_REQUEST_TIMEOUT_MS);

    private final ValueFormat format;
    private final Map<String, Object> serdeConfigs;

    private TopicSerdes(ValueFormat format, Map<String, Object> serdeConfigs) {
        this.format = format;
        this.serdeConfigs = Map.copyOf(serdeConfigs);
        if (format == ValueFormat.AVRO_REGISTRY) {
            RegistrySettings.from(this.serdeConfigs); // fails at once, naming the key, when the URL is missing or bad
        }
    }

    /** Adds the value-format keys to a stage's definition (every stage has the same ones). */
    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(VALUE_FORMAT, Type.STRING, ValueFormat.AVRO.configName(),
                        ValidString.in(ValueFormat.configNames().toArray(String[]::new)), Importance.HIGH,
                        "How the values of every NewsFlow topic are written, the same for every stage of a deployment: "
                                + "'avro' (single-object encoding, schema fingerprint in each record), 'avro-registry' "
                                + "(Confluent Schema Registry wire format against schema.registry.url; subjects <topic>-value, "
                                + "compatibility BACKWARD) or 'json' (UTF-8 JSON objects, timestamps as ISO-8601 strings). "
                                + "The dead-letter topic keeps the original bytes.")
                .define(REGISTRY_URL, Type.STRING, "", Importance.HIGH,
                        "Schema registry base URL(s), comma-separated, of any registry with the Confluent REST API "
                                + "(Confluent, Karapace, Redpanda, Apicurio's /apis/ccompat/v7); required by value.format=avro-registry.")
                .define(REGISTRY_BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
                        "user:password for HTTP basic authentication to the schema registry; empty for none.")
                .define(REGISTRY_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.LOW,
                        "Trust store for an https schema registry; empty = the JVM's trusted certificates.")
                .define(REGISTRY_TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.LOW, "Password of the registry trust store.")
                .define(REGISTRY_TRUSTSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Type of the registry trust store (PKCS12, JKS).")
                .define(REGISTRY_KEYSTORE_LOCATION, Type.STRING, "", Importance.LOW,
                        "Key store with a client certificate for a registry that asks for one (mutual TLS); empty for none.")
                .define(REGISTRY_KEYSTORE_PASSWORD, Type.PASSWORD, "", Importance.LOW, "Password of the registry key store.")
                .define(REGISTRY_KEYSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Type of the registry key store (PKCS12, JKS).")
                .define(REGISTRY_KEY_PASSWORD, Type.PASSWORD, "", Importance.LOW,
                        "Password of the key in the registry key store; empty = the key store's password.")
                .define(REGISTRY_REQUEST_TIMEOUT_MS, Type.INT, 10_000, Range.between(100, 300_000), Importance.LOW,
                        "Timeout (ms) of one request to the schema registry.");
    }

    /** Today's default: single-object Avro, no registry. */
    public static TopicSerdes avro() {
        return new TopicSerdes(ValueFormat.AVRO, Map.of());
    }

    /** The factory a stage's configuration chooses; fails naming the key when avro-registry has no URL. */
    public static TopicSerdes from(AbstractConfig config) {
        Map<String, Object> configs = new HashMap<>();
        for (String key : KEYS) {
            Object value = config.values().get(key);
            if (value == null) {
                throw new ConfigException("Stage configuration has no '" + key + "': define it with TopicSerdes.define");
            }
            configs.put(key, value);
        }
        return new TopicSerdes(ValueFormat.fromConfig(config.getString(VALUE_FORMAT)), configs);
    }

    /** A factory for {@code format} with the given registry settings (tests, tools). */
    public static TopicSerdes of(ValueFormat format, Map<String, ?> registrySettings) {
        Map<String, Object> configs = new HashMap<>(registrySettings);
        configs.put(VALUE_FORMAT, format.configName());
        return new TopicSerdes(format, configs);
    }

    public ValueFormat format() {
        return format;
    }

    /** The value serde of a generated Avro class in this format, already configured. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        Serde<T> serde = switch (format) {
            case AVRO -> AvroSerde.of(type);
            case AVRO_REGISTRY -> RegistryAvroSerde.of(type);
            case JSON -> JsonAvroSerde.of(type);
        };
        serde.configure(serdeConfigs, false);
        return serde;
    }

    /**
     * Registers the value schema of each topic whose serde keeps its schemas in a registry (and
     * sets BACKWARD compatibility on its subject); a no-op for the other formats. Stages call it
     * once at start, through {@link dev.newsflow.schemas.TopicAdmin#ensureTopics}.
     *
     * @throws SchemaRegistryException naming the subject when the registry refuses a schema
     */
    public static void registerSchemas(Collection<? extends Topic<?, ?>> topics) {
        for (Topic<?, ?> topic : topics) {
            if (topic.valueSerde() instanceof RegistryAvroSerde<?> registry) {
                registry.register(topic.name());
            }
        }
    }

    @Override
    public String toString() {
        return "value.format=" + format;
    }
}
