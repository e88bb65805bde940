package dev.newsflow.enrich.topology;

import dev.newsflow.schemas.DeadLetterRecords;
import dev.newsflow.schemas.DeadLetterRecords.Reason;
import dev.newsflow.schemas.DeadLetterRecords.Step;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Enrich's dead-letter records, in the shared {@link DeadLetterRecords} format (stage "enrich"). */
final class DeadLetters {
    static final String STAGE_NAME = "enrich";

    private DeadLetters() {
    }

    static ProducerRecord<byte[], byte[]> record(String dlqTopic, Step step, Reason reason,
                                                 ErrorHandlerContext context, Exception error) {
        return DeadLetterRecords.build(dlqTopic, STAGE_NAME, step, reason,
                new DeadLetterRecords.Source(context.topic(), context.partition(), context.offset(), context.timestamp(),
                        context.headers()),
                context.sourceRawKey(), context.sourceRawValue(), error);
    }

    /** The reason for an exception: {@link EnrichmentException#reason()} or a generic one per step. */
    static Reason reasonOf(Exception error, Reason fallback) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof EnrichmentException enrichment) {
                return enrichment.reason();
            }
        }
        return fallback;
    }
}
