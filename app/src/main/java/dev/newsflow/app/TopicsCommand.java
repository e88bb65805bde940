package dev.newsflow.app;

import dev.newsflow.config.Deployment;
import dev.newsflow.config.StageConfig;
import dev.newsflow.schemas.BrokerCheck;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.TopicAdmin;
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
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./newsflow topics}: creates every NewsFlow topic with its configs (the compose file's one-shot initializer). */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create the NewsFlow topics (articles raw/enriched/dlq and the sink's news.entities.*) that are "
                + "missing, with their configs; existing topics are left alone.",
                "Settings come from flags > NEWSFLOW_* environment variables (NEWSFLOW_BOOTSTRAP_SERVERS, "
                        + "NEWSFLOW_TOPIC_PARTITIONS, NEWSFLOW_REPLICATION_FACTOR, NEWSFLOW_TOPIC_PREFIX, "
                        + "NEWSFLOW_KAFKA_*) > --config file > defaults, with the sink's keys."})
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers (bootstrap.servers).")
    String bootstrapServers;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of created topics (replication.factor; default: the broker's "
                    + "default.replication.factor; 3 on a production cluster).")
    Integer replicationFactor;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of the article and entity topics (" + NewsTopics.PARTITIONS_KEY + "; default "
                    + NewsTopics.DEFAULT_PARTITIONS + "); enrich and sink scale out to this many instances.")
    Integer partitions;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix before every topic name (topic.prefix).")
    String prefix;

    @Option(names = "--deployment", paramLabel = "NAME", description = "Deployment name: prefixes every topic name "
            + "(deployment, NEWSFLOW_DEPLOYMENT).")
    String deployment;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file; its sink keys (value.format and schema.registry.* among them: with avro-registry, the topics' schemas are registered) and kafka.* keys (SASL, TLS) are used.")
    Path configFile;

    @Override
    public Integer call() {
        Map<String, Object> flags = new HashMap<>();
        flags.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        flags.put(SinkConfig.TOPIC_PREFIX, prefix);
        flags.put(SinkConfig.REPLICATION_FACTOR, replicationFactor);
        flags.put(SinkConfig.TOPIC_PARTITIONS, partitions);
        if (deployment != null) {
            flags.put(Deployment.KEY, deployment);
        }
        SinkConfig sink;
        try {
            Map<String, String> file = new HashMap<>();
            StageConfig.readProperties(configFile).forEach((key, value) -> {
                if (key.startsWith(StageConfig.KAFKA_PREFIX) || SinkConfig.DEFINITION.names().contains(key)) {
                    file.put(key, value);
                }
            });
            sink = new SinkConfig(StageConfig.merge(SinkConfig.DEFINITION, file, System.getenv(), flags));
        } catch (ConfigException e) {
            System.err.println("newsflow topics: " + e.getMessage());
            return 2;
        }
        List<Topic<?, ?>> topics = new ArrayList<>(sink.newsTopics().all());
        topics.addAll(sink.sinkTopics().all());
        try {
            sink.awaitBroker(sink.bootstrapServers());
        } catch (BrokerCheck.BrokerUnreachableException e) {
            System.err.println("newsflow topics: " + e.getMessage());
            return 1;
        }
        try (Admin admin = Admin.create(sink.kafkaClientConfig(sink.bootstrapServers()))) {
            List<String> created = TopicAdmin.ensureTopics(admin, topics, sink.replicationFactor());
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
