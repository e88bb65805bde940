package dev.newsflow.ingest;

/**
 * Counts of one {@link IngestService#runOnce()} (or a snapshot of the live counters).
 *
 * @param fetched     articles read from sources
 * @param published   acknowledged by the broker
 * @param duplicate   skipped: same id and content hash already published
 * @param failed      invalid input plus undelivered records
 * @param undelivered records the broker did not acknowledge (part of {@code failed})
 * @param fetchErrors fetches or reads of a source that failed (feeds, files)
 */
public record IngestResult(long fetched, long published, long duplicate, long failed, long undelivered, long fetchErrors) {

    /** True when every record that was sent was acknowledged. */
    public boolean allDelivered() {
        return undelivered == 0;
    }

    public IngestResult minus(IngestResult before) {
        return new IngestResult(fetched - before.fetched, published - before.published, duplicate - before.duplicate,
                failed - before.failed, undelivered - before.undelivered, fetchErrors - before.fetchErrors);
    }

    @Override
    public String toString() {
        return "fetched=" + fetched + " published=" + published + " duplicate=" + duplicate + " failed=" + failed
                + " undelivered=" + undelivered + " fetchErrors=" + fetchErrors;
    }
}
