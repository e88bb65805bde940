package dev.newsflow.sink;

import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.CopyOp;
import dev.newsflow.sink.store.SinkStores;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keyed by original id: keeps the list of its known copies ({@link SinkStores#copyKey}). */
final class CopiesProcessor implements Processor<String, ArticleCopy, Void, Void> {
    private KeyValueStore<String, ArticleCopy> copies;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.copies = context.getStateStore(SinkStores.COPIES);
    }

    @Override
    public void process(Record<String, ArticleCopy> record) {
        ArticleCopy copy = record.value();
        if (record.key() == null || copy == null) {
            return;
        }
        String key = SinkStores.copyKey(copy.getOriginal(), copy.getId());
        if (copy.getOp() == CopyOp.REMOVE) {
            copies.delete(key);
        } else {
            copies.put(key, copy);
        }
    }
}
