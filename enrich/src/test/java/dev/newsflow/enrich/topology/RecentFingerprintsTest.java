package dev.newsflow.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-memory fingerprints an instance wrote lately, looked up by band until the index has them. */
class RecentFingerprintsTest {
    private static DedupIndex.Entry entry(String id, long... bands) {
        return new DedupIndex.Entry(id, 1_000L, bands, new int[] {1, 2, 3}, 1);
    }

    @Test
    void shouldFindEntriesThatShareAnyBandAtTheSamePosition() {
        RecentFingerprints recent = new RecentFingerprints(10);
        recent.add(entry("a", 11, 12, 13));
        recent.add(entry("b", 21, 12, 23));
        recent.add(entry("c", 12, 31, 32));

        assertThat(recent.sharingABand(new long[] {99, 12, 99})).extracting(DedupIndex.Entry::id)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(recent.sharingABand(new long[] {99, 98, 97})).isEmpty();
    }

    @Test
    void shouldReplaceAnEarlierVersionAndForgetRemovedIds() {
        RecentFingerprints recent = new RecentFingerprints(10);
        recent.add(entry("a", 11, 12));
        recent.add(entry("a", 41, 42));
        recent.add(entry("b", 51, 52));
        recent.remove("b");

        assertThat(recent.sharingABand(new long[] {11, 12})).isEmpty();
        assertThat(recent.sharingABand(new long[] {41, 0})).extracting(DedupIndex.Entry::id).containsExactly("a");
        assertThat(recent.contains("b")).isFalse();
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void shouldDropTheOldestEntriesBeyondCapacity() {
        RecentFingerprints recent = new RecentFingerprints(2);
        recent.add(entry("first", 1));
        recent.add(entry("second", 1));
        recent.add(entry("third", 1));

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.contains("first")).isFalse();
        assertThat(recent.sharingABand(new long[] {1})).extracting(DedupIndex.Entry::id)
                .containsExactlyInAnyOrder("second", "third");
    }
}
