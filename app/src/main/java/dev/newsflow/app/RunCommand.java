package dev.newsflow.app;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.config.ArticleLimit;
import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.http.HttpPorts;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.SourceReport;
import dev.newsflow.schemas.BrokerCheck;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.runtime.LogLevels;
import dev.newsflow.runtime.StageOptions;
import dev.newsflow.sink.SinkConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./newsflow run}: ingest, enrich and sink in one process, on an embedded broker by default. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run ingest, enrich and sink together in one process.",
                "Without --bootstrap-servers it starts an embedded Kafka broker (data in --data-dir).",
                "Without --input or --feeds it ingests the sample articles bundled with NewsFlow."},
        footer = {"", "A --config properties file may hold any key of the ingest, enrich and sink stages",
                "(see './newsflow ingest --help' and the README); kafka.* keys (SASL, TLS) go to every client."})
final class RunCommand implements Callable<Integer> {
    static final int EXIT_TIMEOUT = 4;

    /**
     * The flags every stage takes. In {@code run}: --bootstrap-servers (or NEWSFLOW_BOOTSTRAP_SERVERS, or the file's key)
     * uses that cluster instead of the embedded broker; --http-host/--http-port are the query API's; --set, --config,
     * --topic-prefix and --log-level apply to every stage that has the key.
     */
    @Mixin
    StageOptions options = new StageOptions();

    @Option(names = "--data-dir", defaultValue = ".newsflow", paramLabel = "DIR",
            description = "Where the embedded broker and the local state live (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--broker-port", defaultValue = "0", paramLabel = "N",
            description = "Client port of the embedded broker (default: a free one).")
    int brokerPort;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH", description = "Files or directories of articles.")
    List<String> inputs;

    @Option(names = "--feeds", arity = "1..*", paramLabel = "URL|FILE|OPML", description = "RSS/Atom feeds to poll.")
    List<String> feeds;

    @Option(names = "--once", description = "Exit once every input has been stored (for scripts); exit code 3 when an "
            + "input is missing or every source failed, 4 past --timeout.")
    boolean once;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --once: give up after this long (10m, 1h or ISO-8601 PT10M; default: " + RunConfig.ONCE_TIMEOUT_MS
                    + ", 10 minutes). Without --once run never exits on its own.")
    Duration timeout;

    @Option(names = "--allow-private-addresses", description = "Let ingest fetch from loopback and private addresses.")
    boolean allowPrivateAddresses;

    /** The environment the settings are read from (tests give their own). */
    Map<String, String> env = System.getenv();

    /** Where summaries go and where progress and messages go; null: standard output and standard error. */
    PrintStream out;
    PrintStream err;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Pipeline running;

    /** Stops a running {@code run} as Ctrl-C does (tests). */
    void stop() {
        stopped.countDown();
    }

    /** The pipeline while it runs, else null (tests). */
    Pipeline running() {
        return running;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = this.out == null ? System.out : this.out;
        PrintStream err = this.err == null ? System.err : this.err;
        Map<String, String> file;
        RunConfig runConfig;
        try {
            file = options.file();
            checkKnown(file.keySet(), "the --config file");
            checkKnown(options.settings.keySet(), "--set");
            runConfig = runConfig(file);
        } catch (ConfigException e) {
            err.println("newsflow run: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(runConfig.logLevel());
        EmbeddedKafkaBroker broker = null;
        String bootstrap = null;
        if (externalCluster(file) == null) {
            err.println("Starting the embedded Kafka broker (data in " + dataDir.resolve("broker") + ")...");
            try {
                broker = EmbeddedKafkaBroker.builder().port(brokerPort).dataDir(dataDir.resolve("broker")).build().start();
            } catch (KafkaException e) {
                err.println("newsflow run: " + e.getMessage());
                return 1;
            }
            bootstrap = broker.bootstrapServers();
        }
        Pipeline pipeline;
        try {
            pipeline = createPipeline(file, broker, bootstrap);
        } catch (ConfigException e) {
            if (broker != null) {
                broker.close();
            }
            err.println("newsflow run: " + e.getMessage());
            return 2;
        }
        Thread shutdown = new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "newsflow-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        StatusLine status = new StatusLine(err, System.console() != null);
        try {
            try {
                pipeline.start();
            } catch (BrokerCheck.BrokerUnreachableException | HttpPorts.PortInUseException e) {
                err.println("newsflow run: " + e.getMessage());
                return 1;
            }
            running = pipeline;
            err.println("Query API on http://" + pipeline.httpHost() + ":" + pipeline.httpPort()
                    + " (e.g. /articles, /articles/<id>, /entities/<name>, /health; POST /articles pushes articles)");
            IngestResult ingested = pipeline.ingestOnce();
            if (once) {
                Duration deadline = runConfig.onceTimeout();
                boolean caughtUp = pipeline.awaitCaughtUp(deadline, p -> status.show(p.line()), () -> false);
                status.done(pipeline.progress().line());
                if (!caughtUp) {
                    err.println("newsflow run: not every input was stored within " + deadline + " (" + RunConfig.ONCE_TIMEOUT_MS
                            + ", --timeout)");
                    return EXIT_TIMEOUT;
                }
                printSummaries(out, pipeline.enrichedArticles());
                SourceReport sources = pipeline.sourceReport();
                if (!sources.failures().isEmpty()) {
                    err.println("newsflow run: " + sources.line());
                }
                if (sources.failed()) {
                    return SourceReport.EXIT_SOURCES_FAILED;
                }
                if (!ingested.allDelivered()) {
                    err.println("newsflow run: " + ingested.undelivered() + " record(s) could not be delivered to Kafka");
                    return 1;
                }
                return 0;
            }
            // Continuous: no deadline. Sources are polled from now on, while the first catch-up goes on.
            pipeline.startPolling();
            err.println("Polling sources; the query API stays up. Ctrl-C stops.");
            String dashboard = "Dashboard: http://" + pipeline.httpHost() + ":" + pipeline.httpPort()
                    + "/ (live articles, search, entities)";
            java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable announce = () -> {
                if (!announced.get() && pipeline.sinkRunning()) {
                    announced.set(true);
                    status.line(dashboard);
                }
            };
            if (pipeline.awaitCaughtUp(null, p -> {
                announce.run();
                status.show(p.line());
            }, () -> stopped.getCount() == 0)) {
                status.done(pipeline.progress().line());
                printSummaries(out, pipeline.enrichedArticles());
                if (!ingested.allDelivered()) {
                    err.println("newsflow run: " + ingested.undelivered() + " record(s) could not be delivered to Kafka yet;"
                            + " they are retried while run polls its sources");
                }
            }
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                announce.run();
                status.show(pipeline.progress().line());
            }
            return 0;
        } finally {
            running = null;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
                pipeline.close();
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down: the hook closes the pipeline.
            }
        }
    }

    /**
     * The pipeline this command runs (the integration test builds it the same way).
     *
     * @throws ConfigException when a key is invalid, or ingest's article.max.chars is over enrich's engine.max.chars
     */
    /**
     * @param bootstrap the embedded broker's address, or null to use the cluster the settings name
     */
    Pipeline createPipeline(Map<String, String> file, EmbeddedKafkaBroker broker, String bootstrap) {
        IngestConfig ingest = ingestConfig(file, bootstrap);
        EnrichConfig enrich = enrichConfig(file, bootstrap);
        ArticleLimit.check(ingest.getInt(IngestConfig.ARTICLE_MAX_CHARS), enrich.getInt(EnrichConfig.MAX_ARTICLE_CHARS));
        return new Pipeline(broker, ingest, enrich, sinkConfig(file, bootstrap));
    }

    private RunConfig runConfig(Map<String, String> file) {
        Map<String, Object> flags = new HashMap<>();
        if (timeout != null) {
            flags.put(RunConfig.ONCE_TIMEOUT_MS, timeout.toMillis());
        }
        return new RunConfig(merged(RunConfig.DEFINITION, file, flags));
    }

    /** The cluster given by flag, environment or file (in that precedence), null for the embedded broker. */
    String externalCluster(Map<String, String> file) {
        if (options.bootstrapServers != null) {
            return options.bootstrapServers;
        }
        String fromEnv = env.get(StageConfig.envName(StageConfig.BOOTSTRAP_SERVERS));
        return fromEnv != null ? fromEnv : file.get(StageConfig.BOOTSTRAP_SERVERS);
    }

    private static void printSummaries(PrintStream out, List<EnrichedArticle> articles) {
        out.println();
        out.println(articles.size() + " article(s) stored:");
        articles.stream()
                .sorted(Comparator.comparing(a -> a.getTitle() == null ? "" : a.getTitle()))
                .limit(100)
                .forEach(a -> out.print(ArticleSummary.of(a)));
        if (articles.size() > 100) {
            out.println("... and " + (articles.size() - 100) + " more (GET /articles on the query API)");
        }
        out.flush();
    }

    IngestConfig ingestConfig(Map<String, String> file, String bootstrap) {
        Map<String, Object> flags = new HashMap<>();
        flags.put(IngestConfig.BOOTSTRAP_SERVERS, bootstrap);
        boolean noSources = (inputs == null || inputs.isEmpty()) && (feeds == null || feeds.isEmpty());
        List<String> sourceInputs = noSources
                ? List.of(SampleArticles.writeTo(dataDir.resolve("samples")).toString())
                : inputs;
        if (sourceInputs != null) {
            flags.put(IngestConfig.INPUTS, String.join(",", sourceInputs));
        }
        if (feeds != null) {
            flags.put(IngestConfig.FEEDS, String.join(",", feeds));
        }
        flags.put(IngestConfig.HTTP_PORT, -1); // no second server: the query API serves POST /articles too (Pipeline)
        if (allowPrivateAddresses) {
            flags.put(IngestConfig.ALLOW_PRIVATE, true);
        }
        return new IngestConfig(merged(IngestConfig.DEFINITION, file, flags));
    }

    EnrichConfig enrichConfig(Map<String, String> file, String bootstrap) {
        Map<String, Object> flags = new HashMap<>();
        flags.put(EnrichConfig.BOOTSTRAP_SERVERS, bootstrap);
        flags.put(EnrichConfig.STATE_DIR, dataDir.resolve("state/enrich").toAbsolutePath().toString());
        flags.put(EnrichConfig.HTTP_PORT, -1); // the query API's /health and /metrics answer for enrich too
        return new EnrichConfig(merged(EnrichConfig.DEFINITION, file, flags));
    }

    SinkConfig sinkConfig(Map<String, String> file, String bootstrap) {
        Map<String, Object> flags = new HashMap<>();
        flags.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrap);
        flags.put(SinkConfig.STATE_DIR, dataDir.resolve("state/sink").toAbsolutePath().toString());
        return new SinkConfig(merged(SinkConfig.DEFINITION, file, flags));
    }

    /**
     * One stage's settings: its keys from the file, the environment, --set and the common flags, then what run
     * decides ({@code forced}: the embedded broker, state directories, ingest and enrich without HTTP servers).
     */
    private Map<String, Object> merged(ConfigDef definition, Map<String, String> file, Map<String, Object> forced) {
        Map<String, Object> given = new HashMap<>(only(definition, options.settings));
        given.putAll(only(definition, options.flags()));
        forced.forEach((key, value) -> {
            if (value != null) {
                given.put(key, value);
            }
        });
        return StageConfig.merge(definition, only(definition, file), env, given);
    }

    /** The keys a stage knows, plus the kafka.* pass-through keys. */
    private static <V> Map<String, V> only(ConfigDef definition, Map<String, V> values) {
        Map<String, V> own = new HashMap<>();
        values.forEach((key, value) -> {
            if (definition.names().contains(key) || key.startsWith(StageConfig.KAFKA_PREFIX)) {
                own.put(key, value);
            }
        });
        return own;
    }

    /** Picocli converter for --timeout: the one duration syntax. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return dev.newsflow.config.Durations.require(value);
        }
    }

    private static void checkKnown(java.util.Set<String> keys, String where) {
        for (String key : keys) {
            boolean known = key.startsWith(StageConfig.KAFKA_PREFIX)
                    || RunConfig.DEFINITION.names().contains(key)
                    || IngestConfig.DEFINITION.names().contains(key)
                    || EnrichConfig.DEFINITION.names().contains(key)
                    || SinkConfig.DEFINITION.names().contains(key);
            if (!known) {
                throw new ConfigException("Unknown configuration key '" + key + "' in " + where + ": it is not a key "
                        + "of run, ingest, enrich or sink, nor a kafka.* client setting");
            }
        }
    }
}
