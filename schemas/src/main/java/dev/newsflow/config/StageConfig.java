package dev.newsflow.config;

import dev.newsflow.schemas.BrokerCheck;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.format.TopicSerdes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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

    // Keys every stage has, defined once in withCommonKeys.
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** Topic prefix within the deployment (tests, custom naming); see {@link #topicPrefix()}. */
    public static final String TOPIC_PREFIX = "topic.prefix";
    /** Kafka Streams application id within the deployment; see {@link #applicationId()}. */
    public static final String APPLICATION_ID = StreamsSettings.APPLICATION_ID;
    public static final String TOPIC_PARTITIONS = NewsTopics.PARTITIONS_KEY;
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ALLOWED_HOSTS = "http.allowed.hosts";
    public static final String HTTP_CORS_ORIGINS = "http.cors.origins";
    public static final String HTTP_CORS_ORIGINS_DOC = "Web origins (scheme://host[:port]) whose pages may read this "
            + "server's answers from a browser (CORS for GET and HEAD, the Authorization header allowed); * = any origin. "
            + "Writes stay same-origin. Empty = off.";
    public static final String LOG_LEVEL = "log.level";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String HTTP_ALLOWED_HOSTS_DOC = "Names the HTTP server answers to in the Host header (without port), "
            + "besides its own http.host (unless 0.0.0.0) and, for the sink, its application.server host; other names get "
            + "403, so a web page cannot reach the server through DNS rebinding. Empty = localhost, 127.0.0.1 and ::1; "
            + "* = any name.";
    /** Environment variables NewsFlow reads that are not configuration keys (the launcher's). */
    public static final Set<String> OTHER_ENVIRONMENT = Set.of(ENV_PREFIX + "JAVA_OPTS");
    private static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|jaas|credential|token|key\\.pem|keystore\\.key).*");

    private final String stage;
    private final Map<String, String> kafkaOverrides;
    private final TopicSerdes topicSerdes;

    protected StageConfig(String stage, ConfigDef definition, Map<String, ?> values) {
        super(definition, withoutKafka(values), false);
        this.stage = stage;
        this.kafkaOverrides = kafkaKeys(values);
        // Checked here, so avro-registry without a registry URL fails when the configuration is read.
        this.topicSerdes = definition.names().contains(TopicSerdes.VALUE_FORMAT) ? TopicSerdes.from(this) : TopicSerdes.avro();
    }

    /**
     * Adds the keys every stage shares, with one name, type, default and meaning everywhere: Kafka
     * bootstrap servers, topic prefix, replication factor, the stage's HTTP server and the log level.
     *
     * @param httpPort    the stage's default port
     * @param httpServes  what the stage's HTTP server serves, for the docs
     * @param canTurnOff  whether -1 turns the server off (not for the sink: its query API is its purpose)
     */
    public static ConfigDef withCommonKeys(ConfigDef definition, int httpPort, String httpServes, boolean canTurnOff) {
        definition
                .define(BOOTSTRAP_SERVERS, ConfigDef.Type.STRING, DEFAULT_BOOTSTRAP_SERVERS, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.HIGH, "Kafka brokers, host:port[,host:port].")
                .define(TOPIC_PREFIX, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                        "Prefix before every topic name, after the deployment's (tests, custom naming); it does not "
                                + "isolate deployments: deployment does.")
                .define(NewsTopics.PARTITIONS_KEY, ConfigDef.Type.INT, NewsTopics.DEFAULT_PARTITIONS,
                        ConfigDef.Range.between(1, 10_000), ConfigDef.Importance.MEDIUM, NewsTopics.PARTITIONS_DOC)
                .define(REPLICATION_FACTOR, ConfigDef.Type.SHORT, (short) -1, new ReplicationFactor(), ConfigDef.Importance.MEDIUM,
                        "Replication factor of the topics this stage creates (for Kafka Streams stages, of their internal "
                                + "topics too); -1 = the broker's default.replication.factor (1 on the embedded broker; 3 on a "
                                + "production cluster).")
                .define(HTTP_HOST, ConfigDef.Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM,
                        "Address the HTTP server binds to (0.0.0.0 in a container).")
                .define(HTTP_PORT, ConfigDef.Type.INT, httpPort, ConfigDef.Range.between(-1, 65535), ConfigDef.Importance.MEDIUM,
                        "Port of " + httpServes + ", with /health, /health/live, /health/ready and /metrics; 0 = any free "
                                + "port" + (canTurnOff ? ", -1 = off." : "."))
                .define(HTTP_ALLOWED_HOSTS, ConfigDef.Type.LIST, "", ConfigDef.Importance.LOW, HTTP_ALLOWED_HOSTS_DOC)
                .define(HTTP_CORS_ORIGINS, ConfigDef.Type.LIST, "", new CorsOrigins(), ConfigDef.Importance.LOW,
                        HTTP_CORS_ORIGINS_DOC);
        return withLogLevel(TopicSerdes.define(BrokerCheck.define(Deployment.define(definition))));
    }

    /** Adds the log level key (every stage has it through {@link #withCommonKeys}; {@code run} has it too). */
    public static ConfigDef withLogLevel(ConfigDef definition) {
        return definition.define(LOG_LEVEL, ConfigDef.Type.STRING, "INFO", new LogLevel(), ConfigDef.Importance.LOW,
                "Level of NewsFlow's own log: " + String.join(", ", LEVELS) + ". Kafka and other libraries log "
                        + "errors only, warnings too at DEBUG or TRACE; flag --log-level.");
    }

    /** Each entry * or an origin: http or https, a host, an optional port, nothing else. */
    private static final class CorsOrigins implements ConfigDef.Validator {
        private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");

        @Override
        public void ensureValid(String name, Object value) {
            for (Object entry : (List<?>) value) {
                String origin = entry.toString().strip();
                if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                    throw new ConfigException(name, value, "'" + origin + "' is not an origin like https://news.example:8443 (or *)");
                }
            }
        }

        @Override
        public String toString() {
            return "origins like https://news.example:8443, or *";
        }
    }

    /** -1 (the broker's default) or at least 1. */
    private static final class ReplicationFactor implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            short n = ((Number) value).shortValue();
            if (n == 0 || n < -1) {
                throw new ConfigException(name, value, "must be -1 (the broker's default) or at least 1");
            }
        }

        @Override
        public String toString() {
            return "-1 or [1,...]";
        }
    }

    /** A log level name, any case. */
    private static final class LogLevel implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !LEVELS.contains(value.toString().toUpperCase(Locale.ROOT))) {
                throw new ConfigException(name, value, "must be one of " + LEVELS);
            }
        }

        @Override
        public String toString() {
            return String.join(", ", LEVELS);
        }
    }

    /** The Kafka bootstrap servers. */
    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    /** The replication factor of topics this stage creates; -1 = the broker's default. */
    public short replicationFactor() {
        return getShort(REPLICATION_FACTOR);
    }

    /** The level of NewsFlow's own log, upper case. */
    public String logLevel() {
        return getString(LOG_LEVEL).toUpperCase(Locale.ROOT);
    }

    /**
     * Environment variables that look like NewsFlow's ({@code NEWSFLOW_*}) but set no key of any of
     * {@code definitions}, are no Kafka pass-through ({@code NEWSFLOW_KAFKA_*}) and are not read by
     * the launcher: most likely misspelt. One line each, to be logged as warnings.
     */
    public static List<String> unknownEnvironment(Map<String, String> env, Collection<ConfigDef> definitions) {
        Set<String> known = new HashSet<>(OTHER_ENVIRONMENT);
        definitions.forEach(d -> d.names().forEach(key -> known.add(envName(key))));
        return env.keySet().stream()
                .filter(name -> name.startsWith(ENV_PREFIX) && !name.startsWith(ENV_PREFIX + "KAFKA_") && !known.contains(name))
                .sorted()
                .map(name -> "Environment variable " + name + " sets no NewsFlow setting (misspelt?); it is ignored")
                .toList();
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
        return withDurations(definition, merged);
    }

    /**
     * Lets every {@code *.ms} key take the one duration syntax ({@link Durations}) besides a
     * number of milliseconds: {@code window.grace.ms=6h} or {@code PT6H} is 21600000.
     */
    private static Map<String, Object> withDurations(ConfigDef definition, Map<String, Object> values) {
        values.replaceAll((key, value) -> {
            ConfigDef.ConfigKey def = definition.configKeys().get(key);
            if (def == null || !key.endsWith(".ms") || !(value instanceof String text)
                    || (def.type != ConfigDef.Type.LONG && def.type != ConfigDef.Type.INT) || text.strip().matches("-?\\d+")) {
                return value;
            }
            java.time.Duration duration = Durations.parse(text).orElseThrow(() ->
                    new ConfigException(key, text, "must be milliseconds or " + Durations.SYNTAX));
            long millis = duration.toMillis();
            if (def.type == ConfigDef.Type.INT) {
                if (millis > Integer.MAX_VALUE) {
                    throw new ConfigException(key, text, "is longer than " + Integer.MAX_VALUE + " ms");
                }
                return String.valueOf((int) millis);
            }
            return String.valueOf(millis);
        });
        return values;
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

    /** The one serde factory of the deployment's topic values ({@code value.format}). */
    public TopicSerdes topicSerdes() {
        return topicSerdes;
    }

    /** The NewsFlow article topics with this stage's prefix, partition count and value format. */
    public NewsTopics newsTopics() {
        return NewsTopics.of(topicPrefix(), getInt(TOPIC_PARTITIONS), topicSerdes);
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
