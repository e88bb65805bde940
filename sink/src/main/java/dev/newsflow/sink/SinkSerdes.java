package dev.newsflow.sink;

import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import org.apache.avro.util.ClassSecurityValidator;

/** Serdes of the sink's own Avro records (single-object encoding, null for tombstones). */
public final class SinkSerdes {
    private static final String PACKAGE = "dev.newsflow.sink.avro.";
    private static volatile boolean trusted;

    private SinkSerdes() {
    }

    public static AvroSerde<ArticleCopy> articleCopy() {
        trust();
        return AvroSerde.of(ArticleCopy.class);
    }

    public static AvroSerde<EntityEvent> entityEvent() {
        trust();
        return AvroSerde.of(EntityEvent.class);
    }

    public static AvroSerde<EntityArticle> entityArticle() {
        trust();
        return AvroSerde.of(EntityArticle.class);
    }

    public static AvroSerde<EntityIndex> entityIndex() {
        trust();
        return AvroSerde.of(EntityIndex.class);
    }

    public static AvroSerde<EntitySentimentWindow> sentimentWindow() {
        trust();
        return AvroSerde.of(EntitySentimentWindow.class);
    }

    /** Avro 1.12 only instantiates classes from trusted packages: add ours, keeping the rest. */
    private static void trust() {
        if (trusted) {
            return;
        }
        synchronized (SinkSerdes.class) {
            if (!trusted) {
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                        clazz -> clazz.getName().startsWith(PACKAGE)));
                trusted = true;
            }
        }
    }
}
