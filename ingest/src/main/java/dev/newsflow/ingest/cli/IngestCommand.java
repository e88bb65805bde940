package dev.newsflow.ingest.cli;

import dev.newsflow.http.HttpPorts;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.ingest.SourceReport;
import dev.newsflow.schemas.BrokerCheck;
import io.micrometer.core.instrument.MeterRegistry;
import dev.newsflow.runtime.LogLevels;
import dev.newsflow.runtime.StageMetrics;
import dev.newsflow.runtime.StageOptions;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code newsflow ingest}: publishes articles from feeds, files, stdin or HTTP push to
 * {@code news.articles.raw}. With {@code --once} every source is polled once and the command
 * exits 0 when every record was acknowledged, 1 when some were not (or Kafka is unreachable),
 * 3 when an input path is missing or every source failed (each named on one line), 2 on a
 * configuration error; without it, it runs until stopped.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest news from feeds, files, stdin or HTTP push into Kafka (news.articles.raw).",
        footerHeading = "%nConfiguration keys (properties file, NEWSFLOW_* environment, or the flags above):%n")
public final class IngestCommand implements Callable<Integer> {

    CommandSpec spec;

    /** Picocli injects the spec when the command line is built: the footer lists every config key. */
    @Spec
    void spec(CommandSpec commandSpec) {
        this.spec = commandSpec;
        commandSpec.usageMessage().footer(footer());
    }

    /** The flags every stage takes: --config, --set, --bootstrap-servers, --topic-prefix, --http-host/port, --log-level. */
    @Mixin
    StageOptions options = new StageOptions();

    @Option(names = "--feeds", arity = "1..*", paramLabel = "URL_OR_FILE",
            description = "Feed URLs, text files of URLs, or OPML files.")
    List<String> feeds;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
            description = "Files or directories of articles (.txt, .json, .jsonl, .html saved pages).")
    List<String> inputs;

    @Option(names = "--stdin", description = "Read JSON Lines articles from standard input.")
    Boolean stdin;

    @Option(names = "--once", description = "Poll every source once, wait for every ack, and exit: 1 if a record was not "
            + "delivered, 3 if an input is missing or every source failed.")
    boolean once;

    @Option(names = "--allow-private-addresses", description = "Allow fetching from loopback and private addresses (SSRF guard off).")
    Boolean allowPrivate;

    /** Where messages go; null: standard error (tests set it). */
    PrintStream err;

    /** The registry the app module may inject (e.g. Prometheus); a simple one otherwise. */
    MeterRegistry registry = StageMetrics.prometheus();

    public IngestCommand() {
    }

    /** Lets the application pass its own meter registry. */
    public IngestCommand(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The --help footer: every configuration key. */
    public static String footer() {
        return StageOptions.footer(IngestConfig.DEFINITION);
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = this.err == null ? System.err : this.err;
        IngestConfig config;
        try {
            config = new IngestConfig(options.merge(IngestConfig.DEFINITION, System.getenv(), flags()));
        } catch (ConfigException e) {
            err.println("ingest: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(config.logLevel());
        try (IngestService service = new IngestService(config, registry)) {
            return run(service, err);
        } catch (ConfigException e) {
            err.println("ingest: " + e.getMessage());
            return 2;
        } catch (BrokerCheck.BrokerUnreachableException | HttpPorts.PortInUseException e) {
            err.println("ingest: " + e.getMessage());
            return 1;
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("ingest: Kafka at " + config.bootstrapServers() + " failed: " + e.getMessage());
            return 1;
        }
    }

    private int run(IngestService service, PrintStream err) throws InterruptedException {
        if (once) {
            err.println("ingest: polling every source once...");
            IngestResult result = service.runOnce();
            err.println("ingest: " + result);
            SourceReport sources = service.sourceReport();
            if (!sources.failures().isEmpty()) {
                err.println("ingest: " + sources.line());
            }
            if (sources.failed()) {
                return SourceReport.EXIT_SOURCES_FAILED;
            }
            return result.allDelivered() ? 0 : 1;
        }
        service.start();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            service.close();
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        IngestResult last = null;
        while (!stop.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
            IngestResult now = service.stats();
            if (!now.equals(last)) {
                err.println("ingest: " + now);
                last = now;
            }
        }
        return 0;
    }

    Map<String, Object> flags() {
        Map<String, Object> flags = new HashMap<>();
        flags.put(IngestConfig.FEEDS, feeds == null ? null : String.join(",", feeds));
        flags.put(IngestConfig.INPUTS, inputs == null ? null : String.join(",", inputs));
        flags.put(IngestConfig.STDIN, stdin);
        flags.put(IngestConfig.ALLOW_PRIVATE, allowPrivate);
        return flags;
    }
}
