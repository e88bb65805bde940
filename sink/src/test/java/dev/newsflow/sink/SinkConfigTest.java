package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    @Test
    void shouldDefaultToLocalSafeValues() {
        SinkConfig config = new SinkConfig(Map.of());

        assertThat(config.applicationId()).isEqualTo("newsflow-sink");
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.newsTopics().enriched().name()).isEqualTo("news.articles.enriched");
        assertThat(config.sinkTopics().entityIndex().name()).isEqualTo("news.entities.index");
    }

    @Test
    void shouldPrefixEveryTopic() {
        SinkConfig config = new SinkConfig(Map.of(SinkConfig.TOPIC_PREFIX, "t1."));

        assertThat(config.newsTopics().enriched().name()).isEqualTo("t1.news.articles.enriched");
        assertThat(config.sinkTopics().all()).allSatisfy(topic -> assertThat(topic.name()).startsWith("t1.news.entities."));
        assertThat(config.sinkTopics().all()).allSatisfy(topic -> assertThat(topic.compacted()).isTrue());
    }

    @Test
    void shouldCreateArticleAndEntityTopicsWithTheConfiguredPartitionsAndTheDeadLetterTopicWithOne() {
        SinkConfig small = new SinkConfig(Map.of());
        SinkConfig cluster = new SinkConfig(Map.of(SinkConfig.TOPIC_PARTITIONS, "12"));

        assertThat(small.newsTopics().enriched().partitions()).isEqualTo(3);
        assertThat(small.sinkTopics().all()).allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(3));
        assertThat(cluster.newsTopics().raw().partitions()).isEqualTo(12);
        assertThat(cluster.newsTopics().enriched().partitions()).isEqualTo(12);
        assertThat(cluster.newsTopics().dlq().partitions()).isEqualTo(1);
        assertThat(cluster.sinkTopics().all()).allSatisfy(topic -> assertThat(topic.partitions()).isEqualTo(12));
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.TOPIC_PARTITIONS, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SinkConfig.TOPIC_PARTITIONS);
    }

    @Test
    void shouldMaskTheBearerTokenAndRefuseOneTooShort() {
        SinkConfig config = new SinkConfig(Map.of(SinkConfig.HTTP_AUTH_TOKEN, "a-token-long-enough-1234"));

        assertThat(config.authToken()).isEqualTo("a-token-long-enough-1234");
        assertThat(config.toString()).contains(SinkConfig.HTTP_AUTH_TOKEN + "=[hidden]").doesNotContain("long-enough");
        assertThat(new SinkConfig(Map.of()).authToken()).isEmpty();
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.HTTP_AUTH_TOKEN, "pw")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(SinkConfig.HTTP_AUTH_TOKEN)
                .hasMessageNotContaining("pw ");
    }

    @Test
    void shouldRejectRetentionShorterThanADayPlusGraceNamingBothKeys() {
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.WINDOW_RETENTION_MS, Duration.ofDays(1).toMillis(),
                SinkConfig.WINDOW_GRACE_MS, Duration.ofHours(1).toMillis())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.WINDOW_RETENTION_MS)
                .hasMessageContaining(SinkConfig.WINDOW_GRACE_MS);
    }

    @Test
    void shouldRejectApplicationServerWithoutPort() {
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.APPLICATION_SERVER, "sink-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.APPLICATION_SERVER);
    }

    @Test
    void shouldRejectEntityIndexBoundOutOfRange() {
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.ENTITY_INDEX_MAX_ARTICLES, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.ENTITY_INDEX_MAX_ARTICLES);
    }

    @Test
    void shouldKeepTopRankingsForTheGivenWindowsWithinRetentionWithoutRepeats() {
        SinkConfig config = new SinkConfig(Map.of(SinkConfig.TOP_WINDOWS, "24h, 1440m, 7d, 45d"));

        assertThat(config.topWindows()).containsExactly(Duration.ofHours(24), Duration.ofDays(7));
        assertThat(new SinkConfig(Map.of()).topWindows()).containsExactly(Duration.ofHours(24), Duration.ofDays(7));
        assertThat(new SinkConfig(Map.of(SinkConfig.TOP_WINDOWS, "")).topWindows()).isEmpty();
    }

    @Test
    void shouldRejectTopWindowThatIsNotALengthNamingKeyAndValue() {
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.TOP_WINDOWS, "24h,1w")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkConfig.TOP_WINDOWS)
                .hasMessageContaining("'1w'");
        assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.TOP_WINDOWS, "0h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'0h'");
    }
}
