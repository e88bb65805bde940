package dev.newsflow.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
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
 *
 * <p>Restarting after a crash (kill -9, power loss) needs care, as the metadata log still
 * holds the dead process's broker registration, unfenced. A broker that simply starts again
 * cannot register until the controller expires that registration's session, and in the
 * meantime it leads every partition under the old registration, so its transaction
 * coordinator begins writing commit and abort markers for the dead producers' transactions;
 * when the old registration is fenced, every partition is briefly leaderless and the
 * coordinator drops the markers it has not delivered yet (it takes a partition without a
 * leader for a deleted one). Those transactions then hang: the last stable offset of their
 * partitions never moves and read_committed consumers (Streams restoring a changelog, the
 * sink reading its repartition topic) wait forever. So a persistent broker leaves a
 * {@value #RUNNING_FILE} file in its data directory while it runs; when it finds one at start,
 * it first runs the controller alone and removes the old registration, then starts the
 * broker, whose coordinator then sees only the new registration.
 *
 * <p>A persistent broker also keeps its client and controller ports in {@value #PORTS_FILE}
 * and binds the same ones at every start, so clients and the registration in the metadata
 * log agree on where the broker is.
 *
 * <p>With {@link Builder#scramUser} the broker also has a {@code SASL_PLAINTEXT} listener
 * ({@link #saslBootstrapServers()}) that takes SCRAM-SHA-256 logins of the users given, whose
 * credentials are written into the metadata log when the storage is formatted; the plaintext
 * listener stays, for the broker itself and for tests that set things up.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Ports of the previous start, in the data directory of a persistent broker. */
    static final String PORTS_FILE = "listeners.properties";
    /** Present while a persistent broker runs; found at start, it means the last run did not stop cleanly. */
    static final String RUNNING_FILE = "broker.running";
    private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(60);
    /** The SASL mechanism of the {@code SASL_PLAINTEXT} listener. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

    private final Path dataDir;
    private final boolean temporary;
    private final Map<String, String> overrides;
    private final Map<String, String> scramUsers;
    private int port;
    private int controllerPort;
    private int saslPort;
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
        this.scramUsers = Map.copyOf(builder.scramUsers);
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
        choosePorts();
        Path logDir = dataDir.resolve("kraft-logs");
        Map<String, String> props = brokerProperties(logDir, controllerPort);
        KafkaConfig config = new KafkaConfig(props);
        formatIfNeeded(logDir);
        Path running = dataDir.resolve(RUNNING_FILE);
        if (!temporary && Files.exists(running)) {
            removeStaleRegistration(logDir);
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            raftServer.shutdown();
            raftServer.awaitShutdown();
            throw new KafkaException("Embedded Kafka broker failed to start on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        server = raftServer;
        if (!temporary) {
            try {
                Files.writeString(running, "started " + java.time.Instant.now() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + running, e);
            }
        }
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
        if (!temporary) {
            try {
                Files.deleteIfExists(dataDir.resolve(RUNNING_FILE));
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", dataDir.resolve(RUNNING_FILE), e.getMessage());
            }
        }
        LOG.info("Embedded Kafka broker at {}:{} stopped", HOST, port);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code 127.0.0.1:PORT}; the port stays the same across stop and start (and restarts on one data directory). */
    public String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("broker not started yet");
        }
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /**
     * {@code 127.0.0.1:PORT} of the {@code SASL_PLAINTEXT} listener (SCRAM-SHA-256) of a broker built with
     * {@link Builder#scramUser}.
     */
    public String saslBootstrapServers() {
        if (scramUsers.isEmpty()) {
            throw new IllegalStateException("this broker has no SASL listener: build it with scramUser(...)");
        }
        if (saslPort == 0) {
            throw new IllegalStateException("broker not started yet");
        }
        return HOST + ":" + saslPort;
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

    /**
     * After a crash: runs the controller alone on the metadata log, removes the dead process's
     * broker registration (as {@code kafka-cluster.sh unregister} would), then stops it. The
     * broker started next registers a new incarnation at once and becomes leader of its
     * partitions only then.
     */
    private void removeStaleRegistration(Path logDir) {
        LOG.info("The embedded broker in {} did not stop cleanly; removing its previous registration before it starts",
                dataDir);
        long started = System.nanoTime();
        Map<String, String> props = brokerProperties(logDir, controllerPort);
        props.put("process.roles", "controller");
        props.put("listeners", "CONTROLLER://" + HOST + ":" + controllerPort);
        props.remove("advertised.listeners");
        props.remove("inter.broker.listener.name");
        KafkaRaftServer controller = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            controller.startup();
            Properties adminProps = new Properties();
            adminProps.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, HOST + ":" + controllerPort);
            adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            long deadline = System.nanoTime() + FENCE_TIMEOUT.toNanos();
            try (Admin admin = Admin.create(adminProps)) {
                while (true) {
                    try {
                        admin.unregisterBroker(NODE_ID).all().get(5, TimeUnit.SECONDS);
                        break;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof BrokerIdNotRegisteredException) {
                            break;
                        }
                        LOG.debug("Controller not ready to unregister the old broker yet: {}", e.getCause().toString());
                    } catch (TimeoutException e) {
                        LOG.debug("Controller not answering yet");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new KafkaException("Could not remove the previous registration of the embedded broker in "
                                + dataDir + " within " + FENCE_TIMEOUT);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while removing the previous broker registration", e);
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
        LOG.info("Previous broker registration removed in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The client port: the one asked for, else the one of the previous start, else a free one;
     * the controller port: the previous start's, else a free one. A recorded port that another
     * process holds fails the start with a message that says so (a different port would leave
     * the previous run's open transactions unresolved).
     */
    private void choosePorts() {
        Properties recorded = temporary ? new Properties() : readPorts();
        int recordedClient = Integer.parseInt(recorded.getProperty("client.port", "0"));
        int recordedController = Integer.parseInt(recorded.getProperty("controller.port", "0"));
        int recordedSasl = Integer.parseInt(recorded.getProperty("sasl.port", "0"));
        try (FreePorts free = new FreePorts()) {
            free.exclude(port);
            free.exclude(saslPort);
            free.exclude(controllerPort);
            free.exclude(recordedClient);
            free.exclude(recordedSasl);
            free.exclude(recordedController);
            if (port == 0 && recordedClient != 0) {
                port = recordedClient;
                requireFree(port, "client");
            } else if (port == 0) {
                port = free.next();
            } else if (recordedClient != 0 && recordedClient != port) {
                LOG.warn("Embedded broker moves from port {} to {}: transactions the previous run left open may stay "
                        + "unresolved until the broker restarts on one port", recordedClient, port);
            }
            if (!scramUsers.isEmpty() && saslPort == 0) {
                saslPort = recordedSasl != 0 ? recordedSasl : free.next();
            }
            if (controllerPort == 0 && recordedController != 0) {
                controllerPort = recordedController;
                requireFree(controllerPort, "controller");
            } else if (controllerPort == 0) {
                controllerPort = free.next();
            }
        }
        if (!temporary) {
            writePorts();
        }
    }

    private Properties readPorts() {
        Properties props = new Properties();
        Path file = dataDir.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            try (var reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
                return new Properties();
            }
        }
        return props;
    }

    private void writePorts() {
        Properties props = new Properties();
        props.setProperty("client.port", String.valueOf(port));
        props.setProperty("controller.port", String.valueOf(controllerPort));
        if (saslPort != 0) {
            props.setProperty("sasl.port", String.valueOf(saslPort));
        }
        Path file = dataDir.resolve(PORTS_FILE);
        Path tmp = dataDir.resolve(PORTS_FILE + ".tmp");
        try (var writer = Files.newBufferedWriter(tmp)) {
            props.store(writer, "Ports of the embedded broker, reused at every start (see EmbeddedKafkaBroker)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void requireFree(int candidate, String which) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), candidate), 1);
        } catch (IOException e) {
            throw new KafkaException("The embedded broker's " + which + " port " + HOST + ":" + candidate + " (kept in "
                    + dataDir.resolve(PORTS_FILE) + ") is in use by another process; is another broker running on "
                    + dataDir + "? Stop it, or choose another port");
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
        if (!scramUsers.isEmpty()) {
            String sasl = "SASL_PLAINTEXT://" + HOST + ":" + saslPort;
            props.put("listeners", props.get("listeners") + "," + sasl);
            props.put("advertised.listeners", props.get("advertised.listeners") + "," + sasl);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map")
                    + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
            props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
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
            // SCRAM credentials go into the bootstrap metadata, so the SASL listener accepts them from the first start.
            List<String> scram = scramUsers.entrySet().stream()
                    .map(user -> SCRAM_MECHANISM + "=[name=" + user.getKey() + ",password=" + user.getValue() + "]")
                    .toList();
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setScramArguments(scram)
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

    /**
     * Free ports on {@link #HOST}, each held open until the choice is done. Asking the kernel for
     * an ephemeral port twice in a row may return the same port once the first socket is closed,
     * which gave the client and controller listeners one port; a port still bound cannot be
     * handed out again, and ports excluded (asked for or recorded) are skipped.
     */
    static final class FreePorts implements AutoCloseable {
        private final List<ServerSocket> held = new ArrayList<>();
        private final Set<Integer> excluded = new HashSet<>();

        void exclude(int port) {
            if (port != 0) {
                excluded.add(port);
            }
        }

        int next() {
            for (int attempt = 0; attempt < 100; attempt++) {
                ServerSocket socket;
                try {
                    socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                } catch (IOException e) {
                    throw new UncheckedIOException("No free port on " + HOST, e);
                }
                held.add(socket);
                if (excluded.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
            throw new KafkaException("No free port on " + HOST + " outside " + excluded);
        }

        @Override
        public void close() {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.debug("Closing a probe socket: {}", e.getMessage());
                }
            }
            held.clear();
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
        private final Map<String, String> scramUsers = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds a {@code SASL_PLAINTEXT} listener taking SCRAM-SHA-256 logins, and this user to it (set when the storage
         * is first formatted). Names and passwords are plain letters, digits, '-' and '_'.
         */
        public Builder scramUser(String name, String password) {
            if (!name.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("SCRAM user names and passwords are letters, digits, '-' and '_' here");
            }
            scramUsers.put(name, password);
            return this;
        }

        /** Client port on 127.0.0.1; 0 (the default) reuses the data directory's previous port, else picks a free one. */
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
