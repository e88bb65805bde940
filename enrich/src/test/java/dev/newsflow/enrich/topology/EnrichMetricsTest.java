package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.health.StreamsHealth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnrichMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EnrichMetrics metrics = new EnrichMetrics(registry);

    @Test
    void shouldRegisterADeadLetterCounterAtZeroForEveryReasonEnrichWrites() {
        assertThat(registry.find("newsflow.enrich.dlq").counters())
                .extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("deserialization", "invalid-article", "too-large", "engine-error", "production",
                        "serialization");
        assertThat(registry.find("newsflow.enrich.dlq").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void shouldCountADeadLetterAndMakeItTheStagesLastError() {
        StreamsHealth health = new StreamsHealth("enrich", Duration.ofSeconds(30), Clock.systemUTC());
        metrics.reportTo(health);

        metrics.deadLettered("too-large", "news.articles.raw-2@17");

        assertThat(registry.get("newsflow.enrich.dlq").tag("reason", "too-large").counter().count()).isEqualTo(1.0);
        assertThat(metrics.deadLetteredTotal()).isEqualTo(1);
        assertThat(health.lastError().message()).isEqualTo("dead-lettered news.articles.raw-2@17: too-large");
    }
}
