package dev.newsflow.schemas;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that is its own serializer and deserializer, for one generated Avro class: the shape
 * every value format's serde has ({@link AvroSerde}, {@code JsonAvroSerde}, {@code RegistryAvroSerde}).
 * The class fixes the schema, so there is nothing to configure; none holds resources to close.
 */
public interface RecordSerde<T extends SpecificRecord> extends Serde<T>, Serializer<T>, Deserializer<T> {
    @Override
    default Serializer<T> serializer() {
        return this;
    }

    @Override
    default Deserializer<T> deserializer() {
        return this;
    }

    @Override
    default void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    default void close() {
    }
}
