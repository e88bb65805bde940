package dev.newsflow.http;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Starts a stage's HTTP server so that a port already in use ends in one line naming the setting
 * to change, instead of Javalin's error log and Jetty's stack trace.
 *
 * <p>Every stage calls its port {@value #PORT_KEY} (flag {@code --http-port}, environment
 * {@code NEWSFLOW_HTTP_PORT}).
 */
public final class HttpPorts {
    public static final String PORT_KEY = "http.port";

    private HttpPorts() {
    }

    /** The port a stage was told to use is held by another process. The message says what to change. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String host, int port) {
            super("port " + port + " on " + host + " is already in use; choose another with " + PORT_KEY
                    + " (flag --http-port, environment NEWSFLOW_HTTP_PORT; 0 picks a free port)");
        }
    }

    /**
     * Fails with {@link PortInUseException} when {@code host:port} cannot be bound now. Port 0 (any)
     * and negative ports (off) always pass. Commands call it before they connect to Kafka.
     */
    public static void requireFree(String host, int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new PortInUseException(host, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("http.host '" + host + "' is not a known address");
        } catch (IOException e) {
            // Not a conflict we can name (e.g. a host of another machine): Javalin's own start says more.
        }
    }

    /**
     * Starts {@code app} on {@code host:port}, translating a bind failure (someone took the port
     * since {@link #requireFree}) into {@link PortInUseException}.
     *
     * @return the bound port
     */
    public static int start(Javalin app, String host, int port) {
        requireFree(host, port);
        try {
            app.start(host, port);
        } catch (JavalinBindException e) {
            throw new PortInUseException(host, port);
        }
        return app.port();
    }
}
