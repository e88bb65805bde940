package dev.newsflow.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./newsflow run}: the whole pipeline in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run ingest, enrich and sink together (embedded broker unless --bootstrap-servers is given).")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("newsflow: this command is not yet implemented");
        return NotYetImplemented.EXIT_NOT_IMPLEMENTED;
    }
}
