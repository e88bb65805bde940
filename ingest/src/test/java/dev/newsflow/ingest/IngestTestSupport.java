package dev.newsflow.ingest;

import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.testkit.KafkaTestBroker;
import dev.newsflow.testkit.KafkaTestClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Shared helpers of the ingest integration tests. */
final class IngestTestSupport {
    private IngestTestSupport() {
    }

    /** Config for one test: its own topic prefix, loopback fetching allowed, fast timeouts. */
    static IngestConfig config(String bootstrapServers, String prefix, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put(IngestConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        values.put(IngestConfig.TOPIC_PREFIX, prefix);
        values.put(IngestConfig.ALLOW_PRIVATE, true);
        values.put(IngestConfig.FETCH_TIMEOUT_MS, 2000);
        values.put(IngestConfig.FETCH_CONNECT_TIMEOUT_MS, 1000);
        values.put(IngestConfig.FETCH_MAX_BYTES, 256 * 1024);
        values.putAll(extra);
        return new IngestConfig(values);
    }

    static List<ConsumerRecord<String, Article>> readUntil(KafkaTestBroker broker, String topic,
                                                          Predicate<List<ConsumerRecord<String, Article>>> done) {
        return KafkaTestClients.readUntil(broker, topic, new StringDeserializer(),
                AvroSerde.of(Article.class).deserializer(), done, Duration.ofSeconds(30));
    }

    /** Reads the whole topic: until {@code count} records arrived, then a little longer to catch extras. */
    static List<ConsumerRecord<String, Article>> readExactly(KafkaTestBroker broker, String topic, int count) {
        long[] reachedAt = {0};
        return readUntil(broker, topic, records -> {
            if (records.size() >= count && reachedAt[0] == 0) {
                reachedAt[0] = System.nanoTime();
            }
            return records.size() > count || reachedAt[0] != 0 && System.nanoTime() - reachedAt[0] > 1_500_000_000L;
        });
    }
}
