package dev.newsflow.schemas.format;

import dev.newsflow.schemas.AvroTrust;
import dev.newsflow.schemas.RecordSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Kafka serde for a generated Avro class in the Confluent Schema Registry wire format (value
 * format {@code avro-registry}): byte 0, the schema id (4 bytes, big-endian), the Avro binary
 * record. Subjects follow the TopicNameStrategy ({@code <topic>-value}).
 *
 * <p>{@link #register(String)} puts the class's schema under the topic's subject and sets the
 * subject's compatibility to BACKWARD; the stages call it for every topic they use when they
 * start ({@link TopicSerdes#registerSchemas}), so a schema the registry refuses stops the stage
 * there, not mid-stream. Reading fetches the writer's schema by id once and resolves it to the
 * current class, as Avro schema resolution does.
 *
 * <p>Needs its configure pass ({@link #configure}) with {@code schema.registry.url} before use.
 */
public final class RegistryAvroSerde<T extends SpecificRecord> implements RecordSerde<T> {
    public static final byte MAGIC = 0;
    public static final String COMPATIBILITY = "BACKWARD";

    private final Class<T> type;
    private final SpecificData data;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient client;

    private RegistryAvroSerde(Class<T> type) {
        AvroTrust.ensureGeneratedClassesTrusted();
        this.type = type;
        this.data = SpecificData.getForClass(type);
        this.schema = data.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, data);
    }

    /** Not usable until {@link #configure} has given it the registry settings. */
    public static <T extends SpecificRecord> RegistryAvroSerde<T> of(Class<T> type) {
        return new RegistryAvroSerde<>(Objects.requireNonNull(type, "type"));
    }

    public Schema schema() {
        return schema;
    }

    /** TopicNameStrategy: the subject of a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.client = new SchemaRegistryClient(RegistrySettings.from(configs));
    }

    /**
     * Sets BACKWARD compatibility on the topic's subject and registers this class's schema there.
     *
     * @return the schema id
     * @throws SchemaRegistryException when the registry refuses the schema (incompatible) or cannot be reached
     */
    public int register(String topic) {
        String subject = subject(topic);
        SchemaRegistryClient registry = client();
        try {
            registry.setCompatibility(subject, COMPATIBILITY);
            int id = registry.register(subject, schema);
            idsByTopic.put(topic, id);
            return id;
        } catch (SchemaRegistryException e) {
            String why = e.status() == 409 ? "refuses schema " + schema.getFullName() + " as incompatible with the versions"
                    + " already under subject " + subject + " (compatibility " + COMPATIBILITY + ")"
                    : "did not register schema " + schema.getFullName() + " under subject " + subject;
            throw new SchemaRegistryException("The schema registry " + why + ": " + e.getMessage(), e.status());
        }
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        // Registered at start; a topic the stage did not announce is registered on first use.
        Integer known = idsByTopic.get(topic);
        int id = known != null ? known : register(topic);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
            return out.toByteArray();
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
        if (bytes.length < 5 || bytes[0] != MAGIC) {
            throw new SerializationException("Not a Schema Registry record of " + type.getSimpleName() + " (topic " + topic
                    + ", " + bytes.length + " bytes): " + (bytes.length == 0 ? "empty" : "first byte " + (bytes[0] & 0xff)
                    + ", expected 0 followed by a 4-byte schema id"));
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader;
        try {
            reader = readersById.computeIfAbsent(id, known -> new SpecificDatumReader<>(client().schema(known), schema, data));
        } catch (SchemaRegistryException | AvroRuntimeException e) {
            throw new SerializationException("Cannot resolve schema id " + id + " of " + type.getSimpleName() + " (topic "
                    + topic + "): " + e.getMessage(), e);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Corrupt or truncated " + type.getSimpleName() + " record (topic " + topic
                    + ", schema id " + id + ", " + bytes.length + " bytes): " + e, e);
        }
    }

    private SchemaRegistryClient client() {
        SchemaRegistryClient configured = client;
        if (configured == null) {
            throw new IllegalStateException("RegistryAvroSerde of " + type.getSimpleName()
                    + " used before configure() gave it " + TopicSerdes.REGISTRY_URL);
        }
        return configured;
    }
}
