package dev.newsflow.bench;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.ingest.IngestConfig;
import dev.newsflow.ingest.IngestResult;
import dev.newsflow.ingest.IngestService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Ingest benchmark, feeds to topic: a local HTTP server serves N RSS 2.0 feeds (items with
 * full content:encoded text, so no page fetches); one poll cycle over all feeds publishes every
 * item; a second cycle gets 304 Not Modified everywhere. Reports articles/s and the polling
 * cost per feed of each cycle.
 *
 * <p>Args: [feeds (default 1000)] [items per feed (default 20)] [fetch threads (default 8)].
 */
public final class IngestFeedsBenchmark {
    private IngestFeedsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(8));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/feeds/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/feeds/".length());
            int feed = Integer.parseInt(name.replace(".xml", ""));
            String etag = "\"v1-" + feed + "\"";
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = feed(base, feed, items).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Path list = Files.createTempFile("feeds", ".txt");
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < feeds; i++) {
            urls.append(base).append("/feeds/").append(i).append(".xml\n");
        }
        Files.writeString(list, urls);
        System.out.printf(Locale.ROOT, "IngestFeedsBenchmark: %d feeds x %d items, %d fetch threads, Java %s, %d cores%n",
                feeds, items, threads, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        // The first cycle includes JIT warm-up and the service start-up (topic, dedup rebuild).
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            Map<String, Object> values = new HashMap<>();
            values.put(IngestConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            values.put(IngestConfig.FEEDS, list.toString());
            values.put(IngestConfig.ALLOW_PRIVATE, true);
            values.put(IngestConfig.FETCH_THREADS, threads);
            try (IngestService service = new IngestService(new IngestConfig(values), new SimpleMeterRegistry())) {
                long start = System.nanoTime();
                IngestResult first = service.runOnce();
                double firstSeconds = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                IngestResult second = service.runOnce();
                double secondSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "cycle 1 (200, all new):  %8.0f articles/s, %6.2f ms per feed  (%s in %.1f s)%n",
                        first.published() / firstSeconds, firstSeconds * 1000 / feeds, first, firstSeconds);
                System.out.printf(Locale.ROOT, "cycle 2 (304 everywhere): %7.2f ms per feed  (%s in %.2f s)%n",
                        secondSeconds * 1000 / feeds, second, secondSeconds);
                System.out.printf(Locale.ROOT, "ratio cycle 1 / cycle 2 per feed: %.1f%n", firstSeconds / secondSeconds);
            }
        } finally {
            server.stop(0);
            System.exit(0);
        }
    }

    private static String feed(String base, int feed, int items) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel><title>Feed %d</title><link>%s/</link><description>Bench feed</description>
                """.formatted(feed, base));
        for (int i = 0; i < items; i++) {
            xml.append("<item><title>Feed ").append(feed).append(" story ").append(i).append("</title><link>").append(base)
                    .append("/articles/").append(feed).append('/').append(i).append("</link><guid>f").append(feed).append('-')
                    .append(i).append("</guid><dc:creator>Reporter ").append(i % 7).append("</dc:creator>")
                    .append("<pubDate>Fri, 14 Mar 2025 09:05:00 +0100</pubDate><content:encoded><![CDATA[");
            for (int p = 0; p < 6; p++) {
                xml.append("<p>Paragraph ").append(p).append(" of story ").append(i).append(" in feed ").append(feed)
                        .append(": dock workers voted on Thursday to end a six-day strike after unions and terminal operators agreed a pay rise over two years, and shipping lines said normal service would resume soon.</p>");
            }
            xml.append("]]></content:encoded></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }
}
