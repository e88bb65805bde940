package dev.newsflow.testkit;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives a test a real Kafka broker, one per test JVM, shared by all tests in it:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} (environment or system property) if set;</li>
 *   <li>else a Testcontainers {@code apache/kafka} container when Docker is available;</li>
 *   <li>else the embedded single-node KRaft broker.</li>
 * </ol>
 * Inject it with a {@link KafkaTestBroker} parameter. Tests isolate themselves with their
 * own topic names and application ids ({@link KafkaTestBroker#uniqueName}).
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaTestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class)
                .broker();
    }

    /** Holder closed by JUnit (root store, AutoCloseable) when the whole test run ends. */
    private record SharedBroker(KafkaTestBroker broker, AutoCloseable resource) implements AutoCloseable {

        static SharedBroker start() {
            String external = System.getProperty(BOOTSTRAP_ENV, System.getenv(BOOTSTRAP_ENV));
            if (external != null && !external.isBlank()) {
                LOG.info("Tests use the Kafka broker at {} ({})", external, BOOTSTRAP_ENV);
                return new SharedBroker(new Provided(external, "external"), () -> { });
            }
            if (dockerAvailable()) {
                KafkaContainer container = new KafkaContainer(DockerImages.KAFKA);
                container.start();
                LOG.info("Tests use a Testcontainers Kafka broker at {}", container.getBootstrapServers());
                return new SharedBroker(new Provided(container.getBootstrapServers(), "testcontainers"), container::stop);
            }
            EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.startTemporary();
            LOG.info("No Docker here: tests use the embedded KRaft broker at {}", embedded.bootstrapServers());
            return new SharedBroker(new Provided(embedded.bootstrapServers(), "embedded"), embedded);
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Docker check failed", e);
            return false;
        }
    }

    private record Provided(String bootstrapServers, String kind) implements KafkaTestBroker {
    }
}
