package dev.newsflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.schemas.NewsTopics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeploymentTest {
    private static final ConfigDef DEFINITION = Deployment.define(new ConfigDef())
            .define(StageConfig.TOPIC_PREFIX, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW, "prefix")
            .define(StageConfig.APPLICATION_ID, ConfigDef.Type.STRING, "newsflow-enrich", ConfigDef.Importance.LOW, "id");

    private static StageConfig config(Map<String, String> env, Map<String, Object> flags) {
        return new StageConfig("test", DEFINITION, StageConfig.merge(DEFINITION, Map.of(), env, flags)) {
        };
    }

    @Test
    void shouldKeepTodaysNamesInTheDefaultDeployment() {
        StageConfig config = config(Map.of(), Map.of());

        assertThat(config.deployment().isDefault()).isTrue();
        assertThat(config.applicationId()).isEqualTo("newsflow-enrich");
        assertThat(NewsTopics.withPrefix(config.topicPrefix()).raw().name()).isEqualTo("news.articles.raw");
    }

    @Test
    void shouldDeriveTopicNamesAndApplicationIdsFromTheDeploymentName() {
        StageConfig config = config(Map.of("NEWSFLOW_DEPLOYMENT", "eco"), Map.of());

        assertThat(config.applicationId()).isEqualTo("eco.newsflow-enrich");
        assertThat(NewsTopics.withPrefix(config.topicPrefix()).enriched().name()).isEqualTo("eco.news.articles.enriched");
    }

    @Test
    void shouldPutTheTopicPrefixInsideTheDeployment() {
        Map<String, Object> flags = new HashMap<>();
        flags.put(Deployment.KEY, "eco");
        flags.put(StageConfig.TOPIC_PREFIX, "test-1.");

        assertThat(NewsTopics.withPrefix(config(Map.of(), flags).topicPrefix()).dlq().name())
                .isEqualTo("eco.test-1.news.articles.dlq");
    }

    @Test
    void shouldLetTheFlagWinOverTheEnvironment() {
        assertThat(config(Map.of("NEWSFLOW_DEPLOYMENT", "eco"), Map.of(Deployment.KEY, "news")).deployment().name())
                .isEqualTo("news");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eco.prod", "-eco", "eco prod", "éco", "a/b"})
    void shouldRejectANameThatIsNotAPlainWordNamingTheKey(String name) {
        assertThatThrownBy(() -> config(Map.of(), Map.of(Deployment.KEY, name)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(Deployment.KEY);
    }
}
