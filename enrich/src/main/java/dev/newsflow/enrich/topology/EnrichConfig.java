package dev.newsflow.enrich.topology;

import dev.newsflow.config.StageConfig;
import dev.newsflow.config.StreamsSettings;
import dev.newsflow.http.HttpGuard;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/** Typed configuration of the enrich stage. */
public final class EnrichConfig extends StageConfig {
    public static final String APPLICATION_ID = StreamsSettings.APPLICATION_ID;
    public static final String NUM_STREAM_THREADS = StreamsSettings.NUM_STREAM_THREADS;
    public static final String STATE_DIR = StreamsSettings.STATE_DIR;
    public static final String PROCESSING_GUARANTEE = StreamsSettings.PROCESSING_GUARANTEE;
    public static final String FAILURE_POLICY = "failure.policy";
    /** The engine's size limit, also checked before the engine is called. */
    public static final String MAX_ARTICLE_CHARS = dev.newsflow.enrich.engine.EngineSettings.MAX_CHARS;
    public static final String COMMIT_INTERVAL_MS = StreamsSettings.COMMIT_INTERVAL_MS;
    public static final String HEALTH_GRACE_MS = StreamsSettings.HEALTH_GRACE_MS;
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final String TRANSACTION_TIMEOUT_MS = "transaction.timeout.ms";
    public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";
    public static final String DEDUP_ENABLED = "near.duplicates.enabled";
    public static final String DEDUP_HORIZON_MS = "near.duplicates.horizon.ms";
    public static final String DEDUP_THRESHOLD = "near.duplicates.threshold";
    public static final String HTTP_AUTH_TOKEN = HttpGuard.AUTH_TOKEN;

    public static final String POLICY_DLQ = "dlq";
    public static final String POLICY_FAIL = "fail";

    public static final ConfigDef DEFINITION = StreamsSettings.withStreamsKeys(withCommonKeys(
            dev.newsflow.enrich.engine.EngineSettings.define(new ConfigDef()), 8081, "the enrich stage's health and metrics server", true),
                    "newsflow-enrich", ".newsflow/enrich-state")
            .define(HTTP_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM, HttpGuard.AUTH_TOKEN_DOC)
            .define(FAILURE_POLICY, Type.STRING, POLICY_DLQ, ValidString.in(POLICY_DLQ, POLICY_FAIL), Importance.MEDIUM,
                    "What an engine failure does: 'dlq' dead-letters the record and goes on; 'fail' stops the application.")
            .define(MAX_POLL_RECORDS, Type.INT, 50, Range.between(1, 10_000), Importance.LOW,
                    "Records per poll; small because each article takes tens of milliseconds to tag.")
            .define(TRANSACTION_TIMEOUT_MS, Type.INT, 120_000, Range.between(1_000, 900_000), Importance.LOW,
                    "Producer transaction timeout; Streams' own 10 s default is too short for a batch of long articles.")
            .define(MAX_POLL_INTERVAL_MS, Type.INT, 300_000, Range.atLeast(10_000), Importance.LOW,
                    "Longest time between polls before the consumer is considered dead.")
            .define(DEDUP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Mark near-duplicates (syndicated copies under another headline, trimmed, with another lead or page furniture): duplicateOf names the first-seen copy. Off: duplicateOf stays null.")
            .define(DEDUP_HORIZON_MS, Type.LONG, 7 * 24 * 3_600_000L, Range.atLeast(60_000), Importance.LOW,
                    "How far back (ms, by raw record time) a copy finds its original; fingerprints are kept this long in the band index every instance holds (its topic keeps them a day longer).")
            .define(DEDUP_THRESHOLD, Type.DOUBLE, dev.newsflow.enrich.dedup.NearDuplicates.DEFAULT_THRESHOLD, Range.between(0.05, 1.0), Importance.LOW,
                    "Share of the shorter text's word shingles the other must have for a near-duplicate (verification after the MinHash candidates).");

    public EnrichConfig(Map<String, ?> values) {
        super("enrich", DEFINITION, values);
        String tokenProblem = HttpGuard.tokenProblem(authToken());
        if (tokenProblem != null) {
            throw new ConfigException(HTTP_AUTH_TOKEN + " " + tokenProblem);
        }
    }

    /** The bearer token /metrics requires (the health probes stay open); empty for none. */
    public String authToken() {
        return getPassword(HTTP_AUTH_TOKEN).value();
    }

    public boolean failOnEngineError() {
        return POLICY_FAIL.equals(getString(FAILURE_POLICY));
    }
}
