package dev.newsflow.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Kafka serde for a generated Avro class in Avro's single-object encoding
 * (2-byte marker, 8-byte schema fingerprint, binary body).
 *
 * <p>The decoder knows every released version of the schema ({@link SchemaHistory}),
 * so records written by an older version are resolved to the current class.
 * {@code null} maps to {@code null} both ways (tombstones). Anything that is not a
 * valid record of a known version raises {@link SerializationException} with the reason.
 *
 * <p>Instances are thread-safe: Avro's encoder and decoder keep per-thread buffers.
 */
public final class AvroSerde<T extends SpecificRecord> implements RecordSerde<T> {
    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSerde(Class<T> type) {
        AvroTrust.ensureGeneratedClassesTrusted();
        this.type = type;
        SpecificData data = SpecificData.getForClass(type);
        this.schema = data.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        List<Schema> released = SchemaHistory.versions(schema.getName());
        released.forEach(store::addSchema);
        this.encoder = new BinaryMessageEncoder<>(data, schema);
        this.decoder = new BinaryMessageDecoder<>(data, schema, store);
        // The current schema is always readable, released or not (e.g. during development).
        this.decoder.addSchema(schema);
    }

    /** A serde for a class generated from this module's {@code .avsc} files. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(Objects.requireNonNull(type, "type"));
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException(
                    "Cannot serialize " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new SerializationException(
                    "Not an Avro single-object record of " + type.getSimpleName() + " (topic " + topic
                            + ", " + bytes.length + " bytes): " + e.getMessage(), e);
        } catch (MissingSchemaException e) {
            throw new SerializationException(
                    "Unknown schema fingerprint for " + type.getSimpleName() + " (topic " + topic
                            + "): written by a schema version this reader does not know: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Corrupt or truncated " + type.getSimpleName() + " record (topic " + topic + ", "
                            + bytes.length + " bytes): " + e, e);
        }
    }
}
