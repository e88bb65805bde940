package dev.newsflow.enrich.topology;

import dev.newsflow.config.StageConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** Typed configuration of the enrich stage. */
public final class EnrichConfig extends StageConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String APPLICATION_ID = "application.id";
    public static final String NUM_STREAM_THREADS = "num.stream.threads";
    public static final String STATE_DIR = "state.dir";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String FAILURE_POLICY = "failure.policy";
    /** The engine's size limit, also checked before the engine is called. */
    public static final String MAX_ARTICLE_CHARS = dev.newsflow.enrich.engine.EngineSettings.MAX_CHARS;
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String HEALTH_GRACE_MS = "health.grace.ms";
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";
    public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_HOST = "http.host";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String DEDUP_ENABLED = "near.duplicates.enabled";
    public static final String DEDUP_HORIZON_MS = "near.duplicates.horizon.ms";
    public static final String DEDUP_THRESHOLD = "near.duplicates.threshold";

    public static final String POLICY_DLQ = "dlq";
    public static final String POLICY_FAIL = "fail";

    public static final ConfigDef DEFINITION = dev.newsflow.enrich.engine.EngineSettings.define(new ConfigDef())
            .define(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", Importance.HIGH,
                    "Kafka bootstrap servers.")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix before every topic name (side-by-side deployments, tests).")
            .define(APPLICATION_ID, Type.STRING, "newsflow-enrich", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application id: consumer group, transactional ids and internal topic prefix.")
            .define(NUM_STREAM_THREADS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
                    "Stream threads in this instance; all share one engine. Scale further with more instances (up to one per partition).")
            .define(STATE_DIR, Type.STRING, ".newsflow/enrich-state", Importance.MEDIUM,
                    "Directory for the local state store (restored from its changelog topic when missing).")
            .define(PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2", ValidString.in("exactly_once_v2", "at_least_once"),
                    Importance.MEDIUM, "Kafka Streams processing guarantee.")
            .define(FAILURE_POLICY, Type.STRING, POLICY_DLQ, ValidString.in(POLICY_DLQ, POLICY_FAIL), Importance.MEDIUM,
                    "What an engine failure does: 'dlq' dead-letters the record and goes on; 'fail' stops the application.")
            .define(HEALTH_GRACE_MS, Type.LONG, 60_000L, Range.atLeast(1000), Importance.LOW,
                    "How long (ms) a rebalance or a state restoration may last, or a restoration go without progress, before /health/ready answers 503 and /health reports STUCK.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1000L, Range.atLeast(10), Importance.LOW,
                    "How often a transaction commits (exactly-once) or offsets are committed: lower for fresher output, higher for throughput (each exactly-once commit holds the stream thread for a broker round trip).")
            .define(MAX_POLL_RECORDS, Type.INT, 50, Range.between(1, 10_000), Importance.LOW,
                    "Records per poll; small because each article takes tens of milliseconds to tag.")
            .define(TRANSACTION_TIMEOUT_MS, Type.INT, 120_000, Range.between(1_000, 900_000), Importance.LOW,
                    "Producer transaction timeout; Streams' own 10 s default is too short for a batch of long articles.")
            .define(MAX_POLL_INTERVAL_MS, Type.INT, 300_000, Range.atLeast(10_000), Importance.LOW,
                    "Longest time between polls before the consumer is considered dead.")
            .define(HTTP_PORT, Type.INT, 8081, Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of the /health and /metrics endpoint; 0 picks a free port, -1 turns it off.")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", Importance.LOW,
                    "Address the health endpoint binds to (0.0.0.0 in a container).")
            .define(REPLICATION_FACTOR, Type.SHORT, (short) 1, Importance.LOW,
                    "Replication factor of the topics this stage creates and of Streams' internal topics (3 on a production cluster).")
            .define(DEDUP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Mark near-duplicates (syndicated copies under another headline, trimmed, with another lead or page furniture): duplicateOf names the first-seen copy. Off: duplicateOf stays null.")
            .define(DEDUP_HORIZON_MS, Type.LONG, 7 * 24 * 3_600_000L, Range.atLeast(60_000), Importance.LOW,
                    "How far back (ms, by raw record time) a copy finds its original; fingerprints are kept this long in a changelog-backed store with retention.")
            .define(DEDUP_THRESHOLD, Type.DOUBLE, dev.newsflow.enrich.dedup.NearDuplicates.DEFAULT_THRESHOLD, Range.between(0.05, 1.0), Importance.LOW,
                    "Share of the shorter text's word shingles the other must have for a near-duplicate (verification after the MinHash candidates).");

    public EnrichConfig(Map<String, ?> values) {
        super("enrich", DEFINITION, values);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public boolean failOnEngineError() {
        return POLICY_FAIL.equals(getString(FAILURE_POLICY));
    }
}
