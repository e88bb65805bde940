package dev.newsflow.ingest.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP GET for untrusted servers, on top of {@link HttpClient}: only http(s); every hop checked
 * against the {@link AddressGuard}; redirects followed by hand up to a limit; one deadline for
 * the whole fetch (slow-drip servers time out); a byte cap on the wire and after gzip/deflate
 * decoding (gzip bombs); an optional content-type allow-list; a per-host request interval.
 * Thread-safe.
 */
public final class SafeHttpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SafeHttpClient.class);
    private final FetchSettings settings;
    private final AddressGuard guard;
    private final HttpClient client;
    private final Map<String, Long> nextSlot = new ConcurrentHashMap<>();

    public SafeHttpClient(FetchSettings settings) {
        this.settings = settings;
        this.guard = new AddressGuard(settings.allowPrivate());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public FetchSettings settings() {
        return settings;
    }

    /**
     * Fetches {@code url}.
     *
     * @param headers      extra request headers (e.g. If-None-Match)
     * @param acceptTypes  media types accepted for a 200 answer (substring match, lower-case); empty = any
     */
    public FetchResponse get(String url, Map<String, String> headers, Set<String> acceptTypes) throws FetchException {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        URI uri = parse(url);
        for (int hop = 0; ; hop++) {
            check(uri);
            throttle(uri.getHost());
            HttpResponse<byte[]> response = send(uri, headers, deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new FetchException(FetchException.Reason.HTTP_CLIENT_ERROR, "HTTP " + status + " without Location from " + uri);
                }
                if (hop >= settings.maxRedirects()) {
                    throw new FetchException(FetchException.Reason.TOO_MANY_REDIRECTS,
                            "more than " + settings.maxRedirects() + " redirects starting at " + url);
                }
                uri = parse(uri.resolve(location.get().strip()).toString());
                continue;
            }
            if (status == 304) {
                return new FetchResponse(uri.toString(), 304, new byte[0], "", Optional.empty(),
                        response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null));
            }
            if (status == 429 || status == 408) {
                Duration wait = retryAfter(response).orElse(null);
                throw new FetchException(FetchException.Reason.RATE_LIMITED, "HTTP " + status + " from " + uri
                        + (wait == null ? "" : ", retry after " + wait.toSeconds() + " s"), wait);
            }
            if (status >= 400 && status < 500) {
                throw new FetchException(FetchException.Reason.HTTP_CLIENT_ERROR, "HTTP " + status + " from " + uri);
            }
            if (status >= 500 || status < 200 || status >= 300) {
                Duration wait = status == 503 ? retryAfter(response).orElse(null) : null;
                throw new FetchException(FetchException.Reason.HTTP_SERVER_ERROR, "HTTP " + status + " from " + uri
                        + (wait == null ? "" : ", retry after " + wait.toSeconds() + " s"), wait);
            }
            String contentTypeHeader = response.headers().firstValue("Content-Type").orElse("");
            String contentType = contentTypeHeader.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (!acceptTypes.isEmpty() && acceptTypes.stream().noneMatch(contentType::contains)) {
                throw new FetchException(FetchException.Reason.BAD_CONTENT_TYPE,
                        "unexpected content type '" + contentType + "' from " + uri);
            }
            byte[] body = decode(response.body(), response.headers().firstValue("Content-Encoding").orElse(""), uri);
            return new FetchResponse(uri.toString(), status, body, contentType, charsetOf(contentTypeHeader),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        }
    }

    private HttpResponse<byte[]> send(URI uri, Map<String, String> headers, long deadline) throws FetchException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new FetchException(FetchException.Reason.TIMEOUT, "deadline of " + settings.totalTimeout().toMillis()
                    + " ms passed fetching " + uri);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofNanos(remaining))
                .header("User-Agent", settings.userAgent())
                .header("Accept-Encoding", "gzip, deflate");
        headers.forEach(request::header);
        CappedBodySubscriber[] subscriber = new CappedBodySubscriber[1];
        var future = client.sendAsync(request.build(), info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            subscriber[0] = new CappedBodySubscriber(settings.maxBytes());
            if (declared > settings.maxBytes()) {
                subscriber[0].getBody().toCompletableFuture().completeExceptionally(new CappedBodySubscriber.TooLargeException(
                        "Content-Length " + declared + " over the cap of " + settings.maxBytes() + " bytes"));
            }
            return subscriber[0];
        });
        try {
            return future.get(Math.max(1, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (subscriber[0] != null) {
                subscriber[0].cancel();
            }
            future.cancel(true);
            throw new FetchException(FetchException.Reason.TIMEOUT, "no complete answer within "
                    + settings.totalTimeout().toMillis() + " ms from " + uri);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.IO, "interrupted fetching " + uri, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), uri);
        }
    }

    private FetchException translate(Throwable cause, URI uri) {
        Throwable c = cause;
        while (c != null) {
            if (c instanceof CappedBodySubscriber.TooLargeException) {
                return new FetchException(FetchException.Reason.TOO_LARGE, c.getMessage() + " from " + uri);
            }
            if (c instanceof HttpConnectTimeoutException) {
                return new FetchException(FetchException.Reason.TIMEOUT, "connect timeout to " + uri);
            }
            if (c instanceof HttpTimeoutException) {
                return new FetchException(FetchException.Reason.TIMEOUT, "timeout waiting for " + uri);
            }
            if (c instanceof ConnectException) {
                return new FetchException(FetchException.Reason.CONNECT, "cannot connect to " + uri + ": " + c.getMessage());
            }
            c = c.getCause();
        }
        return new FetchException(FetchException.Reason.IO, "I/O error fetching " + uri + ": " + cause, cause);
    }

    private byte[] decode(byte[] body, String encoding, URI uri) throws FetchException {
        String enc = encoding.strip().toLowerCase(Locale.ROOT);
        if (enc.isEmpty() || enc.equals("identity")) {
            return body;
        }
        try (InputStream in = enc.contains("gzip") ? new GZIPInputStream(new ByteArrayInputStream(body))
                : enc.contains("deflate") ? new InflaterInputStream(new ByteArrayInputStream(body)) : null) {
            if (in == null) {
                throw new FetchException(FetchException.Reason.BAD_CONTENT, "unsupported Content-Encoding '" + enc + "' from " + uri);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (out.size() + n > settings.maxBytes()) {
                    throw new FetchException(FetchException.Reason.DECOMPRESSION_BOMB, "decompressed body over the cap of "
                            + settings.maxBytes() + " bytes (" + body.length + " bytes on the wire) from " + uri);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.BAD_CONTENT, "corrupt " + enc + " body from " + uri + ": " + e.getMessage());
        }
    }

    private static URI parse(String url) throws FetchException {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchException(FetchException.Reason.INVALID_URL, "only http(s) URLs are fetched, not '" + url + "'");
            }
            if (uri.getHost() == null) {
                throw new FetchException(FetchException.Reason.INVALID_URL, "URL without host: '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new FetchException(FetchException.Reason.INVALID_URL, "malformed URL '" + url + "': " + e.getReason());
        }
    }

    private void check(URI uri) throws FetchException {
        guard.check(uri.getHost());
    }

    private void throttle(String host) {
        long interval = settings.minHostInterval().toNanos();
        if (interval <= 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = nextSlot.merge(host, now + interval, (previous, ignored) -> Math.max(previous, now) + interval) - interval;
        long wait = slot - now;
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<Charset> charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Optional.of(Charset.forName(p.substring(8).replace("\"", "").strip()));
                } catch (IllegalArgumentException e) {
                    LOG.debug("Unknown charset in '{}'", contentType);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        // HttpClient.close() exists from Java 21 on; on 17 its threads end when it is unreachable.
    }

    /**
     * The wait a 429 or 503 answer asks for in {@code Retry-After} (RFC 9110 10.2.3): whole
     * seconds, or an HTTP date (a date already past means now). Anything unreadable is ignored.
     */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            if (value.matches("\\d{1,10}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(java.time.Instant.now(), at.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
