package dev.newsflow.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;

/** The real Kafka broker a test runs against, whichever way it was provided. */
public interface KafkaTestBroker {

    String bootstrapServers();

    /** How the broker was provided: "external", "testcontainers" or "embedded". */
    String kind();

    /** Client settings every test client needs (bootstrap servers). */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A name no other test in this JVM (or an earlier run on a shared broker) uses. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
