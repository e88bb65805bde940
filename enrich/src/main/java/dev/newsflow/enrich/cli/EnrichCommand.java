package dev.newsflow.enrich.cli;

import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichService;
import dev.newsflow.http.HttpPorts;
import dev.newsflow.schemas.BrokerCheck;
import dev.newsflow.runtime.LogLevels;
import dev.newsflow.runtime.StageMetrics;
import dev.newsflow.runtime.StageOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import picocli.CommandLine.Mixin;
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
        spec.usageMessage().footer(StageOptions.footer(EnrichConfig.DEFINITION));
    }

    /** The flags every stage takes: --config, --set, --bootstrap-servers, --topic-prefix, --http-host/port, --log-level. */
    @Mixin
    StageOptions options = new StageOptions();

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id.")
    String applicationId;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (num.stream.threads).")
    Integer threads;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory.")
    String stateDir;

    @Option(names = "--failure-policy", paramLabel = "dlq|fail", description = "What an engine failure does.")
    String failurePolicy;

    @Override
    public Integer call() throws InterruptedException {
        EnrichConfig config;
        try {
            config = new EnrichConfig(options.merge(EnrichConfig.DEFINITION, System.getenv(), flags()));
        } catch (ConfigException e) {
            System.err.println("newsflow enrich: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(config.logLevel());
        LOG.debug("{}", config);
        try {
            // Both are checked before the engine loads (seconds), so a wrong address or port fails fast.
            HttpPorts.requireFree(config.getString(EnrichConfig.HTTP_HOST), config.getInt(EnrichConfig.HTTP_PORT));
            config.awaitBroker(config.bootstrapServers());
        } catch (BrokerCheck.BrokerUnreachableException | HttpPorts.PortInUseException e) {
            System.err.println("newsflow enrich: " + e.getMessage());
            return 1;
        }
        NewsEngine engine = NewsEngines.create(EngineSettings.from(config));
        PrometheusMeterRegistry registry = StageMetrics.prometheus();
        EnrichService service = new EnrichService(config, engine, registry);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            engine.close();
            stopped.countDown();
        }, "enrich-shutdown"));
        try {
            service.start();
        } catch (BrokerCheck.BrokerUnreachableException | HttpPorts.PortInUseException e) {
            System.err.println("newsflow enrich: " + e.getMessage());
            service.close();
            engine.close();
            return 1;
        } catch (KafkaException e) {
            // e.g. the schema registry refuses a schema (value.format=avro-registry): one line, the cause
            System.err.println("newsflow enrich: could not start: " + e.getMessage());
            service.close();
            engine.close();
            return 1;
        }
        System.err.println("enrich running (application.id " + config.applicationId()
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
        flags.put(EnrichConfig.APPLICATION_ID, applicationId);
        flags.put(EnrichConfig.NUM_STREAM_THREADS, threads);
        flags.put(EnrichConfig.STATE_DIR, stateDir);
        flags.put(EnrichConfig.FAILURE_POLICY, failurePolicy);
        return flags;
    }
}
