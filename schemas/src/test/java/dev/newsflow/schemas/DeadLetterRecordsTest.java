package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepOriginalBytesAndHeadersAndSayWhy() {
        RecordHeaders original = new RecordHeaders();
        original.add("source", "feed-1".getBytes(StandardCharsets.UTF_8));
        original.add(DeadLetterRecords.REASON, "stale reason from an earlier stage".getBytes(StandardCharsets.UTF_8));
        byte[] key = {1, 2};
        byte[] value = {3, 4, 5};

        ProducerRecord<byte[], byte[]> record = DeadLetterRecords.build("dlq", "enrich", DeadLetterRecords.Step.PROCESS,
                DeadLetterRecords.Reason.ENGINE_ERROR, new DeadLetterRecords.Source("raw", 2, 41L, 1_000L, original), key, value,
                new IllegalStateException("outer", new IllegalArgumentException("inner")));

        assertThat(record.topic()).isEqualTo("dlq");
        assertThat(record.key()).isEqualTo(key);
        assertThat(record.value()).isEqualTo(value);
        assertThat(record.timestamp()).isEqualTo(1_000L);
        assertThat(header(record, "source")).isEqualTo("feed-1");
        assertThat(record.headers().headers(DeadLetterRecords.REASON)).hasSize(1);
        assertThat(header(record, DeadLetterRecords.REASON)).isEqualTo("engine-error");
        assertThat(header(record, DeadLetterRecords.STAGE)).isEqualTo("enrich");
        assertThat(header(record, DeadLetterRecords.STEP)).isEqualTo("process");
        assertThat(header(record, DeadLetterRecords.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(record, DeadLetterRecords.ERROR_MESSAGE)).isEqualTo("outer <- IllegalArgumentException: inner");
        assertThat(header(record, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo("raw");
        assertThat(header(record, DeadLetterRecords.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(header(record, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(record, DeadLetterRecords.FAILED_AT)).isNotBlank();
    }

    @Test
    void shouldCapVeryLongMessages() {
        String message = DeadLetterRecords.message(new RuntimeException("x".repeat(10_000)));

        assertThat(message).hasSizeLessThan(2_100).endsWith("...");
    }
}
