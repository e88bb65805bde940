package dev.newsflow.sink;

import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.sink.avro.AliasEvent;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;

/**
 * Serdes of the sink's state stores, changelogs and repartition topic: single-object Avro (null
 * for tombstones) whatever {@code value.format} the public topics use. The output topics get
 * theirs from {@link dev.newsflow.schemas.format.TopicSerdes}.
 */
public final class SinkSerdes {
    private SinkSerdes() {
    }

    public static AvroSerde<ArticleCopy> articleCopy() {
        return AvroSerde.of(ArticleCopy.class);
    }

    public static AvroSerde<EntityEvent> entityEvent() {
        return AvroSerde.of(EntityEvent.class);
    }

    public static AvroSerde<AliasEvent> aliasEvent() {
        return AvroSerde.of(AliasEvent.class);
    }

    public static AvroSerde<EntityAliases> entityAliases() {
        return AvroSerde.of(EntityAliases.class);
    }

    public static AvroSerde<EntityArticle> entityArticle() {
        return AvroSerde.of(EntityArticle.class);
    }

    public static AvroSerde<EntityIndex> entityIndex() {
        return AvroSerde.of(EntityIndex.class);
    }

    public static AvroSerde<EntitySentimentWindow> sentimentWindow() {
        return AvroSerde.of(EntitySentimentWindow.class);
    }
}
