package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class NewsTopicsTest {

    @Test
    void shouldUseDocumentedNamesByDefault() {
        NewsTopics topics = NewsTopics.defaults();

        assertThat(topics.raw().name()).isEqualTo("news.articles.raw");
        assertThat(topics.enriched().name()).isEqualTo("news.articles.enriched");
        assertThat(topics.dlq().name()).isEqualTo("news.articles.dlq");
    }

    @Test
    void shouldPrefixEveryTopicName() {
        assertThat(NewsTopics.withPrefix("t1.").all())
                .extracting(Topic::name)
                .containsExactly("t1.news.articles.raw", "t1.news.articles.enriched", "t1.news.articles.dlq");
    }

    @Test
    void shouldGiveArticleTopicsTheAskedPartitionsAndTheDeadLetterTopicOne() {
        NewsTopics topics = NewsTopics.of("t1.", 12);

        assertThat(topics.raw().partitions()).isEqualTo(12);
        assertThat(topics.enriched().partitions()).isEqualTo(12);
        assertThat(topics.dlq().partitions()).isEqualTo(1);
        assertThat(topics.raw().name()).isEqualTo("t1.news.articles.raw");
        assertThat(NewsTopics.defaults().raw().partitions()).isEqualTo(NewsTopics.DEFAULT_PARTITIONS).isEqualTo(3);
    }

    @Test
    void shouldCompactArticleTopicsButNotTheDeadLetterTopic() {
        NewsTopics topics = NewsTopics.defaults();

        assertThat(topics.raw().compacted()).isTrue();
        assertThat(topics.enriched().compacted()).isTrue();
        assertThat(topics.dlq().compacted()).isFalse();
    }

    @Test
    void shouldKeepDescriptorImmutable() {
        Topic<String, String> topic = new Topic<>("a", Serdes.String(), Serdes.String(), 1, Map.of("k", "v"));

        Topic<String, String> renamed = topic.withName("b");

        assertThat(topic.name()).isEqualTo("a");
        assertThat(renamed.name()).isEqualTo("b");
        assertThatThrownBy(() -> topic.configs().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRejectZeroPartitions() {
        assertThatThrownBy(() -> new Topic<>("a", Serdes.String(), Serdes.String(), 0, Map.of()))
                .hasMessageContaining("partitions must be >= 1");
    }
}
