package dev.newsflow.sink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    private static QueryParams params(String name, String value) {
        return new QueryParams(Map.of(name, List.of(value)));
    }

    @Test
    void shouldParseInstantsAndDates() {
        assertThat(params("since", "2026-11-25T08:00:00Z").instant("since", null))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(params("since", "2026-11-25").instant("since", null))
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    }

    @Test
    void shouldNameParameterAndValueWhenInstantIsBad() {
        assertThatThrownBy(() -> params("since", "yesterday").instant("since", null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'since'").hasMessageContaining("'yesterday'").hasMessageContaining("ISO-8601")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    }

    @Test
    void shouldRejectLimitOutOfRange() {
        assertThatThrownBy(() -> params("limit", "0").integer("limit", 20, 1, 1000))
                .hasMessage("Parameter 'limit' must be a whole number from 1 to 1000, got '0'");
        assertThatThrownBy(() -> params("limit", "ten").integer("limit", 20, 1, 1000))
                .hasMessageContaining("got 'ten'");
    }

    @Test
    void shouldParseWindowDurationsUpToTheRetention() {
        assertThat(params("window", "24h").duration("window", null, Duration.ofDays(30))).isEqualTo(Duration.ofHours(24));
        assertThat(params("window", "7d").duration("window", null, Duration.ofDays(30))).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> params("window", "90d").duration("window", null, Duration.ofDays(30)))
                .hasMessageContaining("retention");
        assertThatThrownBy(() -> params("window", "1w").duration("window", null, Duration.ofDays(30)))
                .hasMessageContaining("m, h or d");
    }

    @Test
    void shouldRejectUnknownParameterListingKnownOnes() {
        assertThatThrownBy(() -> params("sentimnet", "negative").allowOnly("entity", "sentiment"))
                .hasMessageContaining("'sentimnet'").hasMessageContaining("[entity, sentiment]");
    }

    @Test
    void shouldAcceptOnlyListedChoicesIgnoringCase() {
        assertThat(params("by", "Mentions").oneOf("by", null, "mentions", "sentiment")).isEqualTo("mentions");
        assertThatThrownBy(() -> params("by", "clicks").oneOf("by", null, "mentions", "sentiment"))
                .hasMessageContaining("mentions|sentiment");
    }
}
