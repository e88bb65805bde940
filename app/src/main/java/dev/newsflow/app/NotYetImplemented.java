package dev.newsflow.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Commands whose stage is not built yet: they say so and exit non-zero. */
final class NotYetImplemented {
    static final int EXIT_NOT_IMPLEMENTED = 3;

    private NotYetImplemented() {
    }

    private abstract static class Stub implements Callable<Integer> {
        @Override
        public Integer call() {
            System.err.println("newsflow: this command is not yet implemented");
            return EXIT_NOT_IMPLEMENTED;
        }
    }

    @Command(name = "ingest", description = "Poll news sources and publish articles to Kafka (not yet implemented).")
    static final class Ingest extends Stub {
    }

    @Command(name = "enrich", description = "Tag entities and sentiment in a Kafka Streams app (not yet implemented).")
    static final class Enrich extends Stub {
    }

    @Command(name = "sink", description = "Store enriched articles and serve the query API (not yet implemented).")
    static final class Sink extends Stub {
    }

    @Command(name = "annotate", description = "Annotate JSON Lines documents from stdin (not yet implemented).")
    static final class Annotate extends Stub {
    }
}
