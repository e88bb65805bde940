package dev.newsflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpPortsTest {

    @Test
    void shouldNameTheSettingFlagAndVariableWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> HttpPorts.requireFree("127.0.0.1", port))
                    .isInstanceOf(HttpPorts.PortInUseException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use; choose another with http.port "
                            + "(flag --http-port, environment NEWSFLOW_HTTP_PORT; 0 picks a free port)");
        }
    }

    @Test
    void shouldRefuseToStartJavalinOnATakenPortWithTheSameMessage() throws Exception {
        Javalin app = Javalin.create(config -> config.startup.showJavalinBanner = false);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> HttpPorts.start(app, "127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(HttpPorts.PortInUseException.class)
                    .hasMessageContaining("http.port");
        }
    }

    @Test
    void shouldStartOnAFreePortAndPassPortZeroAndOff() {
        assertThatCode(() -> HttpPorts.requireFree("127.0.0.1", 0)).doesNotThrowAnyException();
        assertThatCode(() -> HttpPorts.requireFree("127.0.0.1", -1)).doesNotThrowAnyException();
        Javalin app = Javalin.create(config -> config.startup.showJavalinBanner = false);
        try {
            assertThat(HttpPorts.start(app, "127.0.0.1", 0)).isPositive();
        } finally {
            app.stop();
        }
    }
}
