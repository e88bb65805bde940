package dev.newsflow.ingest.source;

import dev.newsflow.ingest.ArticleSink;
import dev.newsflow.ingest.IngestStats;
import dev.newsflow.ingest.fetch.FetchException;
import dev.newsflow.ingest.fetch.FetchResponse;
import dev.newsflow.ingest.fetch.SafeHttpClient;
import dev.newsflow.ingest.normalize.RawArticle;
import dev.newsflow.ingest.page.ArticlePageExtractor;
import dev.newsflow.ingest.page.PageArticles;
import dev.newsflow.ingest.page.PageContent;
import dev.newsflow.ingest.publish.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feed, polled with conditional GET (ETag / Last-Modified). Items not seen before are
 * published, with the full text of the article page when the feed carries only a summary.
 * The feed's position (seen items, validators) advances only after the broker acknowledged
 * the new items; after a failed fetch the next poll backs off exponentially.
 */
public final class FeedSource implements ArticleSource {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSource.class);
    private static final Set<String> PAGE_TYPES = Set.of("text/html", "application/xhtml+xml");

    /**
     * Feed polling settings.
     *
     * @param interval       time between polls
     * @param jitter         random spread of the interval (fraction)
     * @param backoffMax     longest wait after failures
     * @param fullText       fetch article pages for summary-only items
     * @param fullTextMinChars feed text shorter than this is a summary
     */
    public record Settings(Duration interval, double jitter, Duration backoffMax, boolean fullText, int fullTextMinChars) {
    }

    private final String url;
    private final SafeHttpClient http;
    private final ArticlePageExtractor pages;
    private final IngestStats stats;
    private final Settings settings;
    private Set<String> seen = new HashSet<>();
    private String etag;
    private String lastModified;
    private int failures;
    private long ttlMillis;
    private volatile long nextPollAt;
    private volatile SourceFailure failure;

    public FeedSource(String url, SafeHttpClient http, ArticlePageExtractor pages, IngestStats stats, Settings settings) {
        this.url = url;
        this.http = http;
        this.pages = pages;
        this.stats = stats;
        this.settings = settings;
    }

    @Override
    public String name() {
        return url;
    }

    /** When the next poll is due (System.currentTimeMillis() scale). */
    public long nextPollAt() {
        return nextPollAt;
    }

    public int consecutiveFailures() {
        return failures;
    }

    @Override
    public synchronized boolean poll(ArticleSink sink) throws InterruptedException {
        long start = System.nanoTime();
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
        List<FeedParser.Item> items;
        FetchResponse response;
        try {
            response = http.get(url, headers, Set.of());
            stats.fetchLatency(url, Duration.ofNanos(System.nanoTime() - start));
            if (response.notModified()) {
                LOG.debug("{} not modified", url);
                succeeded();
                return true;
            }
            String contentType = response.contentType() + response.charset().map(c -> "; charset=" + c.name()).orElse("");
            FeedParser.Parsed parsed = FeedParser.parseFeed(response.body(), contentType, url);
            items = parsed.items();
            ttlMillis = Math.min(parsed.ttlMinutes() * 60_000L, settings.backoffMax().toMillis());
        } catch (FetchException e) {
            failed(e);
            return true;
        }
        List<FeedParser.Item> fresh = items.stream().filter(i -> !seen.contains(i.key())).toList();
        List<CompletableFuture<Outcome>> futures = new ArrayList<>();
        for (FeedParser.Item item : fresh) {
            if (!futures.isEmpty() && !sink.delivering()) {
                break; // the rest stays unseen and is sent on a later poll
            }
            RawArticle raw = item.article();
            if (settings.fullText() && item.feedText().length() < settings.fullTextMinChars() && raw.link() != null) {
                addFullText(raw, item.feedText());
            }
            futures.add(sink.submit(raw, url));
        }
        Set<String> current = new HashSet<>();
        items.forEach(i -> current.add(i.key()));
        boolean allDelivered = true;
        Set<String> nowSeen = new HashSet<>(seen);
        nowSeen.retainAll(current);
        allDelivered = futures.size() == fresh.size();
        for (int i = 0; i < futures.size(); i++) {
            Outcome outcome = ArticleSink.awaitAll(List.of(futures.get(i))) ? Outcome.PUBLISHED : Outcome.UNDELIVERED;
            if (outcome == Outcome.UNDELIVERED) {
                allDelivered = false;
            } else {
                nowSeen.add(fresh.get(i).key());
            }
        }
        seen = nowSeen;
        if (allDelivered) {
            // Validators are kept only when everything is in the topic: otherwise a 304 would hide the undelivered items.
            etag = response.etag();
            lastModified = response.lastModified();
        } else {
            etag = null;
            lastModified = null;
        }
        succeeded();
        return allDelivered;
    }

    private void addFullText(RawArticle raw, String feedText) {
        long start = System.nanoTime();
        String link = dev.newsflow.ingest.normalize.UrlCanonicalizer.canonical(raw.link(), raw.baseUrl()).orElse(null);
        if (link == null) {
            return;
        }
        try {
            FetchResponse page = http.get(link, Map.of("Accept", "text/html, application/xhtml+xml;q=0.9"), PAGE_TYPES);
            stats.fetchLatency(url, Duration.ofNanos(System.nanoTime() - start));
            PageContent content = pages.extract(page.body(), page.charset().orElse(null), page.url());
            PageArticles.apply(content, raw, feedText);
        } catch (FetchException e) {
            stats.fetchError(url, "page_" + e.reason().tag());
            LOG.info("Keeping the feed summary of {}: article page not usable: {}", link, e.getMessage());
        } catch (RuntimeException e) {
            stats.fetchError(url, "page_extract");
            LOG.info("Keeping the feed summary of {}: extraction failed: {}", link, e.toString());
        }
    }

    @Override
    public java.util.Optional<SourceFailure> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    private void succeeded() {
        failures = 0;
        failure = null;
        // The feed's own <ttl> (capped by backoff.max.ms) stretches the interval for this feed.
        nextPollAt = System.currentTimeMillis() + jittered(Math.max(settings.interval().toMillis(), ttlMillis));
    }

    private void failed(FetchException e) {
        failures++;
        failure = new SourceFailure("feed " + url, e.getMessage(), false);
        stats.fetchError(url, e.reason().tag());
        long base = settings.interval().toMillis();
        long delay = jittered(Math.min(settings.backoffMax().toMillis(), base << Math.min(failures, 20)));
        // A server that says when to come back (Retry-After on 429/503) is obeyed, up to backoff.max.ms.
        long asked = e.retryAfter().map(Duration::toMillis).orElse(0L);
        delay = Math.max(delay, Math.min(asked, settings.backoffMax().toMillis()));
        nextPollAt = System.currentTimeMillis() + delay;
        LOG.warn("Feed {} failed ({}, {} in a row, next try in {} s): {}", url, e.reason().tag(), failures,
                delay / 1000, e.getMessage());
    }

    private long jittered(long millis) {
        double spread = settings.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(0, Math.round(millis * (1 + spread)));
    }
}
