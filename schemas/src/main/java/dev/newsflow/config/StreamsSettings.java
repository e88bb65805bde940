package dev.newsflow.config;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams keys the Streams stages (enrich, sink) share, defined once, and the one
 * builder of their Streams settings: the services and their topology tests start from the same
 * {@link #of} and add only what is the stage's own.
 */
public final class StreamsSettings {
    public static final String APPLICATION_ID = "application.id";
    public static final String STATE_DIR = "state.dir";
    public static final String NUM_STREAM_THREADS = "num.stream.threads";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String HEALTH_GRACE_MS = "health.grace.ms";

    private StreamsSettings() {
    }

    /** Adds the Streams keys, with the stage's own default application id and state directory. */
    public static ConfigDef withStreamsKeys(ConfigDef definition, String applicationId, String stateDir) {
        return definition
                .define(APPLICATION_ID, ConfigDef.Type.STRING, applicationId, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.HIGH, "Kafka Streams application id: the consumer group, the transactional ids "
                                + "and the prefix of internal topics. Instances with the same id share the work (and, for the "
                                + "sink, the stores).")
                .define(STATE_DIR, ConfigDef.Type.STRING, stateDir, new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM,
                        "Directory of the local state stores, a cache restored from changelog topics when missing. Two "
                                + "instances must not share one.")
                .define(NUM_STREAM_THREADS, ConfigDef.Type.INT, 1, ConfigDef.Range.between(1, 64), ConfigDef.Importance.MEDIUM,
                        "Kafka Streams threads in this instance; scale further with more instances (up to one per input "
                                + "partition).")
                .define(PROCESSING_GUARANTEE, ConfigDef.Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                        ConfigDef.ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                        ConfigDef.Importance.MEDIUM, "exactly_once_v2 commits each record's outputs, store updates and dead "
                                + "letters once; at_least_once is faster but may apply a record twice after a crash.")
                .define(COMMIT_INTERVAL_MS, ConfigDef.Type.LONG, 1000L, ConfigDef.Range.atLeast(10), ConfigDef.Importance.LOW,
                        "How often Kafka Streams commits (with exactly-once, how late output topics see updates): lower for "
                                + "fresher output, higher for throughput (each exactly-once commit holds the stream thread for "
                                + "a broker round trip).")
                .define(HEALTH_GRACE_MS, ConfigDef.Type.LONG, 60_000L, ConfigDef.Range.atLeast(1000), ConfigDef.Importance.LOW,
                        "How long (ms) a rebalance or a state restoration may last, or a restoration go without progress, "
                                + "before /health/ready answers 503 and /health reports STUCK.");
    }

    /**
     * The Streams settings every Streams stage uses: the {@code kafka.*} client settings, bootstrap servers,
     * application id, state directory, threads, processing guarantee, commit interval, replication factor of internal
     * topics, the processing exception handler on global threads too, and static membership (the group instance id
     * kept in the state directory, so a restarted instance takes its old place at once).
     */
    public static Properties of(StageConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafkaClientConfig(config.bootstrapServers()));
        String applicationId = config.applicationId();
        String stateDir = config.getString(STATE_DIR);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(NUM_STREAM_THREADS));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.getString(PROCESSING_GUARANTEE));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                StreamsMembership.groupInstanceId(Path.of(stateDir), applicationId));
        return props;
    }
}
