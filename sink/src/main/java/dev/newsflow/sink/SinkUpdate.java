package dev.newsflow.sink;

import org.apache.avro.specific.SpecificRecord;

/**
 * A changed entity index entry, recent-article entry or sentiment window on its way to its output topic; a null
 * value is a tombstone.
 */
record SinkUpdate(Kind kind, SpecificRecord value) {
    enum Kind { INDEX, ARTICLE, HOURLY, DAILY }
}
