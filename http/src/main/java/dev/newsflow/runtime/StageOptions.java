package dev.newsflow.runtime;

import dev.newsflow.config.StageConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Option;

/**
 * The flags every stage command ({@code ingest}, {@code enrich}, {@code sink}, {@code run})
 * takes, as a picocli mixin: a properties file, any key with {@code --set}, and a named flag
 * for each common key. A flag given on the command line wins over the environment
 * ({@code NEWSFLOW_*}), which wins over the file; a flag not given sets nothing.
 */
public final class StageOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with configuration keys (listed below).")
    public Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any configuration key, e.g. --set poll.interval.ms=10m; Kafka client settings as kafka.<name>.")
    public Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers (bootstrap.servers).")
    public String bootstrapServers;

    @Option(names = "--deployment", paramLabel = "NAME", description = "Deployment name (deployment): prefixes topic "
            + "names, application ids and so groups, transactional ids and state; give every stage of a deployment the same.")
    public String deployment;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of every topic name (topic.prefix).")
    public String topicPrefix;

    @Option(names = "--http-host", paramLabel = "ADDRESS", description = "Address the HTTP server binds to (http.host), e.g. 0.0.0.0.")
    public String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the HTTP server (http.port); 0 = any free port, -1 = off.")
    public Integer httpPort;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "ERROR, WARN, INFO (default), DEBUG or TRACE (log.level).")
    public String logLevel;

    /** The named common flags given, by configuration key ({@code --set} values are in {@link #settings}). */
    public Map<String, Object> flags() {
        Map<String, Object> flags = new HashMap<>();
        putIfSet(flags, StageConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        putIfSet(flags, dev.newsflow.config.Deployment.KEY, deployment);
        putIfSet(flags, StageConfig.TOPIC_PREFIX, topicPrefix);
        putIfSet(flags, StageConfig.HTTP_HOST, httpHost);
        putIfSet(flags, StageConfig.HTTP_PORT, httpPort);
        putIfSet(flags, StageConfig.LOG_LEVEL, logLevel);
        return flags;
    }

    /** The properties file's keys and values; empty without {@code --config}. */
    public Map<String, String> file() {
        return StageConfig.readProperties(configFile);
    }

    /**
     * Defaults, then the file, then {@code env}, then the flags given: {@code --set}, the stage's own
     * named flags ({@code named}, null = not given), and these named flags.
     */
    public Map<String, Object> merge(ConfigDef definition, Map<String, String> env, Map<String, Object> named) {
        Map<String, Object> given = new HashMap<>(settings);
        named.forEach((key, value) -> {
            if (value != null) {
                given.put(key, value);
            }
        });
        given.putAll(flags());
        return StageConfig.merge(definition, file(), env, given);
    }

    /** The {@code --help} footer of a stage: every configuration key (escaped for picocli's format). */
    public static String footer(ConfigDef definition) {
        return StageConfig.helpText(definition).replace("%", "%%");
    }

    private static void putIfSet(Map<String, Object> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
