package dev.newsflow.bench;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EnrichmentInfo;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.schemas.avro.Mention;
import dev.newsflow.schemas.avro.Sentiment;
import dev.newsflow.schemas.avro.SentimentLabel;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sink benchmark on the embedded broker: how fast the storage topology absorbs enriched
 * articles (records/s until every article is stored and every entity contribution applied),
 * then API latency (p50/p99) for article-by-id and entity queries over the stored data, and for
 * {@code /entities/top} answered from the kept totals against the same query answered by a scan;
 * then {@code GET /articles} (newest first, full-text queries) over the search index, and how long a
 * restarted instance takes until its index holds every article again (the tasks rebuild it from the stores).
 * Bodies are 120 words drawn Zipf-like from a vocabulary of {@value #VOCABULARY} made-up words, so
 * query terms have realistic spreads of frequency.
 * Half the entity pool carries a link id (as the linker sets it), the other half is unlinked.
 *
 * <p>Args: [articles (default 100000)] [entities in the pool (default 5000)] [queries per endpoint (default 2000)]
 * [processing guarantee (default exactly_once_v2)].
 */
public final class SinkBenchmark {
    private static final Random RANDOM = new Random(42);
    private static final EntityType[] TYPES = EntityType.values();
    private static final int VOCABULARY = 5_000;
    private static final int BODY_WORDS = 120;

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pool = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        String guarantee = args.length > 3 ? args[3] : "exactly_once_v2";
        Path stateDir = Files.createTempDirectory("sink-bench-state");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            Map<String, Object> values = new HashMap<>();
            values.put(SinkConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            values.put(SinkConfig.APPLICATION_ID, "sink-bench");
            values.put(SinkConfig.HTTP_PORT, 0);
            values.put(SinkConfig.STATE_DIR, stateDir.toString());
            values.put(SinkConfig.ENTITY_INDEX_MAX_ARTICLES, 100);
            values.put(SinkConfig.WINDOW_GRACE_MS, Duration.ofDays(3).toMillis());
            values.put(SinkConfig.PROCESSING_GUARANTEE, guarantee);
            SinkConfig config = new SinkConfig(values);
            NewsTopics topics = config.newsTopics();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
            }

            Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
            long expectedEvents = 0;
            long produceStart = System.nanoTime();
            Map<String, Object> producerConfig = new HashMap<>();
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < articles; i++) {
                    EnrichedArticle article = article(i, pool, now);
                    expectedEvents += article.getEntities().size();
                    producer.send(new ProducerRecord<>(topics.enriched().name(), article.getId(),
                            topics.enriched().valueSerde().serializer().serialize(topics.enriched().name(), article)));
                }
                producer.flush();
            }
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
            System.out.printf(Locale.ROOT, "produced %d enriched articles (%d entity contributions) in %.1f s: %.0f records/s%n",
                    articles, expectedEvents, produceSeconds, articles / produceSeconds);

            try (SinkService sink = new SinkService(config, new SimpleMeterRegistry())) {
                long start = System.nanoTime();
                sink.start();
                long storedAt = 0;
                final long events = expectedEvents;
                while (sink.entityEventsApplied() < events) {
                    if (storedAt == 0 && sink.storedArticleCount() >= articles) {
                        storedAt = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
                long doneAt = System.nanoTime();
                if (storedAt == 0) {
                    storedAt = doneAt;
                }
                double storeSeconds = (storedAt - start) / 1e9;
                double allSeconds = (doneAt - start) / 1e9;
                System.out.printf(Locale.ROOT, "articles stored by id:      %d in %.1f s (from start, incl. startup): %.0f records/s%n",
                        articles, storeSeconds, articles / storeSeconds);
                System.out.printf(Locale.ROOT, "fully absorbed (index+windows): %.1f s: %.0f records/s, %.0f entity contributions/s%n",
                        allSeconds, articles / allSeconds, events / allSeconds);
                System.out.printf(Locale.ROOT, "ratio absorbed/produced rate: %.2f (%s)%n",
                        (articles / allSeconds) / (articles / produceSeconds), guarantee);

                int port = sink.httpPort();
                HttpClient http = HttpClient.newHttpClient();
                measure(http, port, "GET /articles/{id}", queries, i -> "/articles/article-" + RANDOM.nextInt(articles));
                measure(http, port, "GET /entities/{name}", queries,
                        i -> "/entities/" + entityName(RANDOM.nextInt(pool)).replace(" ", "%20"));
                measure(http, port, "GET /articles?entity=&limit=20", queries,
                        i -> "/articles?limit=20&entity=" + entityName(RANDOM.nextInt(pool)).replace(" ", "%20"));
                measure(http, port, "GET /entities/{name}/sentiment (48h hourly)", queries,
                        i -> "/entities/" + entityName(RANDOM.nextInt(pool)).replace(" ", "%20") + "/sentiment?interval=hour&from="
                                + now.minus(48, ChronoUnit.HOURS) + "&to=" + now);
                // Kept totals (top.windows) against a scan of as many windows: the same 24 hours an hour earlier,
                // and for days a window that top.windows leaves out (the data spans two days, so both hold it all).
                int scans = Math.max(20, queries / 20);
                Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
                measure(http, port, "GET /entities/top?window=24h (kept totals)", queries, i -> "/entities/top?window=24h");
                measure(http, port, "GET /entities/top?window=24h&to=1h ago (scan)", scans,
                        i -> "/entities/top?window=24h&to=" + hourAgo);
                measure(http, port, "GET /entities/top?window=7d (kept totals)", queries, i -> "/entities/top?window=7d");
                measure(http, port, "GET /entities/top?window=8d (scan)", scans, i -> "/entities/top?window=8d");
                measure(http, port, "GET /articles?limit=20 (newest, no filter)", queries, i -> "/articles?limit=20");
                // Words of rank 20..2000: from ~1 in 10 articles down to a few hundred.
                measure(http, port, "GET /articles?q=WORD&limit=20", queries,
                        i -> "/articles?limit=20&q=" + word(20 + RANDOM.nextInt(1980)));
                measure(http, port, "GET /articles?q=WORD+WORD&limit=20 (both)", queries,
                        i -> "/articles?limit=20&q=" + word(20 + RANDOM.nextInt(200)) + "%20" + word(20 + RANDOM.nextInt(200)));
                measure(http, port, "GET /articles?q=WORD&entity=&since=24h", queries,
                        i -> "/articles?limit=20&q=" + word(20 + RANDOM.nextInt(200)) + "&entity="
                                + entityName(RANDOM.nextInt(50)).replace(" ", "%20") + "&since=" + now.minus(24, ChronoUnit.HOURS));
            }
            // A restart on the same state directory: the stores are there, the index is rebuilt from them.
            try (SinkService sink = new SinkService(config, new SimpleMeterRegistry())) {
                long start = System.nanoTime();
                sink.start();
                HttpClient http = HttpClient.newHttpClient();
                while (!body(http, sink.httpPort(), "/health").contains("\"phase\":\"RUNNING\"")) {
                    Thread.sleep(50);
                }
                System.out.printf(Locale.ROOT, "restart until /health says RUNNING (stores answer): %.1f s (incl. startup)%n",
                        (System.nanoTime() - start) / 1e9);
                while (total(http, sink.httpPort()) < articles) {
                    Thread.sleep(50);
                }
                System.out.printf(Locale.ROOT, "restart until the search index holds all %d articles: %.1f s (incl. startup)%n",
                        articles, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            deleteTree(stateDir);
        }
    }

    private static void measure(HttpClient http, int port, String name, int count, IntFunction<String> path)
            throws Exception {
        for (int i = 0; i < Math.min(200, count); i++) {
            call(http, port, path.apply(i));
        }
        long[] nanos = new long[count];
        int errors = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = call(http, port, path.apply(i));
            nanos[i] = System.nanoTime() - start;
            if (status != 200) {
                errors++;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-46s n=%d p50=%.2f ms p99=%.2f ms non-200=%d%n", name, count,
                nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6, errors);
    }

    /** The total of GET /articles, or -1 while it does not answer. */
    private static String body(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long total(HttpClient http, int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles?limit=1")).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(response.body());
        return total.find() ? Long.parseLong(total.group(1)) : -1;
    }

    /** The word of this frequency rank: made up, pronounceable, never an English stop word. */
    private static String word(int rank) {
        String[] syllables = {"ka", "lo", "mi", "ren", "tus", "vo", "zan", "pel", "dri", "gom"};
        StringBuilder word = new StringBuilder();
        int n = rank + 10;
        while (n > 0) {
            word.append(syllables[n % 10]);
            n /= 10;
        }
        return word.toString();
    }

    private static String body(int i) {
        StringBuilder body = new StringBuilder("Benchmark article ").append(i).append('.');
        for (int w = 0; w < BODY_WORDS; w++) {
            body.append(' ').append(word((int) Math.floor(Math.pow(RANDOM.nextDouble(), 3) * VOCABULARY)));
        }
        return body.append('.').toString();
    }

    private static int call(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String entityName(int i) {
        return "Entity Number " + i;
    }

    /** 1-6 distinct entities from a Zipf-like pool, published over the last two days. */
    private static EnrichedArticle article(int i, int pool, Instant now) {
        Instant published = now.minusSeconds(RANDOM.nextInt(48 * 3600));
        int count = 1 + RANDOM.nextInt(6);
        Set<Integer> picked = new HashSet<>();
        List<Entity> entities = new ArrayList<>();
        while (picked.size() < count) {
            int e = (int) Math.min(pool - 1, Math.floor(Math.pow(RANDOM.nextDouble(), 2) * pool));
            if (picked.add(e)) {
                String name = entityName(e);
                // Half the pool is linked (an id, as the linker sets), so the store keys those by id.
                boolean linked = e % 2 == 0;
                entities.add(Entity.newBuilder().setName(name).setType(TYPES[e % TYPES.length])
                        .setId(linked ? entityName(e).replace(' ', '_') : null)
                        .setLinkConfidence(linked ? 0.9 : null)
                        .setSalience(RANDOM.nextDouble()).setSentiment(sentiment(RANDOM.nextDouble() * 2 - 1))
                        .setMentions(List.of(Mention.newBuilder().setStart(0).setEnd(name.length()).setText(name).build()))
                        .build());
            }
        }
        return EnrichedArticle.newBuilder()
                .setId("article-" + i)
                .setUrl("https://news.example/" + i)
                .setSource("bench")
                .setTitle("Benchmark article " + i)
                .setBody(body(i))
                .setPublishedAt(published)
                .setLanguage("en")
                .setContentHash("h" + i)
                .setSentiment(sentiment(RANDOM.nextDouble() * 2 - 1))
                .setEntities(entities)
                .setEnrichment(EnrichmentInfo.newBuilder().setEngine("bench").setEngineVersion("1")
                        .setProcessedAt(published.plusSeconds(30)).build())
                .build();
    }

    private static Sentiment sentiment(double score) {
        SentimentLabel label = score < -0.2 ? SentimentLabel.NEGATIVE : score > 0.2 ? SentimentLabel.POSITIVE
                : SentimentLabel.NEUTRAL;
        return Sentiment.newBuilder().setScore(score).setLabel(label).build();
    }

    private static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
