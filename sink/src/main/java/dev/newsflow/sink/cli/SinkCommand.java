package dev.newsflow.sink.cli;

import dev.newsflow.http.HttpPorts;
import dev.newsflow.schemas.BrokerCheck;
import dev.newsflow.schemas.format.SchemaRegistryException;
import dev.newsflow.sink.DictionaryAliases;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkService;
import dev.newsflow.runtime.LogLevels;
import dev.newsflow.runtime.StageMetrics;
import dev.newsflow.runtime.StageOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./newsflow sink}: store enriched articles in Kafka-backed state and serve the query API. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = {"Store enriched articles (by id, entity index, entity sentiment over time) in state stores "
                + "backed by compacted Kafka topics, publish news.entities.*, and serve the HTTP query API "
                + "until Ctrl-C.",
                "Settings come from flags > NEWSFLOW_* environment variables > --config file > defaults."},
        footerHeading = "%nConfiguration keys (for --config files, --set and NEWSFLOW_* variables):%n")
public final class SinkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SinkCommand.class);

    /** The flags every stage takes: --config, --set, --bootstrap-servers, --topic-prefix, --http-host/port, --log-level. */
    @Mixin
    StageOptions options = new StageOptions();

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id (application.id).")
    String applicationId;

    @Option(names = "--application-server", paramLabel = "HOST:PORT",
            description = "Address other instances use to reach this one (application.server).")
    String applicationServer;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state store directory (state.dir).")
    Path stateDir;


    @Spec
    void spec(CommandSpec spec) {
        spec.usageMessage().footer(StageOptions.footer(SinkConfig.DEFINITION));
    }

    /** The effective configuration from the flags, the file and {@code env}. */
    public SinkConfig config(Map<String, String> env) {
        Map<String, Object> flags = new HashMap<>();
        putIfSet(flags, SinkConfig.APPLICATION_ID, applicationId);
        putIfSet(flags, SinkConfig.APPLICATION_SERVER, applicationServer);
        putIfSet(flags, SinkConfig.STATE_DIR, stateDir);
        return new SinkConfig(options.merge(SinkConfig.DEFINITION, env, flags));
    }

    @Override
    public Integer call() throws InterruptedException {
        SinkConfig config;
        try {
            config = config(System.getenv());
        } catch (ConfigException e) {
            System.err.println("Invalid sink configuration: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(config.logLevel());
        LOG.debug("{}", config);
        SinkService service = new SinkService(config, StageMetrics.prometheus(), DictionaryAliases.of(config));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "sink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.start();
        } catch (BrokerCheck.BrokerUnreachableException | HttpPorts.PortInUseException e) {
            System.err.println("newsflow sink: " + e.getMessage());
            return 1;
        } catch (SchemaRegistryException e) {
            System.err.println("Sink could not start: " + e.getMessage());
            return 1;
        } catch (KafkaException e) {
            System.err.println("Sink could not start (is Kafka reachable at " + config.bootstrapServers() + "?): "
                    + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // e.g. the HTTP port is taken
            System.err.println("Sink could not start: " + e.getMessage());
            return 1;
        }
        System.err.println("Sink serving http://" + config.httpHost() + ":" + service.httpPort() + " ; Ctrl-C stops it.");
        service.failure().thenRun(stopped::countDown);
        stopped.await();
        if (service.failure().isDone()) {
            LOG.error("Sink stopped after a fatal Streams error");
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return 1;
            }
            service.close();
            return 1;
        }
        return 0;
    }

    private static void putIfSet(Map<String, Object> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
