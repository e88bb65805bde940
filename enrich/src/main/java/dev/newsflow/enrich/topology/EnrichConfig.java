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

    public static final String POLICY_DLQ = "dlq";
    public static final String POLICY_FAIL = "fail";

    public static final ConfigDef DEFINITION = withCommonKeys(
            dev.newsflow.enrich.engine.EngineSettings.define(new ConfigDef()), 8081, "the enrich stage's health and metrics server", true)
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
                    "Longest time between polls before the consumer is considered dead.");

    public EnrichConfig(Map<String, ?> values) {
        super("enrich", DEFINITION, values);
    }

    public boolean failOnEngineError() {
        return POLICY_FAIL.equals(getString(FAILURE_POLICY));
    }
}
