package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupProbe;
import dev.newsflow.enrich.avro.DedupReport;
import dev.newsflow.schemas.AvroSerde;
import java.nio.ByteBuffer;
import org.apache.avro.util.ClassSecurityValidator;

/** Serdes of enrich's own Avro records (single-object encoding, null for tombstones). */
final class DedupSerdes {
    private static final String PACKAGE = "dev.newsflow.enrich.avro.";
    private static volatile boolean trusted;

    private DedupSerdes() {
    }

    static AvroSerde<DedupProbe> probe() {
        trust();
        return AvroSerde.of(DedupProbe.class);
    }

    static AvroSerde<DedupReport> report() {
        trust();
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

    /** Avro 1.12 only instantiates classes from trusted packages: add ours, keeping the rest. */
    private static void trust() {
        if (trusted) {
            return;
        }
        synchronized (DedupSerdes.class) {
            if (!trusted) {
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                        clazz -> clazz.getName().startsWith(PACKAGE)));
                trusted = true;
            }
        }
    }
}
