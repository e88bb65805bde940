package dev.newsflow.sink;

import dev.newsflow.sink.avro.AliasEvent;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.store.AliasIndexes;
import dev.newsflow.sink.store.SinkStores;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies alias events (partitioned by surface form) to the alias index. */
final class AliasProcessor implements Processor<String, AliasEvent, Void, Void> {
    private KeyValueStore<String, EntityAliases> aliases;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.aliases = context.getStateStore(SinkStores.ALIASES);
    }

    @Override
    public void process(Record<String, AliasEvent> record) {
        String surface = record.key();
        if (surface == null || record.value() == null) {
            return;
        }
        EntityAliases current = aliases.get(surface);
        EntityAliases updated = AliasIndexes.apply(current, surface, record.value());
        if (updated == null) {
            if (current != null) {
                aliases.delete(surface);
            }
        } else {
            aliases.put(surface, updated);
        }
    }
}
