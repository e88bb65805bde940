package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BrokerCheckTest {

    /** A port on 127.0.0.1 that nobody listens on: bound once by us, then released. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldFailWithinTheWaitNamingTheAddressAndWhatWasTriedWhenNothingListens() throws IOException {
        String address = "127.0.0.1:" + closedPort();
        long start = System.nanoTime();

        assertThatThrownBy(() -> BrokerCheck.await(Map.of("bootstrap.servers", address), Duration.ofMillis(1500)))
                .isInstanceOf(BrokerCheck.BrokerUnreachableException.class)
                .hasMessageContaining("Kafka is unreachable at " + address)
                .hasMessageContaining(address + " connection refused")
                .hasMessageContaining("within 1.5 s")
                .hasMessageContaining(BrokerCheck.WAIT_MS)
                .hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(5));
    }

    @Test
    void shouldNameAnUnknownHost() {
        assertThatThrownBy(() -> BrokerCheck.await(Map.of("bootstrap.servers", "no-such-host.invalid:9092"), Duration.ofMillis(300)))
                .isInstanceOf(BrokerCheck.BrokerUnreachableException.class)
                .hasMessageContaining("unknown host no-such-host.invalid");
    }

    @Test
    void shouldSayWhenTheAddressAcceptsConnectionsButIsNotKafka() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept and never answer
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String address = "127.0.0.1:" + silent.getLocalPort();

            assertThatThrownBy(() -> BrokerCheck.await(Map.of("bootstrap.servers", address), Duration.ofMillis(2000)))
                    .isInstanceOf(BrokerCheck.BrokerUnreachableException.class)
                    .hasMessageContaining("Kafka at " + address + " accepts connections but did not answer as a Kafka cluster")
                    .hasMessageNotContaining("\n");
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void shouldRejectAnAddressWithoutPortAsAConfigurationError() {
        assertThatThrownBy(() -> BrokerCheck.await(Map.of("bootstrap.servers", "kafka"), Duration.ofMillis(100)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kafka' is not host:port");
    }
}
