package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupFingerprint;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.AvroTrust;
import java.nio.ByteBuffer;

/** Serde of enrich's own Avro record (single-object encoding, null for tombstones) and the packing of its arrays. */
final class DedupSerdes {

    private DedupSerdes() {
    }

    static AvroSerde<DedupFingerprint> fingerprint() {
        AvroTrust.ensureGeneratedClassesTrusted();
        return AvroSerde.of(DedupFingerprint.class);
    }

    static ByteBuffer pack(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
        buffer.asIntBuffer().put(values);
        return buffer;
    }

    static int[] unpackInts(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        int[] values = new int[view.remaining() / Integer.BYTES];
        view.asIntBuffer().get(values);
        return values;
    }

    static ByteBuffer pack(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
        buffer.asLongBuffer().put(values);
        return buffer;
    }

    static long[] unpackLongs(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        long[] values = new long[view.remaining() / Long.BYTES];
        view.asLongBuffer().get(values);
        return values;
    }
}
