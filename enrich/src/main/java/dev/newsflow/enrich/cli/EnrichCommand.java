package dev.newsflow.enrich.cli;

import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsflow enrich}: the enrich Kafka Streams application, until Ctrl-C. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = "Tag entities and sentiment: news.articles.raw -> news.articles.enriched (exactly once), "
                + "failures -> news.articles.dlq.",
        footerHeading = "%nConfiguration keys (properties file, NEWSFLOW_* environment, or the flags above):%n")
public final class EnrichCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichCommand.class);

    @Spec
    void spec(CommandSpec spec) {
        spec.usageMessage().footer(StageConfig.helpText(EnrichConfig.DEFINITION));
    }

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id.")
    String applicationId;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (num.stream.threads).")
    Integer threads;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory.")
    String stateDir;

    @Option(names = "--http-port", paramLabel = "N", description = "Port of /health and /metrics (-1 = off).")
    Integer httpPort;

    @Option(names = "--failure-policy", paramLabel = "dlq|fail", description = "What an engine failure does.")
    String failurePolicy;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any of the keys below.")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        EnrichConfig config;
        try {
            config = new EnrichConfig(StageConfig.merge(EnrichConfig.DEFINITION, StageConfig.readProperties(configFile),
                    System.getenv(), flags()));
        } catch (ConfigException e) {
            System.err.println("newsflow enrich: " + e.getMessage());
            return 2;
        }
        LOG.info("{}", config);
        NewsEngine engine = NewsEngines.create(EngineSettings.from(config));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EnrichService service = new EnrichService(config, engine, registry);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            engine.close();
            stopped.countDown();
        }, "enrich-shutdown"));
        try {
            service.start();
        } catch (KafkaException e) {
            // e.g. the schema registry refuses a schema (value.format=avro-registry): one line, the cause
            System.err.println("newsflow enrich: could not start: " + e.getMessage());
            service.close();
            engine.close();
            return 1;
        }
        System.err.println("enrich running (application.id " + config.getString(EnrichConfig.APPLICATION_ID)
                + "); Ctrl-C stops it.");
        while (!stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
            KafkaStreams.State state = service.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                System.err.println("newsflow enrich: stopped in state " + state + " (see the log above)");
                return 1;
            }
        }
        return 0;
    }

    private Map<String, Object> flags() {
        Map<String, Object> flags = new HashMap<>();
        flags.put(EnrichConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        flags.put(EnrichConfig.APPLICATION_ID, applicationId);
        flags.put(EnrichConfig.NUM_STREAM_THREADS, threads);
        flags.put(EnrichConfig.STATE_DIR, stateDir);
        flags.put(EnrichConfig.HTTP_PORT, httpPort);
        flags.put(EnrichConfig.FAILURE_POLICY, failurePolicy);
        return flags;
    }
}
