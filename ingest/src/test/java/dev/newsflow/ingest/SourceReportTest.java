package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.source.SourceFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceReportTest {
    private static final SourceFailure MISSING = new SourceFailure("input /data/news", "does not exist", true);
    private static final SourceFailure FEED_404 = new SourceFailure("feed https://example.org/rss",
            "HTTP 404 from https://example.org/rss", false);

    @Test
    void shouldFailWhenAnInputIsMissingEvenIfOtherSourcesWorked() {
        SourceReport report = new SourceReport(3, List.of(MISSING));

        assertThat(report.failed()).isTrue();
        assertThat(report.line()).isEqualTo("1 of 3 source(s) failed: input /data/news (does not exist)");
    }

    @Test
    void shouldFailWhenEverySourceFailedNamingEach() {
        SourceReport report = new SourceReport(2, List.of(FEED_404,
                new SourceFailure("feed https://example.org/atom", "connection refused", false)));

        assertThat(report.failed()).isTrue();
        assertThat(report.line()).isEqualTo("2 of 2 source(s) failed: feed https://example.org/rss "
                + "(HTTP 404 from https://example.org/rss); feed https://example.org/atom (connection refused)");
    }

    @Test
    void shouldOnlyReportAFailedFeedWhenOtherSourcesWorked() {
        SourceReport report = new SourceReport(2, List.of(FEED_404));

        assertThat(report.failed()).isFalse();
        assertThat(report.line()).startsWith("1 of 2 source(s) failed: feed https://example.org/rss");
    }

    @Test
    void shouldPassWhenNothingFailed() {
        SourceReport report = new SourceReport(2, List.of());

        assertThat(report.failed()).isFalse();
        assertThat(report.line()).isEmpty();
    }
}
