package dev.newsflow.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-store-changelog", 2);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final StreamsHealth health = new StreamsHealth("sink", Duration.ofSeconds(30), clock);

    @Test
    void shouldBeReadyAndRunningOnceStreamsRuns() {
        health.onStateChange(State.REBALANCING);
        health.onStateChange(State.RUNNING);

        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.RUNNING);
        assertThat(health.ready()).isTrue();
        assertThat(health.live()).isTrue();
    }

    @Test
    void shouldStayReadyDuringAShortRebalanceAndTurnStuckAfterTheGracePeriod() {
        health.onStateChange(State.RUNNING);
        health.onStateChange(State.REBALANCING);
        clock.advance(Duration.ofSeconds(10));

        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.REBALANCING);
        assertThat(health.ready()).as("a short rebalance keeps the instance ready").isTrue();

        clock.advance(Duration.ofSeconds(25));
        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.STUCK);
        assertThat(health.ready()).isFalse();
        assertThat(health.reason()).isEqualTo("rebalancing for 35 s without finishing");
        assertThat(health.live()).as("stuck is not dead: restarting would not help").isTrue();
    }

    @Test
    void shouldTellRestoringFromRebalancingWithThePartitionsAndTheirProgress() {
        health.onStateChange(State.REBALANCING);
        health.onRestoreStart(CHANGELOG, "store", 100, 500);
        clock.advance(Duration.ofSeconds(5));
        health.onBatchRestored(CHANGELOG, "store", 299, 200);
        clock.advance(Duration.ofSeconds(3));

        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.RESTORING);
        Map<String, Object> json = health.toJson();
        assertThat(json).containsEntry("phase", "RESTORING").containsEntry("forSeconds", 8L).containsEntry("ready", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> partitions = (List<Map<String, Object>>) ((Map<String, Object>) json.get("detail")).get("restoring");
        assertThat(partitions).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("partition", "app-store-changelog-2").containsEntry("position", 300L)
                .containsEntry("end", 500L).containsEntry("remaining", 200L)
                .containsEntry("restoringForSeconds", 8L).containsEntry("lastProgressSecondsAgo", 3L));

        health.onRestoreEnd(CHANGELOG, "store", 400);
        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.REBALANCING);
    }

    @Test
    void shouldCallARestorationWithoutProgressStuckAndNameThePartition() {
        health.onStateChange(State.REBALANCING);
        health.onRestoreStart(CHANGELOG, "store", 0, 66);
        health.onBatchRestored(CHANGELOG, "store", 40, 41);
        clock.advance(Duration.ofSeconds(31));

        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.STUCK);
        assertThat(health.reason()).isEqualTo("restoring without progress for more than 30 s on [app-store-changelog-2]");
        assertThat(health.toJson()).containsEntry("ready", false).containsEntry("live", true);
    }

    @Test
    void shouldBeDownAndNotLiveOnceStreamsFailed() {
        health.onStateChange(State.ERROR);

        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.DOWN);
        assertThat(health.live()).isFalse();
        assertThat(health.reason()).isEqualTo("Kafka Streams is ERROR");
    }

    @Test
    void shouldNotCallAStreamsClientThatHasNotStartedReady() {
        assertThat(health.phase()).isEqualTo(StreamsHealth.Phase.STARTING);
        assertThat(health.live()).isTrue();
        assertThat(health.ready()).isFalse();
        assertThat(StageHealth.report(List.of(health))).containsEntry("status", "STARTING").containsEntry("ready", false)
                .containsEntry("reason", "sink: starting");
    }

    @Test
    void shouldReportTheLastErrorWithItsTime() {
        health.onStateChange(State.RUNNING);
        clock.advance(Duration.ofSeconds(2));
        health.error("first");
        clock.advance(Duration.ofSeconds(2));
        health.error("dead-lettered news.articles.enriched-0@4: unreadable");

        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) health.toJson().get("lastError");
        assertThat(last).containsEntry("at", "2026-12-03T00:00:04Z")
                .containsEntry("message", "dead-lettered news.articles.enriched-0@4: unreadable");
        assertThat(StageHealth.report(List.of(health))).containsEntry("status", "UP");
    }

    @Test
    void shouldReportDownWhenAnyStageOfAProcessIsDown() {
        StreamsHealth other = new StreamsHealth("enrich", Duration.ofSeconds(30), clock);
        other.onStateChange(State.RUNNING);
        health.onStateChange(State.ERROR);

        Map<String, Object> report = StageHealth.report(List.of(other, health));

        assertThat(report).containsEntry("status", "DOWN").containsEntry("live", false)
                .containsEntry("reason", "sink: Kafka Streams is ERROR");
        assertThat(((Map<?, ?>) report.get("stages")).keySet()).asString().isEqualTo("[enrich, sink]");
    }
}
