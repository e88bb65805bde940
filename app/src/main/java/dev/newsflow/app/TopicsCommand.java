package dev.newsflow.app;

import dev.newsflow.config.StageConfig;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.format.TopicSerdes;
import dev.newsflow.schemas.format.ValueFormat;
import dev.newsflow.sink.SinkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsflow topics}: creates every NewsFlow topic with its configs (the compose file's one-shot initializer). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create the NewsFlow topics (articles raw/enriched/dlq and the sink's news.entities.*) that are "
                + "missing, with their configs; existing topics are left alone.")
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
            description = "Replication factor of created topics (default ${DEFAULT-VALUE}; 3 on a production cluster).")
    short replicationFactor;

    @Option(names = "--topic-prefix", defaultValue = "", paramLabel = "PREFIX", description = "Prefix before every topic name.")
    String prefix;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file; its kafka.* keys (SASL, TLS), value.format and schema.registry.* keys are used (with avro-registry, the topics' schemas are registered).")
    Path configFile;

    @Override
    public Integer call() {
        Map<String, Object> values = new HashMap<>();
        values.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        values.put(SinkConfig.TOPIC_PREFIX, prefix);
        Map<String, String> kafkaOnly = new HashMap<>();
        StageConfig.readProperties(configFile).forEach((key, value) -> {
            if (key.startsWith(StageConfig.KAFKA_PREFIX) || key.equals(TopicSerdes.VALUE_FORMAT)
                    || key.startsWith("schema.registry.")) {
                kafkaOnly.put(key, value);
            }
        });
        SinkConfig sink = new SinkConfig(StageConfig.merge(SinkConfig.DEFINITION, kafkaOnly, System.getenv(), values));
        List<Topic<?, ?>> topics = new ArrayList<>(NewsTopics.of(prefix, sink.topicSerdes()).all());
        topics.addAll(sink.sinkTopics().all());
        try (Admin admin = Admin.create(sink.kafkaClientConfig(bootstrapServers))) {
            List<String> created = TopicAdmin.ensureTopics(admin, topics, replicationFactor);
            System.err.println("Created " + created.size() + " topic(s) " + created + "; " + (topics.size() - created.size())
                    + " already existed." + (sink.topicSerdes().format() == ValueFormat.AVRO_REGISTRY
                    ? " Value schemas registered (subjects <topic>-value, compatibility BACKWARD)." : ""));
        } catch (KafkaException e) {
            // A refused schema or an unreachable broker or registry: one line naming the cause.
            System.err.println("newsflow topics: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
