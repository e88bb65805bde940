package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.health.StageHealth;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestHealthTest {
    private final AtomicInteger waiting = new AtomicInteger();
    private final IngestHealth health = new IngestHealth(Clock.systemUTC(),
            () -> new IngestResult(9, 7, 1, 1, 0, 2), waiting::get);

    @Test
    void shouldNotBeReadyUntilItsTopicAndDedupIndexAreThere() {
        assertThat(health.phase()).isEqualTo(StageHealth.Phase.STARTING);
        assertThat(health.live()).isTrue();
        assertThat(health.reason()).startsWith("starting");

        health.running();

        assertThat(StageHealth.report(List.of(health))).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = (Map<String, Object>) health.toJson().get("detail");
        assertThat(detail).containsEntry("published", 7L).containsEntry("fetchErrors", 2L);
    }

    @Test
    void shouldNotBeReadyWhileKafkaLeavesRecordsUnacknowledged() {
        health.running();
        waiting.set(3);

        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("3 record(s) waiting to be sent again: Kafka did not acknowledge them");
        assertThat(StageHealth.report(List.of(health))).containsEntry("status", "NOT_READY").containsEntry("live", true);
    }

    @Test
    void shouldReportTheLastFailedFetchAndBeDownOnceStopped() {
        IngestStats stats = new IngestStats(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        stats.reportTo(health);
        health.running();

        stats.fetchError("https://feeds.example/rss", "http-404");
        health.down("stopped");

        assertThat(health.lastError().message()).isEqualTo("reading https://feeds.example/rss failed: http-404");
        assertThat(health.live()).isFalse();
        assertThat(StageHealth.report(List.of(health))).containsEntry("status", "DOWN");
    }
}
