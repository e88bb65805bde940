package dev.newsflow.enrich.topology;

import dev.newsflow.enrich.avro.DedupFingerprint;
import dev.newsflow.schemas.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The band index of near-duplicate detection, laid out in one key-value store of byte keys so
 * that one band is one prefix scan:
 * <ul>
 *   <li>{@code 'F' id} to the article's {@link DedupFingerprint} (its bands and verification shingles);</li>
 *   <li>{@code 'B' band value seenAt id}, one per band, empty value: the articles of a band, oldest first;</li>
 *   <li>{@code 'T' seenAt id}, empty value: the articles by record time, for expiry.</li>
 * </ul>
 * Times are stored big-endian with the sign bit flipped, so byte order is time order. The global
 * processor ({@link DedupIndexProcessor}) writes; the check ({@link DedupCheckProcessor}) only reads.
 */
final class DedupIndex {
    private static final byte FINGERPRINT = 'F';
    private static final byte BAND = 'B';
    private static final byte TIME = 'T';
    private static final Serializer<Bytes> PREFIX = Serdes.Bytes().serializer();

    /** One indexed article: what a candidate is verified on. */
    record Entry(String id, long seenAt, long[] bands, int[] shingles, int rate) {
        static Entry of(String id, DedupFingerprint fingerprint) {
            return new Entry(id, fingerprint.getSeenAt(), DedupSerdes.unpackLongs(fingerprint.getBands()),
                    DedupSerdes.unpackInts(fingerprint.getShingles()), fingerprint.getRate());
        }

        DedupFingerprint fingerprint() {
            return new DedupFingerprint(seenAt, DedupSerdes.pack(bands), DedupSerdes.pack(shingles), rate);
        }
    }

    /** A candidate found in a band: who and when, before its fingerprint is read. */
    record Candidate(String id, long seenAt) {
    }

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private final AvroSerde<DedupFingerprint> serde = DedupSerdes.fingerprint();

    DedupIndex(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** The indexed article {@code id}, or null. */
    Entry get(String id) {
        byte[] value = store.get(fingerprintKey(id));
        return value == null ? null : Entry.of(id, serde.deserialize(null, value));
    }

    /** Every article indexed under band {@code band} with key {@code value}, oldest first. */
    List<Candidate> band(int band, long value) {
        List<Candidate> found = new ArrayList<>();
        Bytes prefix = Bytes.wrap(ByteBuffer.allocate(1 + 1 + Long.BYTES).put(BAND).put((byte) band).putLong(value).array());
        try (KeyValueIterator<Bytes, byte[]> entries = store.prefixScan(prefix, PREFIX)) {
            while (entries.hasNext()) {
                ByteBuffer key = ByteBuffer.wrap(entries.next().key.get());
                key.position(prefix.get().length);
                long seenAt = fromSortable(key.getLong());
                found.add(new Candidate(new String(key.array(), key.position(), key.remaining(), StandardCharsets.UTF_8), seenAt));
            }
        }
        return found;
    }

    /** Indexes {@code entry}, replacing an earlier version of the same id. The store must be writable. */
    void put(Entry entry) {
        KeyValueStore<Bytes, byte[]> writable = writable();
        remove(entry.id());
        writable.put(fingerprintKey(entry.id()), serde.serialize(null, entry.fingerprint()));
        for (int band = 0; band < entry.bands().length; band++) {
            writable.put(bandKey(band, entry.bands()[band], entry.seenAt(), entry.id()), new byte[0]);
        }
        writable.put(timeKey(entry.seenAt(), entry.id()), new byte[0]);
    }

    /** Takes article {@code id} out of the index; nothing when it is not there. Returns whether it was. */
    boolean remove(String id) {
        KeyValueStore<Bytes, byte[]> writable = writable();
        Entry old = get(id);
        if (old == null) {
            return false;
        }
        for (int band = 0; band < old.bands().length; band++) {
            writable.delete(bandKey(band, old.bands()[band], old.seenAt(), id));
        }
        writable.delete(timeKey(old.seenAt(), id));
        writable.delete(fingerprintKey(id));
        return true;
    }

    /** Takes out every article whose record time is before {@code cutoff}; returns how many. */
    int expire(long cutoff) {
        List<String> expired = new ArrayList<>();
        Bytes from = Bytes.wrap(new byte[] {TIME});
        Bytes to = Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES).put(TIME).putLong(toSortable(cutoff)).array());
        try (KeyValueIterator<Bytes, byte[]> entries = store.range(from, to)) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                byte[] key = entry.key.get();
                if (key.length <= 1 + Long.BYTES) {
                    continue; // exactly the upper bound: no id, not an entry
                }
                expired.add(new String(key, 1 + Long.BYTES, key.length - 1 - Long.BYTES, StandardCharsets.UTF_8));
            }
        }
        expired.forEach(this::remove);
        return expired.size();
    }

    /** Articles in the index (a full scan of the time keys: for tests and diagnostics). */
    long size() {
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> entries = store.prefixScan(Bytes.wrap(new byte[] {TIME}), PREFIX)) {
            while (entries.hasNext()) {
                entries.next();
                count++;
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private KeyValueStore<Bytes, byte[]> writable() {
        return (KeyValueStore<Bytes, byte[]>) store;
    }

    static Bytes fingerprintKey(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + idBytes.length).put(FINGERPRINT).put(idBytes).array());
    }

    static Bytes bandKey(int band, long value, long seenAt, String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(2 + 2 * Long.BYTES + idBytes.length)
                .put(BAND).put((byte) band).putLong(value).putLong(toSortable(seenAt)).put(idBytes).array());
    }

    static Bytes timeKey(long seenAt, String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + idBytes.length).put(TIME).putLong(toSortable(seenAt)).put(idBytes).array());
    }

    private static long toSortable(long time) {
        return time ^ Long.MIN_VALUE;
    }

    private static long fromSortable(long stored) {
        return stored ^ Long.MIN_VALUE;
    }
}
