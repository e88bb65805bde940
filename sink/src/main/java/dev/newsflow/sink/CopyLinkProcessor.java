package dev.newsflow.sink;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.CopyOp;
import dev.newsflow.sink.store.EventTime;
import dev.newsflow.sink.store.SinkStores;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by article id: remembers which original each copy names ({@code duplicateOf}) and sends
 * the link to the original's partition, where {@link CopiesProcessor} lists it; a copy that is
 * deleted or no longer names that original is withdrawn from it.
 */
final class CopyLinkProcessor implements Processor<String, EnrichedArticle, String, ArticleCopy> {
    private ProcessorContext<String, ArticleCopy> context;
    private KeyValueStore<String, String> copyOf;

    @Override
    public void init(ProcessorContext<String, ArticleCopy> context) {
        this.context = context;
        this.copyOf = context.getStateStore(SinkStores.COPY_OF);
    }

    @Override
    public void process(Record<String, EnrichedArticle> record) {
        String id = record.key();
        if (id == null) {
            return;
        }
        EnrichedArticle article = record.value();
        String previous = copyOf.get(id);
        String next = article == null ? null : article.getDuplicateOf();
        if (previous != null && !previous.equals(next)) {
            copyOf.delete(id);
            context.forward(record.withKey(previous).withValue(ArticleCopy.newBuilder()
                    .setOp(CopyOp.REMOVE).setOriginal(previous).setId(id).setTime(Instant.ofEpochMilli(record.timestamp()))
                    .build()));
        }
        if (next != null) {
            copyOf.put(id, next);
            context.forward(record.withKey(next).withValue(ArticleCopy.newBuilder()
                    .setOp(CopyOp.ADD).setOriginal(next).setId(id)
                    .setTitle(article.getTitle()).setUrl(article.getUrl()).setSource(article.getSource())
                    .setTime(Instant.ofEpochMilli(EventTime.of(article)))
                    .setSimilarity(article.getDuplicateSimilarity())
                    .build()));
        }
    }
}
