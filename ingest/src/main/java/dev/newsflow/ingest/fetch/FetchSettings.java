package dev.newsflow.ingest.fetch;

import java.time.Duration;

/**
 * Limits for every outgoing request.
 *
 * @param userAgent        User-Agent header
 * @param connectTimeout   TCP/TLS connect timeout
 * @param totalTimeout     deadline for the whole fetch, redirects and body included (stops slow-drip servers)
 * @param maxBytes         cap on the body, before and after decompression
 * @param maxRedirects     redirects followed before giving up
 * @param allowPrivate     allow loopback and private addresses (SSRF guard off)
 * @param minHostInterval  minimum time between two requests to the same host (zero = no limit)
 */
public record FetchSettings(String userAgent, Duration connectTimeout, Duration totalTimeout, int maxBytes,
                            int maxRedirects, boolean allowPrivate, Duration minHostInterval) {
}
