package dev.newsflow.config;

import dev.newsflow.schemas.BrokerCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Typed configuration of one stage, built on Kafka's {@link ConfigDef} (type, default,
 * validator and doc per key).
 *
 * <p>Values come from, in rising precedence: the defaults, a properties file, environment
 * variables ({@code NEWSFLOW_} + the key upper-cased with dots and dashes as underscores,
 * e.g. {@code bootstrap.servers} is {@code NEWSFLOW_BOOTSTRAP_SERVERS}), and command-line
 * flags. Keys under {@code kafka.} pass through to every Kafka client the stage creates
 * (security, SASL, TLS: {@code kafka.security.protocol=SASL_SSL}); in the environment they
 * are {@code NEWSFLOW_KAFKA_SECURITY_PROTOCOL}. Any other unknown key fails with a message
 * that names it. Secrets (PASSWORD keys, and Kafka keys that look like secrets) are masked
 * by {@link #toString()}.
 */
public class StageConfig extends AbstractConfig {
    public static final String ENV_PREFIX = "NEWSFLOW_";
    public static final String KAFKA_PREFIX = "kafka.";
    /** Topic prefix within the deployment (tests, custom naming); see {@link #topicPrefix()}. */
    public static final String TOPIC_PREFIX = "topic.prefix";
    /** Kafka Streams application id within the deployment; see {@link #applicationId()}. */
    public static final String APPLICATION_ID = "application.id";
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|jaas|credential|token|key\\.pem|keystore\\.key).*");

    private final String stage;
    private final Map<String, String> kafkaOverrides;

    protected StageConfig(String stage, ConfigDef definition, Map<String, ?> values) {
        super(definition, withoutKafka(values), false);
        this.stage = stage;
        this.kafkaOverrides = kafkaKeys(values);
    }

    /**
     * Merges the sources in precedence order and checks every key.
     *
     * @param definition the stage's keys
     * @param file       properties file contents (may be empty)
     * @param env        environment variables (usually {@code System.getenv()})
     * @param flags      values from command-line flags, by config key
     */
    public static Map<String, Object> merge(ConfigDef definition, Map<String, String> file, Map<String, String> env,
                                            Map<String, ?> flags) {
        Map<String, Object> merged = new HashMap<>();
        checkKnown(definition, file.keySet(), "properties file");
        merged.putAll(file);
        merged.putAll(fromEnvironment(definition, env));
        checkKnown(definition, flags.keySet(), "command line");
        flags.forEach((key, value) -> {
            if (value != null) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** Reads a properties file; a missing file is an error that names it. */
    public static Map<String, String> readProperties(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Kafka client settings given under {@code kafka.}, prefix removed. */
    public Map<String, String> kafkaOverrides() {
        return kafkaOverrides;
    }

    /** Kafka client settings: bootstrap servers plus every {@code kafka.} pass-through key. */
    public Map<String, Object> kafkaClientConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(kafkaOverrides);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    public String stage() {
        return stage;
    }

    /** The deployment this stage belongs to ({@link Deployment#KEY}); the default one when the stage has no such key. */
    public Deployment deployment() {
        return values().containsKey(Deployment.KEY) ? Deployment.of(getString(Deployment.KEY)) : Deployment.DEFAULT;
    }

    /** What goes before every topic name: the deployment's prefix, then {@code topic.prefix} when the stage has it. */
    public String topicPrefix() {
        return deployment().topicPrefix(values().containsKey(TOPIC_PREFIX) ? getString(TOPIC_PREFIX) : "");
    }

    /** The Kafka Streams application id: the configured {@code application.id} within this deployment. */
    public String applicationId() {
        return deployment().applicationId(getString(APPLICATION_ID));
    }

    /**
     * Waits until the Kafka cluster at {@code bootstrapServers} answers, at most {@link BrokerCheck#WAIT_MS}.
     *
     * @throws BrokerCheck.BrokerUnreachableException with a one-line message when it does not
     */
    public void awaitBroker(String bootstrapServers) {
        long wait = values().containsKey(BrokerCheck.WAIT_MS) ? getLong(BrokerCheck.WAIT_MS) : BrokerCheck.DEFAULT_WAIT_MS;
        BrokerCheck.await(kafkaClientConfig(bootstrapServers), java.time.Duration.ofMillis(wait));
    }

    /** A reference table of every key: name, type, default, environment variable, doc (Markdown). */
    public static String reference(ConfigDef definition) {
        StringBuilder table = new StringBuilder("| key | type | default | environment | description |\n|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : new TreeMap<>(definition.configKeys()).values()) {
            String def = key.hasDefault() ? String.valueOf(key.defaultValue) : "(required)";
            if (key.type == ConfigDef.Type.PASSWORD && key.hasDefault()) {
                def = "(hidden)";
            }
            table.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase(Locale.ROOT))
                    .append(" | `").append(def.isEmpty() ? "\"\"" : def).append("` | `").append(envName(key.name))
                    .append("` | ").append(key.documentation == null ? "" : key.documentation.replace('\n', ' '))
                    .append(key.validator == null ? "" : " Valid: " + key.validator + ".")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Plain-text listing for {@code --help}. */
    public static String helpText(ConfigDef definition) {
        StringBuilder text = new StringBuilder();
        for (ConfigDef.ConfigKey key : new TreeMap<>(definition.configKeys()).values()) {
            String def = key.hasDefault() ? String.valueOf(key.defaultValue) : "(required)";
            if (key.type == ConfigDef.Type.PASSWORD) {
                def = "(hidden)";
            }
            text.append(String.format("  %-34s %s (default: %s)%n      env %s. %s%n", key.name,
                    key.type.name().toLowerCase(Locale.ROOT), def, envName(key.name),
                    key.documentation == null ? "" : key.documentation));
        }
        text.append(String.format("  %-34s passed to every Kafka client, e.g. kafka.security.protocol%n      env %sKAFKA_*%n",
                KAFKA_PREFIX + "*", ENV_PREFIX));
        return text.toString();
    }

    /** The effective configuration with secrets masked, one {@code key=value} per line. */
    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>();
        values().forEach((key, value) -> shown.put(key, value instanceof Password ? Password.HIDDEN : value));
        kafkaOverrides.forEach((key, value) ->
                shown.put(KAFKA_PREFIX + key, SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches() ? Password.HIDDEN : value));
        StringBuilder text = new StringBuilder(stage).append(" config:");
        shown.forEach((key, value) -> text.append("\n  ").append(key).append('=').append(value));
        return text.toString();
    }

    private static Map<String, Object> fromEnvironment(ConfigDef definition, Map<String, String> env) {
        Map<String, Object> values = new HashMap<>();
        for (String key : definition.names()) {
            String value = env.get(envName(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        String kafkaEnv = ENV_PREFIX + "KAFKA_";
        env.forEach((name, value) -> {
            if (name.startsWith(kafkaEnv) && name.length() > kafkaEnv.length()) {
                values.put(KAFKA_PREFIX + name.substring(kafkaEnv.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return values;
    }

    private static void checkKnown(ConfigDef definition, Set<String> keys, String where) {
        for (String key : keys) {
            if (!definition.names().contains(key) && !key.startsWith(KAFKA_PREFIX)) {
                throw new ConfigException("Unknown configuration key '" + key + "' in " + where
                        + "; known keys: " + new TreeMap<>(definition.configKeys()).keySet()
                        + " and Kafka client settings under '" + KAFKA_PREFIX + "'");
            }
        }
    }

    private static Map<String, Object> withoutKafka(Map<String, ?> values) {
        Map<String, Object> own = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!key.startsWith(KAFKA_PREFIX)) {
                own.put(key, value);
            }
        });
        return own;
    }

    private static Map<String, String> kafkaKeys(Map<String, ?> values) {
        Map<String, String> kafka = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX) && value != null) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), String.valueOf(value));
            }
        });
        return Collections.unmodifiableMap(kafka);
    }
}
