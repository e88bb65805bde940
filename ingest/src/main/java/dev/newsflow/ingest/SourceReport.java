package dev.newsflow.ingest;

import dev.newsflow.ingest.source.SourceFailure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which sources of one {@link IngestService#runOnce()} failed as a whole.
 *
 * @param sources  sources polled (feeds, inputs, stdin)
 * @param failures the ones that failed: feeds, then inputs, then stdin
 */
public record SourceReport(int sources, List<SourceFailure> failures) {
    /** The exit code of {@code --once} when {@link #failed()}: an input is missing or every source failed. */
    public static final int EXIT_SOURCES_FAILED = 3;

    public SourceReport {
        failures = List.copyOf(failures);
    }

    /** True when an input path is missing, or when every source failed: then nothing useful was ingested. */
    public boolean failed() {
        return failures.stream().anyMatch(SourceFailure::missing) || (sources > 0 && failures.size() >= sources);
    }

    /** One line naming every failed source and why, or an empty string when none failed. */
    public String line() {
        if (failures.isEmpty()) {
            return "";
        }
        return failures.size() + " of " + sources + " source(s) failed: "
                + failures.stream().map(SourceFailure::toString).collect(Collectors.joining("; "));
    }
}
