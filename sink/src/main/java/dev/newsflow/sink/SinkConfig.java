package dev.newsflow.sink;

import dev.newsflow.config.StageConfig;
import dev.newsflow.http.HttpGuard;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.sink.top.WindowSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/** Typed configuration of the sink stage (storage topology and query API). */
public final class SinkConfig extends StageConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String APPLICATION_ID = "application.id";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ALLOWED_HOSTS = HttpGuard.ALLOWED_HOSTS;
    public static final String APPLICATION_SERVER = "application.server";
    public static final String STATE_DIR = "state.dir";
    public static final String NUM_STREAM_THREADS = "num.stream.threads";
    public static final String NUM_STANDBY_REPLICAS = "num.standby.replicas";
    public static final String PROCESSING_GUARANTEE = "processing.guarantee";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String REPLICATION_FACTOR = "replication.factor";
    public static final String ENTITY_INDEX_MAX_ARTICLES = "entity.index.max.articles";
    public static final String ENTITY_COUNT_COPIES = "entity.count.copies";
    public static final String WINDOW_RETENTION_MS = "window.retention.ms";
    public static final String WINDOW_GRACE_MS = "window.grace.ms";
    public static final String FORWARD_TIMEOUT_MS = "query.forward.timeout.ms";
    public static final String TOP_WINDOWS = "top.windows";
    public static final String TOP_REFRESH_MS = "top.refresh.ms";
    public static final String HEALTH_GRACE_MS = "health.grace.ms";

    private static final long DAY = Duration.ofDays(1).toMillis();

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka brokers to connect to (host:port, comma-separated).")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix before every topic name (news.articles.enriched, news.entities.*); for side-by-side deployments.")
            .define(APPLICATION_ID, Type.STRING, "newsflow-sink", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka Streams application id: instances with the same id share the stores; it prefixes changelog topics.")
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Address the query API binds to; 0.0.0.0 to accept connections from other machines (docker).")
            .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
                    "Port of the query API; 0 picks a free port.")
            .define(HTTP_ALLOWED_HOSTS, Type.LIST, "", Importance.LOW, HttpGuard.ALLOWED_HOSTS_DOC)
            .define(APPLICATION_SERVER, Type.STRING, "", Importance.MEDIUM,
                    "host:port other instances use to reach this one's API; empty = http.host (the host name when "
                            + "http.host is 0.0.0.0) and the bound port.")
            .define(STATE_DIR, Type.STRING, Path.of(".newsflow", "sink-state").toString(),
                    new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Directory of the local state stores (a cache: everything is restored from changelog topics).")
            .define(NUM_STREAM_THREADS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
                    "Kafka Streams processing threads.")
            .define(NUM_STANDBY_REPLICAS, Type.INT, 0, Range.between(0, 8), Importance.LOW,
                    "Warm copies of each store kept on other instances for fast fail-over.")
            .define(PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2",
                    ValidString.in("exactly_once_v2", "at_least_once"), Importance.MEDIUM,
                    "exactly_once_v2 applies every article to the index and aggregates exactly once; at_least_once is "
                            + "faster but may count an article twice after a crash.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1000L, Range.atLeast(10), Importance.LOW,
                    "How often Streams commits (and, with exactly-once, how late output topics see updates).")
            .define(REPLICATION_FACTOR, Type.INT, -1, Range.between(-1, 32767), Importance.LOW,
                    "Replication factor of topics the sink creates (outputs, changelogs); -1 = the broker default.")
            .define(ENTITY_INDEX_MAX_ARTICLES, Type.INT, 100, Range.between(1, 10_000), Importance.MEDIUM,
                    "Most recent articles kept per entity in the entity index.")
            .define(ENTITY_COUNT_COPIES, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Count near-duplicate copies (articles whose duplicateOf is set) in entity totals, recent articles, "
                            + "sentiment series and top entities; false counts a story once, under its first-seen copy, "
                            + "and lists the copies under it in GET /articles/{id}.")
            .define(WINDOW_RETENTION_MS, Type.LONG, Duration.ofDays(30).toMillis(), Range.atLeast(DAY), Importance.MEDIUM,
                    "How long hourly and daily sentiment windows are kept (ms); at least one day plus the grace period.")
            .define(WINDOW_GRACE_MS, Type.LONG, Duration.ofHours(6).toMillis(), Range.atLeast(0), Importance.MEDIUM,
                    "How late (ms, by publication time behind the newest article seen) an article may arrive and still "
                            + "count in its sentiment windows; later ones are stored and indexed but not aggregated.")
            .define(FORWARD_TIMEOUT_MS, Type.INT, 5000, Range.between(100, 120_000), Importance.LOW,
                    "Timeout (ms) of a query forwarded to the instance that owns the key.")
            .define(TOP_WINDOWS, Type.LIST, "24h,7d", new WindowList(), Importance.MEDIUM,
                    "Windows of GET /entities/top whose per-entity totals each instance keeps ready, updated with "
                            + "every article, so they answer without scanning; other windows scan the sentiment "
                            + "windows. Windows longer than window.retention.ms are left out.")
            .define(HEALTH_GRACE_MS, Type.LONG, 60_000L, Range.atLeast(1000), Importance.LOW,
                    "How long (ms) a rebalance or a state restoration may last, or a restoration go without progress, before /health/ready answers 503 and /health reports STUCK.")
            .define(TOP_REFRESH_MS, Type.LONG, 1000L, Range.between(100, 60_000), Importance.LOW,
                    "How often (ms, wall clock) the kept top.windows totals move on to the current hour or day; "
                            + "in the moment between a window boundary and that move, /entities/top scans instead.");

    /** Validates window lengths like 24h or 7d. */
    private static final class WindowList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object item : (List<?>) value) {
                if (WindowSpan.length(String.valueOf(item)).isEmpty()) {
                    throw new ConfigException(name, value, "'" + item + "' is not a window length like 90m, 24h or 7d");
                }
            }
        }

        @Override
        public String toString() {
            return "window lengths like 90m, 24h, 7d";
        }
    }

    public SinkConfig(Map<String, ?> values) {
        super("sink", DEFINITION, values);
        if (windowRetention().toMillis() < DAY + windowGrace().toMillis()) {
            throw new ConfigException(WINDOW_RETENTION_MS, windowRetention().toMillis(),
                    "must be at least one day plus " + WINDOW_GRACE_MS + " (" + (DAY + windowGrace().toMillis())
                            + " ms) so a daily window outlives its grace period");
        }
        String server = getString(APPLICATION_SERVER);
        if (!server.isEmpty() && !server.matches("[^:\\s]+:\\d{1,5}")) {
            throw new ConfigException(APPLICATION_SERVER, server, "must be host:port");
        }
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public NewsTopics newsTopics() {
        return NewsTopics.withPrefix(getString(TOPIC_PREFIX));
    }

    public SinkTopics sinkTopics() {
        return SinkTopics.withPrefix(getString(TOPIC_PREFIX), windowRetention());
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public String httpHost() {
        return getString(HTTP_HOST);
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    public String applicationServer() {
        return getString(APPLICATION_SERVER);
    }

    /**
     * Host names the query API answers to: {@link #HTTP_ALLOWED_HOSTS} (or the loopback names), http.host, the
     * application.server host, and this machine's name when http.host is a wildcard (it is then advertised).
     */
    public java.util.Set<String> allowedHosts() {
        String advertised = applicationServer().isEmpty() ? "" : applicationServer().replaceFirst(":\\d+$", "");
        String machine = "";
        if ("0.0.0.0".equals(httpHost()) || "::".equals(httpHost())) {
            try {
                machine = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                machine = "";
            }
        }
        return HttpGuard.allowedHosts(getList(HTTP_ALLOWED_HOSTS), httpHost(), advertised, machine);
    }

    public int entityIndexMaxArticles() {
        return getInt(ENTITY_INDEX_MAX_ARTICLES);
    }

    public boolean countCopies() {
        return getBoolean(ENTITY_COUNT_COPIES);
    }

    public Duration windowRetention() {
        return Duration.ofMillis(getLong(WINDOW_RETENTION_MS));
    }

    public Duration windowGrace() {
        return Duration.ofMillis(getLong(WINDOW_GRACE_MS));
    }

    public Duration forwardTimeout() {
        return Duration.ofMillis(getInt(FORWARD_TIMEOUT_MS));
    }

    /** The {@link #TOP_WINDOWS} within the window retention, without repeats. */
    public List<Duration> topWindows() {
        return getList(TOP_WINDOWS).stream()
                .map(item -> WindowSpan.length(item).orElseThrow())
                .filter(window -> window.compareTo(windowRetention()) <= 0)
                .distinct()
                .toList();
    }

    public Duration topRefresh() {
        return Duration.ofMillis(getLong(TOP_REFRESH_MS));
    }

    public short replicationFactor() {
        return getInt(REPLICATION_FACTOR).shortValue();
    }
}
