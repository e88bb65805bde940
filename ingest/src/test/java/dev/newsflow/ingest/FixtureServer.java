package dev.newsflow.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A real HTTP server on 127.0.0.1 for tests: fixture feeds and pages (with {{base}} replaced by
 * the server's URL), ETag support, and hostile answers (errors, slow drip, hanging, redirect
 * loops, oversized bodies, gzip bombs, wrong content types).
 */
public final class FixtureServer implements AutoCloseable {
    /** A route handler. */
    @FunctionalInterface
    public interface Route {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fixture-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Route route = routes.get(path);
            try {
                if (route == null) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                } else {
                    route.handle(exchange);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away (timeouts, caps): fine for hostile routes
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return base() + path;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    public int notModifiedAnswers(String path) {
        AtomicInteger n = notModified.get(path);
        return n == null ? 0 : n.get();
    }

    public FixtureServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** Serves a classpath fixture (with {{base}} replaced) under an ETag; answers 304 to a matching If-None-Match. */
    public FixtureServer fixture(String path, String resource, String contentType, Charset charset) {
        return route(path, exchange -> {
            byte[] body = new String(resource(resource), charset).replace("{{base}}", base()).getBytes(charset);
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", etag);
            send(exchange, 200, contentType, body);
        });
    }

    public FixtureServer text(String path, String contentType, String body) {
        return route(path, exchange -> send(exchange, 200, contentType, body.replace("{{base}}", base()).getBytes(StandardCharsets.UTF_8)));
    }

    public FixtureServer status(String path, int status) {
        return route(path, exchange -> send(exchange, status, "text/plain", ("status " + status).getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends headers, then one byte every {@code intervalMillis}, for up to 30 s. */
    public FixtureServer slowDrip(String path, long intervalMillis) {
        return route(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end) {
                out.write('<');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(intervalMillis);
            }
        });
    }

    /** Accepts the request and never answers (for up to 30 s). */
    public FixtureServer hang(String path) {
        return route(path, exchange -> TimeUnit.SECONDS.sleep(30));
    }

    public FixtureServer redirectLoop(String path) {
        return route(path, exchange -> {
            exchange.getResponseHeaders().set("Location", path);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    public FixtureServer redirect(String path, String target) {
        return route(path, exchange -> {
            exchange.getResponseHeaders().set("Location", target.replace("{{base}}", base()));
            exchange.sendResponseHeaders(301, -1);
        });
    }

    /** Streams {@code bytes} bytes of XML-ish filler without a Content-Length. */
    public FixtureServer huge(String path, int bytes) {
        return route(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = "<!-- filler filler filler filler filler filler filler filler -->\n".repeat(100).getBytes(StandardCharsets.UTF_8);
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
        });
    }

    /** A small gzip body that inflates to {@code inflatedBytes}. */
    public FixtureServer gzipBomb(String path, int inflatedBytes) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[64 * 1024];
            for (int n = 0; n < inflatedBytes; n += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = packed.toByteArray();
        return route(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            send(exchange, 200, "application/rss+xml", body);
        });
    }

    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static byte[] resource(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
