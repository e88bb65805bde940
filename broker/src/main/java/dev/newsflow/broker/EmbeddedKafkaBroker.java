package dev.newsflow.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker + controller) inside this JVM.
 *
 * <p>Listeners bind to 127.0.0.1 only. Settings suit one node: replication factors 1,
 * {@code min.insync.replicas=1}, transaction state log sized for exactly-once on one node,
 * no initial rebalance delay, no automatic topic creation and a small log-cleaner buffer.
 *
 * <p>With no data directory the broker keeps its logs in a temporary directory deleted on
 * {@link #close()}; with one, the directory is formatted on first start and reused after,
 * so records survive a restart. {@link #stop()} and {@link #start()} may alternate.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean temporary;
    private final Map<String, String> overrides;
    private int port;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder builder) {
        this.temporary = builder.dataDir == null;
        try {
            this.dataDir = temporary ? Files.createTempDirectory("newsflow-kafka-") : builder.dataDir.toAbsolutePath();
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the broker data directory", e);
        }
        this.port = builder.port;
        this.overrides = Map.copyOf(builder.overrides);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a broker on a free port with a temporary data directory. */
    public static EmbeddedKafkaBroker startTemporary() {
        EmbeddedKafkaBroker broker = builder().build();
        broker.start();
        return broker;
    }

    /** Formats the storage if needed and starts the broker; returns once it accepts requests. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        if (port == 0) {
            port = freePort();
        }
        int controllerPort = freePort();
        Path logDir = dataDir.resolve("kraft-logs");
        Map<String, String> props = brokerProperties(logDir, controllerPort);
        KafkaConfig config = new KafkaConfig(props);
        formatIfNeeded(logDir);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            raftServer.shutdown();
            raftServer.awaitShutdown();
            throw new KafkaException("Embedded Kafka broker failed to start on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        server = raftServer;
        awaitReady();
        LOG.info("Embedded Kafka broker running at {} (data in {})", bootstrapServers(), dataDir);
        return this;
    }

    /** Stops the broker and keeps its data directory, so {@link #start()} brings the same records back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer running = server;
        server = null;
        running.shutdown();
        running.awaitShutdown();
        LOG.info("Embedded Kafka broker at {}:{} stopped", HOST, port);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:PORT}; the port stays the same across stop and start. */
    public String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("broker not started yet");
        }
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private Map<String, String> brokerProperties(Path logDir, int controllerPort) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // Abort expired transactions within seconds (default 10 s), as a loaded cluster eventually would.
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "2000");
        props.put("auto.create.topics.enable", "false");
        // The 128 MiB default dedupe buffer is wasted heap for a development broker.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        props.put("log.cleaner.threads", "1");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    private void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (Exception e) {
            throw new KafkaException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaException("Interrupted while waiting for the broker", e);
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new KafkaException("Embedded broker not ready after " + READY_TIMEOUT, e);
                    }
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}", path, e);
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete broker data directory {}: {}", root, e.getMessage());
        }
    }

    /** Options for {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private int port;
        private Path dataDir;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** Client port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Persistent data directory; null (the default) means a temporary one deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Extra or overriding broker configs. */
        public Builder config(String key, String value) {
            overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
