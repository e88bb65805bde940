package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final AvroSerde<Article> articles = AvroSerde.of(Article.class);

    @Test
    void shouldRoundTripArticleWithEveryField() {
        Article article = TestArticles.article("a-1");

        byte[] bytes = articles.serialize("t", article);

        assertThat(articles.deserialize("t", bytes)).isEqualTo(article);
    }

    @Test
    void shouldRoundTripEnrichedArticle() {
        AvroSerde<EnrichedArticle> serde = AvroSerde.of(EnrichedArticle.class);
        EnrichedArticle enriched = TestArticles.enriched("a-2");

        assertThat(serde.deserialize("t", serde.serialize("t", enriched))).isEqualTo(enriched);
    }

    @Test
    void shouldWriteSingleObjectEncodingHeader() {
        byte[] bytes = articles.serialize("t", TestArticles.article("a-1"));

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void shouldMapNullToNullBothWaysForTombstones() {
        assertThat(articles.serialize("t", null)).isNull();
        assertThat(articles.deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectGarbageBytesWithClearMessage() {
        byte[] garbage = "this is not avro".getBytes();

        assertThatThrownBy(() -> articles.deserialize("news.articles.raw", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Not an Avro single-object record of Article")
                .hasMessageContaining("news.articles.raw");
    }

    @Test
    void shouldRejectTruncatedRecord() {
        byte[] bytes = articles.serialize("t", TestArticles.article("a-1"));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> articles.deserialize("t", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Corrupt or truncated Article");
    }

    @Test
    void shouldRejectEmptyBytes() {
        assertThatThrownBy(() -> articles.deserialize("t", new byte[0]))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRejectUnknownSchemaFingerprint() throws Exception {
        Schema stranger = SchemaBuilder.record("Stranger").namespace("elsewhere").fields()
                .requiredString("x").endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("x", "y");
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        assertThatThrownBy(() -> articles.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema fingerprint");
    }

    @Test
    void shouldReadRecordsWrittenByEveryReleasedVersion() throws Exception {
        for (Schema released : SchemaHistory.versions("Article")) {
            GenericRecord record = new GenericData.Record(released);
            for (Schema.Field field : released.getFields()) {
                record.put(field.name(), field.hasDefaultValue() ? GenericData.get().getDefaultValue(field) : null);
            }
            record.put("id", "old-1");
            record.put("source", "s");
            record.put("body", "b");
            record.put("ingestedAt", 1L);
            record.put("contentHash", "h");
            ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);

            Article read = articles.deserialize("t", bytes);

            assertThat(read.getId()).isEqualTo("old-1");
            assertThat(read.getAuthors()).isEmpty();
        }
    }
}
