package dev.newsflow.app;

import dev.newsflow.config.StageConfig;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.sink.SinkConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./newsflow}: one subcommand per stage, plus {@code run} and {@code broker}. */
@Command(name = "newsflow",
        mixinStandardHelpOptions = true,
        versionProvider = NewsFlow.Version.class,
        description = "Streaming news pipeline on Apache Kafka: ingest live news, tag entities and sentiment, store and serve.",
        subcommands = {
                RunCommand.class,
                dev.newsflow.ingest.cli.IngestCommand.class,
                dev.newsflow.enrich.cli.EnrichCommand.class,
                dev.newsflow.sink.cli.SinkCommand.class,
                dev.newsflow.enrich.cli.AnnotateCommand.class,
                ExtractCommand.class,
                BrokerCommand.class,
                TopicsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class NewsFlow implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(NewsFlow.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        warnUnknownEnvironment(System.getenv());
        System.exit(commandLine().execute(args));
    }

    /** Every configuration a NewsFlow command reads. */
    static List<ConfigDef> definitions() {
        return List.of(IngestConfig.DEFINITION, EnrichConfig.DEFINITION, SinkConfig.DEFINITION, RunConfig.DEFINITION);
    }

    /** One warning line for each NEWSFLOW_* variable that sets nothing (a misspelt name would otherwise be ignored silently). */
    static void warnUnknownEnvironment(Map<String, String> env) {
        StageConfig.unknownEnvironment(env, definitions()).forEach(LOG::warn);
    }

    /** The configured command line (tests execute it in-process). */
    public static CommandLine commandLine() {
        return new CommandLine(new NewsFlow()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of the commands above");
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = NewsFlow.class.getPackage().getImplementationVersion();
            return new String[] {"newsflow " + (version == null ? "development" : version)};
        }
    }
}
