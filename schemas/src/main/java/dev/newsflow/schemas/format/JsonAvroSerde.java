package dev.newsflow.schemas.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.schemas.AvroTrust;
import dev.newsflow.schemas.RecordSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Kafka serde that writes a generated Avro class as a plain UTF-8 JSON object (value format
 * {@code json}): the Avro field names, a union with null as the value or {@code null}, enums
 * as their symbol, arrays and maps as JSON arrays and objects, {@code timestamp-millis} as an
 * ISO-8601 UTC string ({@code 2025-04-02T06:45:00Z}), bytes as base64. Any JSON reader can read
 * it without NewsFlow code or a schema.
 *
 * <p>Reading is lenient the way Avro schema resolution is: unknown fields are ignored, a
 * missing field takes its default (so records of older versions stay readable), and a
 * timestamp may also be a number of epoch milliseconds. Anything else that does not fit the
 * schema raises {@link SerializationException} naming the field. {@code null} maps to
 * {@code null} both ways (tombstones). Thread-safe.
 */
public final class JsonAvroSerde<T extends SpecificRecord> implements RecordSerde<T> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Class<T> type;
    private final Schema schema;
    private final SpecificDatumWriter<T> specificWriter;
    private final SpecificDatumReader<T> specificReader;
    private final GenericDatumReader<Object> genericReader;
    private final GenericDatumWriter<Object> genericWriter;

    private JsonAvroSerde(Class<T> type) {
        AvroTrust.ensureGeneratedClassesTrusted();
        this.type = type;
        SpecificData data = SpecificData.getForClass(type);
        this.schema = data.getSchema(type);
        this.specificWriter = new SpecificDatumWriter<>(schema, data);
        this.specificReader = new SpecificDatumReader<>(schema, schema, data);
        // GenericData.get() has no logical-type conversions: timestamps stay epoch millis here.
        this.genericReader = new GenericDatumReader<>(schema, schema, GenericData.get());
        this.genericWriter = new GenericDatumWriter<>(schema, GenericData.get());
    }

    public static <T extends SpecificRecord> JsonAvroSerde<T> of(Class<T> type) {
        return new JsonAvroSerde<>(type);
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
            // Through Avro's binary form, so the generic view has raw values (no conversions).
            Object generic = genericReader.read(null, decoder(binary(specificWriter, value)));
            return MAPPER.writeValueAsBytes(toJson(schema, generic));
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException(
                    "Cannot serialize " + type.getSimpleName() + " as JSON for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new SerializationException("Not a JSON " + type.getSimpleName() + " (topic " + topic + ", "
                    + bytes.length + " bytes): " + firstLine(e), e);
        }
        if (json == null || !json.isObject()) {
            throw new SerializationException("Not a JSON object of " + type.getSimpleName() + " (topic " + topic + ")");
        }
        try {
            Object generic = fromJson(schema, json, schema.getName());
            return specificReader.read(null, decoder(binary(genericWriter, generic)));
        } catch (IOException | AvroRuntimeException | ClassCastException e) {
            throw new SerializationException("JSON does not fit " + type.getSimpleName() + " (topic " + topic + "): "
                    + e.getMessage(), e);
        }
    }

    private static <D> byte[] binary(org.apache.avro.io.DatumWriter<D> writer, D datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static BinaryDecoder decoder(byte[] bytes) {
        return DecoderFactory.get().binaryDecoder(bytes, null);
    }

    private static boolean isTimestamp(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return logical != null && (logical.getName().equals("timestamp-millis") || logical.getName().equals("local-timestamp-millis"));
    }

    static JsonNode toJson(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(field.schema(), record.get(field.pos())));
                }
                return object;
            }
            case UNION -> {
                int branch = GenericData.get().resolveUnion(schema, value);
                return toJson(schema.getTypes().get(branch), value);
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Iterable<?>) value) {
                    array.add(toJson(schema.getElementType(), item));
                }
                return array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    object.set(entry.getKey().toString(), toJson(schema.getValueType(), entry.getValue()));
                }
                return object;
            }
            case STRING, ENUM -> {
                return NODES.textNode(value.toString());
            }
            case LONG -> {
                return isTimestamp(schema) ? NODES.textNode(Instant.ofEpochMilli((Long) value).toString())
                        : NODES.numberNode((Long) value);
            }
            case INT -> {
                return NODES.numberNode((Integer) value);
            }
            case FLOAT -> {
                return NODES.numberNode((Float) value);
            }
            case DOUBLE -> {
                return NODES.numberNode((Double) value);
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) value);
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> {
                return NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
            }
            case NULL -> {
                return NODES.nullNode();
            }
            default -> throw new AvroRuntimeException("Unsupported Avro type " + schema.getType());
        }
    }

    static Object fromJson(Schema schema, JsonNode json, String path) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!json.isObject()) {
                    throw new AvroRuntimeException(path + ": expected an object, found " + json.getNodeType());
                }
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode member = json.get(field.name());
                    if (member == null || member.isMissingNode()) {
                        if (!field.hasDefaultValue()) {
                            throw new AvroRuntimeException(path + "." + field.name() + ": missing, and it has no default");
                        }
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), fromJson(field.schema(), member, path + "." + field.name()));
                    }
                }
                return record;
            }
            case UNION -> {
                if (json.isNull()) {
                    for (Schema branch : schema.getTypes()) {
                        if (branch.getType() == Schema.Type.NULL) {
                            return null;
                        }
                    }
                    throw new AvroRuntimeException(path + ": null is not allowed");
                }
                AvroRuntimeException last = null;
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() == Schema.Type.NULL) {
                        continue;
                    }
                    try {
                        return fromJson(branch, json, path);
                    } catch (AvroRuntimeException e) {
                        last = e;
                    }
                }
                throw last != null ? last : new AvroRuntimeException(path + ": no branch of " + schema + " fits");
            }
            case ARRAY -> {
                if (!json.isArray()) {
                    throw new AvroRuntimeException(path + ": expected an array, found " + json.getNodeType());
                }
                List<Object> items = new ArrayList<>(json.size());
                int index = 0;
                for (JsonNode item : json) {
                    items.add(fromJson(schema.getElementType(), item, path + "[" + index++ + "]"));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!json.isObject()) {
                    throw new AvroRuntimeException(path + ": expected an object, found " + json.getNodeType());
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), fromJson(schema.getValueType(), entry.getValue(), path + "." + entry.getKey()));
                }
                return map;
            }
            case STRING -> {
                return text(json, path);
            }
            case ENUM -> {
                String symbol = text(json, path);
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new AvroRuntimeException(path + ": '" + symbol + "' is not one of " + schema.getEnumSymbols());
                }
                return new GenericData.EnumSymbol(schema, symbol);
            }
            case LONG -> {
                if (isTimestamp(schema) && json.isTextual()) {
                    try {
                        return Instant.parse(json.asText()).toEpochMilli();
                    } catch (DateTimeParseException e) {
                        throw new AvroRuntimeException(path + ": not an ISO-8601 instant: '" + json.asText() + "'");
                    }
                }
                if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                    throw new AvroRuntimeException(path + ": expected a whole number, found " + json);
                }
                return json.longValue();
            }
            case INT -> {
                if (!json.isIntegralNumber() || !json.canConvertToInt()) {
                    throw new AvroRuntimeException(path + ": expected an int, found " + json);
                }
                return json.intValue();
            }
            case FLOAT -> {
                return (float) number(json, path);
            }
            case DOUBLE -> {
                return number(json, path);
            }
            case BOOLEAN -> {
                if (!json.isBoolean()) {
                    throw new AvroRuntimeException(path + ": expected true or false, found " + json);
                }
                return json.booleanValue();
            }
            case BYTES -> {
                return ByteBuffer.wrap(base64(json, path));
            }
            case FIXED -> {
                return new GenericData.Fixed(schema, base64(json, path));
            }
            case NULL -> {
                if (!json.isNull()) {
                    throw new AvroRuntimeException(path + ": expected null, found " + json);
                }
                return null;
            }
            default -> throw new AvroRuntimeException("Unsupported Avro type " + schema.getType());
        }
    }

    private static String text(JsonNode json, String path) {
        if (!json.isTextual()) {
            throw new AvroRuntimeException(path + ": expected a string, found " + json.getNodeType());
        }
        return json.textValue();
    }

    private static double number(JsonNode json, String path) {
        if (!json.isNumber()) {
            throw new AvroRuntimeException(path + ": expected a number, found " + json.getNodeType());
        }
        return json.doubleValue();
    }

    private static byte[] base64(JsonNode json, String path) {
        try {
            return Base64.getDecoder().decode(text(json, path));
        } catch (IllegalArgumentException e) {
            throw new AvroRuntimeException(path + ": not base64");
        }
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
