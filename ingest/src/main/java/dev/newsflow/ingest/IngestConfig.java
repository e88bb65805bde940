package dev.newsflow.ingest;

import dev.newsflow.config.ArticleLimit;
import dev.newsflow.config.StageConfig;
import dev.newsflow.schemas.format.TopicSerdes;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.ingest.fetch.FetchSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Typed configuration of the ingest stage (see {@link #DEFINITION} for every key). */
public final class IngestConfig extends StageConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String TOPIC_REPLICATION = "topic.replication.factor";
    public static final String FEEDS = "feeds";
    public static final String INPUTS = "inputs";
    public static final String INPUT_SCAN_INTERVAL_MS = "input.scan.interval.ms";
    public static final String STDIN = "stdin";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_MAX_BODY_BYTES = "http.max.body.bytes";
    public static final String HTTP_ALLOWED_HOSTS = HttpGuard.ALLOWED_HOSTS;
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String POLL_JITTER = "poll.jitter";
    public static final String BACKOFF_MAX_MS = "backoff.max.ms";
    public static final String ALLOW_PRIVATE = "allow.private.addresses";
    public static final String USER_AGENT = "user.agent";
    public static final String FETCH_CONNECT_TIMEOUT_MS = "fetch.connect.timeout.ms";
    public static final String FETCH_TIMEOUT_MS = "fetch.timeout.ms";
    public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
    public static final String FETCH_MAX_REDIRECTS = "fetch.max.redirects";
    public static final String FETCH_HOST_INTERVAL_MS = "fetch.host.interval.ms";
    public static final String FETCH_THREADS = "fetch.threads";
    public static final String FULLTEXT_ENABLED = "fulltext.enabled";
    public static final String FULLTEXT_MIN_CHARS = "fulltext.min.chars";
    public static final String DEDUP_ENABLED = "dedup.enabled";
    public static final String DEDUP_REBUILD = "dedup.rebuild.from.topic";
    public static final String ARTICLE_MAX_CHARS = ArticleLimit.INGEST_KEY;
    public static final String LANGUAGE_DETECT = "language.detect";
    public static final String MAX_IN_FLIGHT = "producer.max.in.flight.records";
    public static final String STATS_LOG_INTERVAL_MS = "stats.log.interval.ms";

    public static final ConfigDef DEFINITION = TopicSerdes.define(new ConfigDef())
            .define(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", Importance.HIGH, "Kafka brokers, host:port[,host:port].")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW, "Prefix before every topic name (isolated deployments, tests).")
            .define(TOPIC_REPLICATION, Type.SHORT, (short) -1, Importance.LOW,
                    "Replication factor when ingest creates the raw topic; -1 = the broker's default.replication.factor (1 on the embedded broker).")
            .define(FEEDS, Type.LIST, "", Importance.HIGH,
                    "Feeds to poll: RSS/Atom URLs, text files of URLs (one a line, # comments) or OPML files.")
            .define(INPUTS, Type.LIST, "", Importance.HIGH,
                    "Files or directories of articles (.txt plain text, .json, .jsonl/.ndjson, .html/.htm saved pages); directories are watched for new files.")
            .define(INPUT_SCAN_INTERVAL_MS, Type.LONG, 2000L, Range.atLeast(100), Importance.LOW,
                    "How often watched directories are scanned for new files (continuous mode).")
            .define(STDIN, Type.BOOLEAN, false, Importance.MEDIUM, "Read JSON Lines articles from standard input.")
            .define(HTTP_PORT, Type.INT, -1, Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of the push endpoint POST /articles; -1 = off, 0 = any free port.")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", Importance.LOW, "Address the push endpoint binds to (0.0.0.0 in containers).")
            .define(HTTP_ALLOWED_HOSTS, Type.LIST, "", Importance.LOW, HttpGuard.ALLOWED_HOSTS_DOC)
            .define(HTTP_MAX_BODY_BYTES, Type.INT, 5 * 1024 * 1024, Range.atLeast(1024), Importance.LOW,
                    "Largest request the push endpoint accepts (larger: 413).")
            .define(POLL_INTERVAL_MS, Type.LONG, 300_000L, Range.atLeast(100), Importance.MEDIUM, "Interval between polls of one feed.")
            .define(POLL_JITTER, Type.DOUBLE, 0.1, Range.between(0.0, 1.0), Importance.LOW,
                    "Random spread of each feed's interval, as a fraction (0.1 = +/-10%).")
            .define(BACKOFF_MAX_MS, Type.LONG, 3_600_000L, Range.atLeast(100), Importance.LOW,
                    "Longest wait after repeated failures of one feed (exponential backoff from poll.interval.ms); also caps a server's Retry-After.")
            .define(ALLOW_PRIVATE, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Allow fetching from loopback and private addresses (SSRF guard off; for tests and intranet feeds).")
            .define(USER_AGENT, Type.STRING, "NewsFlow/0.1 (+https://github.com/newsflow/newsflow)", Importance.LOW,
                    "User-Agent header of every request.")
            .define(FETCH_CONNECT_TIMEOUT_MS, Type.INT, 5_000, Range.atLeast(1), Importance.LOW, "Connect timeout per request.")
            .define(FETCH_TIMEOUT_MS, Type.INT, 20_000, Range.atLeast(1), Importance.LOW,
                    "Deadline for a whole fetch, redirects and body included (stops slow-drip servers).")
            .define(FETCH_MAX_BYTES, Type.INT, 5 * 1024 * 1024, Range.atLeast(1024), Importance.LOW,
                    "Largest feed or page accepted, on the wire and after decompression.")
            .define(FETCH_MAX_REDIRECTS, Type.INT, 5, Range.between(0, 20), Importance.LOW, "Redirects followed per fetch.")
            .define(FETCH_HOST_INTERVAL_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "Minimum time between two requests to the same host (per-host rate limit); 0 = none.")
            .define(FETCH_THREADS, Type.INT, 8, Range.between(1, 256), Importance.LOW, "Feeds fetched in parallel.")
            .define(FULLTEXT_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Fetch the article page when a feed item carries only a summary.")
            .define(FULLTEXT_MIN_CHARS, Type.INT, 600, Range.atLeast(0), Importance.LOW,
                    "Feed text shorter than this counts as a summary and the page is fetched.")
            .define(DEDUP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Skip articles already published with the same content hash.")
            .define(DEDUP_REBUILD, Type.BOOLEAN, true, Importance.LOW,
                    "At start, rebuild the dedup index by reading the compacted raw topic.")
            .define(ARTICLE_MAX_CHARS, Type.INT, ArticleLimit.DEFAULT_MAX_CHARS, Range.atLeast(100), Importance.MEDIUM,
                    "Longest article body (characters): feed and file articles are cut at a paragraph boundary, pushed ones "
                    + "refused with 413. Keep it at or below enrich's engine.max.chars, or enrich dead-letters longer ones.")
            .define(LANGUAGE_DETECT, Type.BOOLEAN, true, Importance.LOW, "Detect the language when the source does not give it.")
            .define(MAX_IN_FLIGHT, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                    "Records sent but not yet acknowledged before sources wait (bounds memory while the broker is away).")
            .define(STATS_LOG_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(100), Importance.LOW,
                    "How often continuous mode logs a summary of the counts.");

    private final TopicSerdes topicSerdes;

    public IngestConfig(Map<String, ?> values) {
        super("ingest", DEFINITION, values);
        this.topicSerdes = TopicSerdes.from(this);
        if (getInt(HTTP_PORT) == -1 && feeds().isEmpty() && inputs().isEmpty() && !getBoolean(STDIN)) {
            // Allowed (the service then has nothing to do), but say so.
            org.slf4j.LoggerFactory.getLogger(IngestConfig.class).warn(
                    "No source configured: set {}, {}, {} or {}", FEEDS, INPUTS, STDIN, HTTP_PORT);
        }
        short replication = getShort(TOPIC_REPLICATION);
        if (replication == 0 || replication < -1) {
            throw new ConfigException(TOPIC_REPLICATION, replication, "must be -1 (broker default) or at least 1");
        }
    }

    /** The one serde factory of the deployment's topic values ({@code value.format}). */
    public TopicSerdes topicSerdes() {
        return topicSerdes;
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public List<String> feeds() {
        return getList(FEEDS).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> inputs() {
        return getList(INPUTS).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Host names the push endpoint answers to (see {@link HttpGuard#allowedHosts}). */
    public java.util.Set<String> allowedHosts() {
        return HttpGuard.allowedHosts(getList(HTTP_ALLOWED_HOSTS), getString(HTTP_HOST));
    }

    public FetchSettings fetchSettings() {
        return new FetchSettings(getString(USER_AGENT), Duration.ofMillis(getInt(FETCH_CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(getInt(FETCH_TIMEOUT_MS)), getInt(FETCH_MAX_BYTES), getInt(FETCH_MAX_REDIRECTS),
                getBoolean(ALLOW_PRIVATE), Duration.ofMillis(getLong(FETCH_HOST_INTERVAL_MS)));
    }
}
