package dev.newsflow.sink;

import dev.newsflow.config.StageConfig;
import dev.newsflow.config.StreamsSettings;
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
import org.apache.kafka.common.config.ConfigException;

/** Typed configuration of the sink stage (storage topology and query API). */
public final class SinkConfig extends StageConfig {
    public static final String APPLICATION_ID = StreamsSettings.APPLICATION_ID;
    public static final String HTTP_AUTH_TOKEN = HttpGuard.AUTH_TOKEN;
    public static final String APPLICATION_SERVER = "application.server";
    public static final String STATE_DIR = StreamsSettings.STATE_DIR;
    public static final String NUM_STREAM_THREADS = StreamsSettings.NUM_STREAM_THREADS;
    public static final String NUM_STANDBY_REPLICAS = "num.standby.replicas";
    public static final String PROCESSING_GUARANTEE = StreamsSettings.PROCESSING_GUARANTEE;
    public static final String COMMIT_INTERVAL_MS = StreamsSettings.COMMIT_INTERVAL_MS;
    public static final String ENTITY_INDEX_MAX_ARTICLES = "entity.index.max.articles";
    public static final String ENTITY_COUNT_COPIES = "entity.count.copies";
    public static final String ENTITY_ALIAS_DICTIONARY = "entity.alias.dictionary";
    public static final String WINDOW_RETENTION_MS = "window.retention.ms";
    public static final String WINDOW_GRACE_MS = "window.grace.ms";
    public static final String FORWARD_TIMEOUT_MS = "query.forward.timeout.ms";
    public static final String TOP_WINDOWS = "top.windows";
    public static final String TOP_REFRESH_MS = "top.refresh.ms";
    public static final String HEALTH_GRACE_MS = StreamsSettings.HEALTH_GRACE_MS;

    private static final long DAY = Duration.ofDays(1).toMillis();

    public static final ConfigDef DEFINITION = StreamsSettings.withStreamsKeys(
            withCommonKeys(new ConfigDef(), 8080, "the query API", false), "newsflow-sink", Path.of(".newsflow", "sink-state").toString())
            .define(HTTP_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM, HttpGuard.AUTH_TOKEN_DOC)
            .define(APPLICATION_SERVER, Type.STRING, "", Importance.MEDIUM,
                    "host:port other instances use to reach this one's API; empty = http.host (the host name when "
                            + "http.host is 0.0.0.0) and the bound port.")
            .define(NUM_STANDBY_REPLICAS, Type.INT, 0, Range.between(0, 8), Importance.LOW,
                    "Warm copies of each store kept on other instances for fast fail-over.")
            .define(ENTITY_INDEX_MAX_ARTICLES, Type.INT, 100, Range.between(1, 10_000), Importance.MEDIUM,
                    "Most recent articles kept per entity in the entity index.")
            .define(ENTITY_COUNT_COPIES, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Count near-duplicate copies (articles whose duplicateOf is set) in entity totals, recent articles, "
                            + "sentiment series and top entities; false counts a story once, under its first-seen copy, "
                            + "and lists the copies under it in GET /articles/{id}.")
            .define(ENTITY_ALIAS_DICTIONARY, Type.BOOLEAN, true, Importance.LOW,
                    "Resolve a name no stored article used (GET /entities/Putin when articles said Vladimir Putin) "
                            + "through the Wikipedia dictionary the linker uses; it is loaded in the background at "
                            + "start (about 190 MB of heap, shared with enrich's linker in one JVM). false saves that "
                            + "heap: such names then resolve only through surnames.")
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
        String tokenProblem = HttpGuard.tokenProblem(authToken());
        if (tokenProblem != null) {
            throw new ConfigException(HTTP_AUTH_TOKEN + " " + tokenProblem);
        }
        if (httpPort() < 0) {
            throw new ConfigException(HTTP_PORT, httpPort(), "the sink serves its query API: give a port, or 0 for any free one");
        }
        String server = getString(APPLICATION_SERVER);
        if (!server.isEmpty() && !server.matches("[^:\\s]+:\\d{1,5}")) {
            throw new ConfigException(APPLICATION_SERVER, server, "must be host:port");
        }
    }

    public SinkTopics sinkTopics() {
        return SinkTopics.of(topicPrefix(), windowRetention(), getInt(TOPIC_PARTITIONS), topicSerdes());
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

    /** The bearer token the query API requires (and sends when it forwards a query); empty for none. */
    public String authToken() {
        return getPassword(HTTP_AUTH_TOKEN).value();
    }

    public int entityIndexMaxArticles() {
        return getInt(ENTITY_INDEX_MAX_ARTICLES);
    }

    public boolean countCopies() {
        return getBoolean(ENTITY_COUNT_COPIES);
    }

    public boolean aliasDictionary() {
        return getBoolean(ENTITY_ALIAS_DICTIONARY);
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
}
