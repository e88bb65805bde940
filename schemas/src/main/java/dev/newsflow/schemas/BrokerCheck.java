package dev.newsflow.schemas;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Waits, for a bounded time, until the Kafka cluster a stage is configured for answers, and
 * otherwise fails with one line that names the address and what was tried.
 *
 * <p>Without this, a stage pointed at a wrong address waited out the admin client's timeouts
 * (over a minute) and failed with a stack trace. The check first opens a plain TCP connection to
 * each bootstrap address, retrying until {@code broker.wait.ms} has passed (so a broker that is
 * still starting is waited for, and nothing is logged meanwhile), then asks the cluster to
 * describe itself through an admin client with the stage's own client settings (TLS, SASL) in
 * the time left.
 */
public final class BrokerCheck {
    /** The configuration key; see {@link #define(ConfigDef)}. */
    public static final String WAIT_MS = "broker.wait.ms";
    /** 10 s: with the JVM's start, a wrong address is reported within 15 s of the command's start. */
    public static final long DEFAULT_WAIT_MS = 10_000;

    private static final long RETRY_MS = 500;
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private BrokerCheck() {
    }

    /** Thrown when the cluster did not answer in time; the message is the whole story, on one line. */
    public static final class BrokerUnreachableException extends KafkaException {
        public BrokerUnreachableException(String message) {
            super(message);
        }
    }

    /** Adds the {@value #WAIT_MS} key to a stage's definition. */
    public static ConfigDef define(ConfigDef definition) {
        return definition.define(WAIT_MS, ConfigDef.Type.LONG, DEFAULT_WAIT_MS, ConfigDef.Range.atLeast(100),
                ConfigDef.Importance.MEDIUM, "How long (ms) a command waits at start for the Kafka cluster to answer "
                        + "before it exits (code 1) with one line naming the address and what was tried.");
    }

    /**
     * Returns once the cluster answers, or throws after {@code wait}.
     *
     * @param clientConfig the stage's Kafka client settings, bootstrap.servers included
     * @throws BrokerUnreachableException when no broker answered in time
     */
    public static void await(Map<String, Object> clientConfig, Duration wait) {
        String bootstrap = String.valueOf(clientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        List<String> addresses = addresses(bootstrap);
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        Map<String, String> lastError = new LinkedHashMap<>();
        int attempts = 0;
        boolean connected = false;
        while (!connected) {
            attempts++;
            for (String address : addresses) {
                String error = connect(address, remainingMillis(deadline));
                if (error == null) {
                    connected = true;
                    break;
                }
                lastError.put(address, error);
            }
            if (connected) {
                break;
            }
            long remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                throw new BrokerUnreachableException("Kafka is unreachable at " + bootstrap + ": no broker accepted a "
                        + "connection within " + seconds(wait) + " (" + attempts + " attempt(s), last: "
                        + describe(lastError) + "); check bootstrap.servers (--bootstrap-servers, "
                        + "NEWSFLOW_BOOTSTRAP_SERVERS), or wait longer with " + WAIT_MS);
            }
            sleep(Math.min(RETRY_MS, remaining));
        }
        long left = Math.max(1_000, remainingMillis(deadline));
        Map<String, Object> admin = new HashMap<>(clientConfig);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) left);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) left);
        try (Admin client = Admin.create(admin)) {
            client.describeCluster(new DescribeClusterOptions().timeoutMs((int) left)).nodes()
                    .get(left + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            boolean timedOut = cause instanceof TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException;
            throw new BrokerUnreachableException("Kafka at " + bootstrap + " accepts connections but "
                    + (timedOut ? "did not answer as a Kafka cluster within " + seconds(wait)
                            : "refused the request: " + oneLine(cause))
                    + " (tried: TCP connect, then describe cluster); check the address and the listener's "
                    + "security settings (kafka.security.protocol, kafka.sasl.*)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for Kafka at " + bootstrap, e);
        } catch (KafkaException e) {
            throw new BrokerUnreachableException("Cannot connect to Kafka at " + bootstrap + ": " + oneLine(e));
        }
    }

    /** The host:port pairs of a bootstrap list; a malformed one is a configuration error naming it. */
    static List<String> addresses(String bootstrap) {
        List<String> addresses = new ArrayList<>();
        for (String part : bootstrap.split(",")) {
            String address = part.strip();
            if (address.isEmpty()) {
                continue;
            }
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1 || !address.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new ConfigException("bootstrap.servers", bootstrap, "'" + address + "' is not host:port");
            }
            addresses.add(address);
        }
        if (addresses.isEmpty()) {
            throw new ConfigException("bootstrap.servers", bootstrap, "no host:port given");
        }
        return addresses;
    }

    /** Opens and closes a TCP connection; returns null on success, else why it failed in a few words. */
    private static String connect(String address, long remainingMillis) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65535) {
            return "port out of range";
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            return "unknown host " + host;
        }
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) Math.max(100, Math.min(CONNECT_TIMEOUT_MS, remainingMillis)));
            return null;
        } catch (ConnectException e) {
            return "connection refused";
        } catch (SocketTimeoutException e) {
            return "no answer to connect";
        } catch (NoRouteToHostException e) {
            return "no route to host";
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (IOException e) {
            return oneLine(e);
        }
    }

    private static String describe(Map<String, String> errors) {
        StringBuilder text = new StringBuilder();
        errors.forEach((address, error) -> text.append(text.isEmpty() ? "" : ", ").append(address).append(' ').append(error));
        return text.toString();
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

    private static String seconds(Duration wait) {
        long millis = wait.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for Kafka", e);
        }
    }
}
