package dev.newsflow.enrich.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fingerprints this instance wrote lately, shared by its stream threads: the global index
 * learns of an article only after its transaction commits and the global thread reads it back,
 * so a copy processed in the meantime (in the same batch, or on another task of this instance)
 * finds its original here. An entry leaves once the index holds that article (the check sees it
 * there), when its article is replaced or removed, or when more than {@code capacity} are held.
 * An entry of a transaction that aborted stays until then; its article is processed again with
 * the same id and record time, so naming it is still right.
 */
final class RecentFingerprints {
    private final int capacity;
    private final LinkedHashMap<String, DedupIndex.Entry> byId = new LinkedHashMap<>();
    private final Map<String, List<String>> byBand = new HashMap<>();

    RecentFingerprints(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(DedupIndex.Entry entry) {
        remove(entry.id());
        byId.put(entry.id(), entry);
        for (int band = 0; band < entry.bands().length; band++) {
            byBand.computeIfAbsent(key(band, entry.bands()[band]), k -> new ArrayList<>(2)).add(entry.id());
        }
        while (byId.size() > capacity) {
            remove(byId.keySet().iterator().next());
        }
    }

    synchronized void remove(String id) {
        DedupIndex.Entry old = byId.remove(id);
        if (old == null) {
            return;
        }
        for (int band = 0; band < old.bands().length; band++) {
            String key = key(band, old.bands()[band]);
            List<String> ids = byBand.get(key);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byBand.remove(key);
                }
            }
        }
    }

    /** The entries sharing any band with {@code bands}. */
    synchronized List<DedupIndex.Entry> sharingABand(long[] bands) {
        List<DedupIndex.Entry> found = new ArrayList<>();
        for (int band = 0; band < bands.length; band++) {
            List<String> ids = byBand.get(key(band, bands[band]));
            if (ids != null) {
                for (String id : ids) {
                    DedupIndex.Entry entry = byId.get(id);
                    if (!found.contains(entry)) {
                        found.add(entry);
                    }
                }
            }
        }
        return found;
    }

    synchronized boolean contains(String id) {
        return byId.containsKey(id);
    }

    synchronized int size() {
        return byId.size();
    }

    private static String key(int band, long value) {
        return band + ":" + value;
    }
}
