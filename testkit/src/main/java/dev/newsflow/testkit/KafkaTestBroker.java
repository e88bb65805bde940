package dev.newsflow.testkit;

import dev.newsflow.broker.EmbeddedKafkaBroker;
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

    /**
     * A test's own embedded broker (one it stops and starts itself) seen as a test broker. The
     * embedded broker keeps its port across stop and start, so clients reconnect after a restart.
     */
    static KafkaTestBroker of(EmbeddedKafkaBroker embedded) {
        return new KafkaTestBroker() {
            @Override
            public String bootstrapServers() {
                return embedded.bootstrapServers();
            }

            @Override
            public String kind() {
                return "embedded";
            }
        };
    }

    /** A name no other test in this JVM (or an earlier run on a shared broker) uses. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
