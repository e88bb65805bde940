package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.config.StageConfig;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.format.JsonAvroSerde;
import dev.newsflow.schemas.format.RegistryAvroSerde;
import dev.newsflow.schemas.format.TopicSerdes;
import dev.newsflow.schemas.format.ValueFormat;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TopicSerdesTest {
    private static final ConfigDef DEFINITION = TopicSerdes.define(new ConfigDef());

    private static TopicSerdes fromConfig(Map<String, String> values) {
        return TopicSerdes.from(new StageConfig("test", DEFINITION, values) { });
    }

    @Test
    void shouldDefaultToSingleObjectAvro() {
        TopicSerdes serdes = fromConfig(Map.of());

        assertThat(serdes.format()).isEqualTo(ValueFormat.AVRO);
        assertThat(serdes.value(Article.class)).isInstanceOf(AvroSerde.class);
    }

    @Test
    void shouldBuildEveryTopicOfOneDeploymentInTheConfiguredFormat() {
        NewsTopics topics = NewsTopics.of("", fromConfig(Map.of("value.format", "json")));

        assertThat(topics.raw().valueSerde()).isInstanceOf(JsonAvroSerde.class);
        assertThat(topics.enriched().valueSerde()).isInstanceOf(JsonAvroSerde.class);
        assertThat(topics.dlq().valueSerde().getClass().getSimpleName()).isEqualTo("ByteArraySerde");
    }

    @Test
    void shouldGiveTheRegistrySettingsToEverySerdeInItsConfigurePass() {
        TopicSerdes serdes = fromConfig(Map.of("value.format", "avro-registry", "schema.registry.url", "http://127.0.0.1:1"));

        RegistryAvroSerde<Article> serde = (RegistryAvroSerde<Article>) serdes.value(Article.class);

        // Configured: a read goes to the registry (unreachable here), it does not fail for want of a URL.
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0, 0, 0, 7, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot resolve schema id 7")
                .hasMessageContaining("http://127.0.0.1:1/ is unreachable");
    }

    @Test
    void shouldRefuseRegistryFormatWithoutUrlNamingTheKey() {
        assertThatThrownBy(() -> fromConfig(Map.of("value.format", "avro-registry")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url must be set when value.format=avro-registry");
    }

    @Test
    void shouldRefuseAnUnknownFormatNamingTheChoices() {
        assertThatThrownBy(() -> fromConfig(Map.of("value.format", "protobuf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.format")
                .hasMessageContaining("avro-registry");
    }

    @Test
    void shouldRejectBytesOfAnotherFormatWithAClearMessage() {
        TopicSerdes serdes = fromConfig(Map.of("value.format", "avro-registry", "schema.registry.url", "http://127.0.0.1:1"));
        byte[] singleObject = AvroSerde.of(Article.class).serialize("t", TestArticles.article("a-1"));

        assertThatThrownBy(() -> serdes.value(Article.class).deserializer().deserialize("news.articles.raw", singleObject))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not a Schema Registry record of Article (topic news.articles.raw")
                .hasMessageContaining("first byte 195");
    }

    @Test
    void shouldMaskTheRegistryPasswordWhenTheConfigIsLogged() {
        StageConfig config = new StageConfig("test", DEFINITION,
                Map.of("schema.registry.basic.auth.user.info", "alice:s3cret")) { };

        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "{0}: a tombstone stays a tombstone")
    @EnumSource(ValueFormat.class)
    void shouldKeepTombstonesInEveryFormat(ValueFormat format) {
        TopicSerdes serdes = TopicSerdes.of(format, Map.of("schema.registry.url", "http://127.0.0.1:1"));

        assertThat(serdes.value(Article.class).serializer().serialize("t", null)).isNull();
        assertThat(serdes.value(Article.class).deserializer().deserialize("t", null)).isNull();
    }
}
