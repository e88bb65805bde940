package dev.newsflow.ingest.publish;

import java.util.HashMap;
import java.util.Map;

/**
 * Which version (content hash) of each article id has been published. An article is sent only
 * when its hash differs from the published one and from one already in flight; a send that
 * fails gives its claim back, so the article is sent again on the next poll. Keeps the first
 * 64 bits of each hash (about 100 bytes an article). Thread-safe.
 */
public final class DedupIndex {
    private final Map<String, Long> published = new HashMap<>();
    private final Map<String, Long> pending = new HashMap<>();
    private final boolean enabled;

    public DedupIndex(boolean enabled) {
        this.enabled = enabled;
    }

    /** True if this version should be sent (and it is now in flight); false for a duplicate. */
    public synchronized boolean claim(String id, String contentHash) {
        long hash = shortHash(contentHash);
        if (enabled && (Long.valueOf(hash).equals(published.get(id)) || Long.valueOf(hash).equals(pending.get(id)))) {
            return false;
        }
        pending.put(id, hash);
        return true;
    }

    /** The broker acknowledged this version. */
    public synchronized void confirm(String id, String contentHash) {
        long hash = shortHash(contentHash);
        pending.remove(id, hash);
        published.put(id, hash);
    }

    /** Sending this version failed: forget the claim. */
    public synchronized void release(String id, String contentHash) {
        pending.remove(id, shortHash(contentHash));
    }

    /** Records a version read back from the topic (rebuild at start); null hash = tombstone. */
    public synchronized void load(String id, String contentHash) {
        if (contentHash == null) {
            published.remove(id);
        } else {
            published.put(id, shortHash(contentHash));
        }
    }

    public synchronized int size() {
        return published.size();
    }

    private static long shortHash(String hex) {
        return Long.parseUnsignedLong(hex.substring(0, Math.min(16, hex.length())), 16);
    }
}
