package dev.newsflow.enrich.topology;

import dev.newsflow.schemas.AvroTrust;
import dev.newsflow.enrich.avro.DedupProbe;
import dev.newsflow.enrich.avro.DedupReport;
import dev.newsflow.schemas.AvroSerde;
import java.nio.ByteBuffer;

/** Serdes of enrich's own Avro records (single-object encoding, null for tombstones). */
final class DedupSerdes {

    private DedupSerdes() {
    }

    static AvroSerde<DedupProbe> probe() {
        AvroTrust.ensureGeneratedClassesTrusted();
        return AvroSerde.of(DedupProbe.class);
    }

    static AvroSerde<DedupReport> report() {
        AvroTrust.ensureGeneratedClassesTrusted();
        return AvroSerde.of(DedupReport.class);
    }

    static ByteBuffer pack(int[] shingles) {
        ByteBuffer buffer = ByteBuffer.allocate(shingles.length * Integer.BYTES);
        buffer.asIntBuffer().put(shingles);
        return buffer;
    }

    static int[] unpack(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        int[] shingles = new int[view.remaining() / Integer.BYTES];
        view.asIntBuffer().get(shingles);
        return shingles;
    }
}
