package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichService;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.TopicAdmin;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Enrich topology throughput and latency through the embedded broker, beside the bare
 * engine on the same texts in the same run, with near-duplicate detection off and on (the
 * texts repeat under new ids, so from the second round on every article is a copy: the
 * detector's worst case, every band full of matches to verify).
 *
 * <pre>bench/run.sh EnrichTopologyBenchmark [articles-jsonl] [articles-per-run] [latency-seconds]</pre>
 *
 * Defaults: ../shared/data/dev/gum-news-entities.jsonl (22 Wikinews articles, reused with new
 * ids), 200 articles per throughput run, 30 s of steady load at half the 1-thread maximum.
 * {@code BENCH_JAVA_OPTS=-Dcommit.interval.ms=N} runs the stage with another commit interval.
 * {@code -Dother.builds=label=DIR,...} also runs, interleaved with the rest and with detection on,
 * the topology of other builds of enrich ({@code DIR}: that build's {@code enrich/target/classes};
 * its topology and dedup packages and enrich's Avro records are loaded from there, everything else
 * from this build), so a change's cost is measured before and after in one run. Beside the rate,
 * each run reports the JVM's CPU time per article (process CPU, broker and engine included, over
 * the run), so that a cost shows even when the machine has idle cores.
 */
public final class EnrichTopologyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrichTopologyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "../shared/data/dev/gum-news-entities.jsonl");
        int perRun = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int latencySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<String> texts = readTexts(source);
        System.out.printf(Locale.ROOT, "texts: %d from %s, mean %d chars; %d articles per run; %d cores%n", texts.size(), source,
                (int) texts.stream().mapToInt(String::length).average().orElse(0), perRun,
                Runtime.getRuntime().availableProcessors());

        try (NewsEngine engine = NewsEngines.create(); EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            // Warm the JIT on both thread counts before anything is timed, then time each
            // configuration twice, interleaved, and keep the better run of each.
            bare(engine, texts, perRun, 2);
            bare(engine, texts, perRun / 2, 1);
            List<Build> builds = new ArrayList<>();
            builds.add(Build.CURRENT);
            builds.addAll(Build.others());
            double bare1 = 0;
            double bare2 = 0;
            double[] plain1 = {0, Double.MAX_VALUE};
            double[] plain2 = {0, Double.MAX_VALUE};
            double[][] topo1 = new double[builds.size()][];
            double[][] topo2 = new double[builds.size()][];
            for (int b = 0; b < builds.size(); b++) {
                topo1[b] = new double[] {0, Double.MAX_VALUE};
                topo2[b] = new double[] {0, Double.MAX_VALUE};
            }
            for (int round = 0; round < 2; round++) {
                bare1 = Math.max(bare1, bare(engine, texts, perRun, 1));
                best(plain1, topology(broker, engine, texts, perRun, 1, false, Build.CURRENT));
                for (int b = 0; b < builds.size(); b++) {
                    best(topo1[b], topology(broker, engine, texts, perRun, 1, true, builds.get(b)));
                }
                bare2 = Math.max(bare2, bare(engine, texts, perRun, 2));
                best(plain2, topology(broker, engine, texts, perRun, 2, false, Build.CURRENT));
                for (int b = 0; b < builds.size(); b++) {
                    best(topo2[b], topology(broker, engine, texts, perRun, 2, true, builds.get(b)));
                }
                System.out.printf(Locale.ROOT, "round %d done, load average %.2f%n", round + 1,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            System.out.printf(Locale.ROOT, "%nthroughput (articles/s)           1 thread   2 threads%n");
            System.out.printf(Locale.ROOT, "bare engine                       %8.1f   %9.1f%n", bare1, bare2);
            System.out.printf(Locale.ROOT, "enrich topology, dedup off (EOS)  %8.1f   %9.1f%n", plain1[0], plain2[0]);
            for (int b = 0; b < builds.size(); b++) {
                System.out.printf(Locale.ROOT, "enrich topology, dedup on (EOS)   %8.1f   %9.1f   %s%n", topo1[b][0], topo2[b][0],
                        builds.get(b).label());
            }
            for (int b = 0; b < builds.size(); b++) {
                System.out.printf(Locale.ROOT, "dedup on / bare                   %7.0f%%   %8.0f%%   %s%n",
                        100 * topo1[b][0] / bare1, 100 * topo2[b][0] / bare2, builds.get(b).label());
            }
            for (int b = 0; b < builds.size(); b++) {
                System.out.printf(Locale.ROOT, "dedup on / dedup off              %7.1f%%   %8.1f%%   %s%n",
                        100 * topo1[b][0] / plain1[0], 100 * topo2[b][0] / plain2[0], builds.get(b).label());
            }
            System.out.printf(Locale.ROOT, "%nJVM CPU per article (ms, best)    1 thread   2 threads%n");
            System.out.printf(Locale.ROOT, "enrich topology, dedup off (EOS)  %8.1f   %9.1f%n", plain1[1], plain2[1]);
            for (int b = 0; b < builds.size(); b++) {
                System.out.printf(Locale.ROOT, "enrich topology, dedup on (EOS)   %8.1f   %9.1f   %s%n", topo1[b][1], topo2[b][1],
                        builds.get(b).label());
            }
            for (int b = 0; b < builds.size(); b++) {
                System.out.printf(Locale.ROOT, "CPU: dedup on / dedup off         %7.1f%%   %8.1f%%   %s%n",
                        100 * topo1[b][1] / plain1[1], 100 * topo2[b][1] / plain2[1], builds.get(b).label());
            }
            latency(broker, engine, texts, plain1[0] / 2, latencySeconds, false, Build.CURRENT);
            for (Build build : builds) {
                latency(broker, engine, texts, plain1[0] / 2, latencySeconds, true, build);
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "heap used at end: %d MB (max %d MB)%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
        }
    }

    /** Keeps the higher rate ({@code [0]}) and the lower CPU per article ({@code [1]}). */
    private static void best(double[] kept, double[] run) {
        kept[0] = Math.max(kept[0], run[0]);
        kept[1] = Math.min(kept[1], run[1]);
    }

    /** CPU time this JVM has used, all threads (ns). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<String> readTexts(Path source) throws Exception {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(source)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                texts.add(node.path("text").asText());
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts in " + source);
        }
        return texts;
    }

    private static double bare(NewsEngine engine, List<String> texts, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    engine.annotate(NewsEngine.Document.of("b" + i, texts.get(i % texts.size())));
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Object> settings(EmbeddedKafkaBroker broker, String prefix, int threads, boolean dedup) {
        Map<String, Object> values = new HashMap<>();
        values.put(EnrichConfig.DEDUP_ENABLED, dedup);
        values.put(EnrichConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        values.put(EnrichConfig.TOPIC_PREFIX, prefix);
        values.put(EnrichConfig.APPLICATION_ID, "bench-" + UUID.randomUUID());
        values.put(EnrichConfig.NUM_STREAM_THREADS, threads);
        values.put(EnrichConfig.HTTP_PORT, -1);
        String commitInterval = System.getProperty(EnrichConfig.COMMIT_INTERVAL_MS);
        if (commitInterval != null) {
            values.put(EnrichConfig.COMMIT_INTERVAL_MS, Long.parseLong(commitInterval));
        }
        try {
            values.put(EnrichConfig.STATE_DIR, Files.createTempDirectory("bench-enrich").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return values;
    }

    /** A running enrich stage of some build: what the harness needs of {@code EnrichService}. */
    private interface Stage extends AutoCloseable {
        KafkaStreams.State state();

        long writtenTotal();

        @Override
        void close();
    }

    /**
     * A build of enrich's topology: this one, or another's classes (its {@code topology} and
     * {@code dedup} packages, loaded child-first; the engine, the schemas and enrich's own Avro
     * records come from this build, so they must be compatible with that build's).
     */
    private record Build(String label, ClassLoader loader) {
        static final Build CURRENT = new Build("this build", null);

        static List<Build> others() {
            List<Build> builds = new ArrayList<>();
            EnrichBuilds.fromProperty().forEach((label, loader) -> builds.add(new Build(label, loader)));
            return builds;
        }

        Stage start(Map<String, Object> settings, NewsEngine engine) {
            if (loader == null) {
                EnrichService service = new EnrichService(new EnrichConfig(settings), engine, new SimpleMeterRegistry()).start();
                return new Stage() {
                    public KafkaStreams.State state() {
                        return service.state();
                    }

                    public long writtenTotal() {
                        return service.metrics().writtenTotal();
                    }

                    public void close() {
                        service.close();
                    }
                };
            }
            // The Streams exception handlers are named by class in the config: load them from the build too.
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                Class<?> configClass = loader.loadClass("dev.newsflow.enrich.topology.EnrichConfig");
                Class<?> serviceClass = loader.loadClass("dev.newsflow.enrich.topology.EnrichService");
                Object config = configClass.getConstructor(Map.class).newInstance(settings);
                Object service = serviceClass.getConstructor(configClass, NewsEngine.class, io.micrometer.core.instrument.MeterRegistry.class)
                        .newInstance(config, engine, new SimpleMeterRegistry());
                serviceClass.getMethod("start").invoke(service);
                Object metrics = serviceClass.getMethod("metrics").invoke(service);
                java.lang.reflect.Method state = serviceClass.getMethod("state");
                java.lang.reflect.Method written = metrics.getClass().getMethod("writtenTotal");
                java.lang.reflect.Method close = serviceClass.getMethod("close");
                return new Stage() {
                    public KafkaStreams.State state() {
                        return (KafkaStreams.State) call(state, service);
                    }

                    public long writtenTotal() {
                        return (Long) call(written, metrics);
                    }

                    public void close() {
                        call(close, service);
                    }
                };
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot start the enrich stage of build " + label + ": " + e, e);
            } finally {
                Thread.currentThread().setContextClassLoader(context);
            }
        }

        private static Object call(java.lang.reflect.Method method, Object target) {
            return EnrichBuilds.call(method, target);
        }
    }

    private static NewsTopics topics(EmbeddedKafkaBroker broker, String prefix) {
        NewsTopics topics = NewsTopics.withPrefix(prefix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            TopicAdmin.ensureTopics(admin, topics.all(), (short) 1);
        }
        return topics;
    }

    private static KafkaProducer<String, Article> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), AvroSerde.of(Article.class));
    }

    private static Article article(String id, String text) {
        return Article.newBuilder().setId(id).setSource("bench").setBody(text).setLanguage("en")
                .setIngestedAt(Instant.now()).setContentHash(Integer.toHexString(text.hashCode())).build();
    }

    private static void awaitRunning(Stage service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (service.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("enrich did not reach RUNNING: " + service.state());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Articles/s and JVM CPU ms per article for a backlog of {@code count} articles produced after
     * the application is running.
     */
    private static double[] topology(EmbeddedKafkaBroker broker, NewsEngine engine, List<String> texts, int count, int threads,
                                   boolean dedup, Build build) throws Exception {
        String prefix = "bench-" + threads + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        String run = prefix.substring(6, prefix.length() - 1);
        NewsTopics topics = topics(broker, prefix);
        Map<String, Object> settings = settings(broker, prefix, threads, dedup);
        try (Stage service = build.start(settings, engine);
             KafkaProducer<String, Article> producer = producer(broker)) {
            awaitRunning(service);
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            // The application id names the stream threads, so a profile of the run can be split by configuration.
            System.out.printf(Locale.ROOT, "run: dedup %s, %s, %d thread(s), %s at %s%n", dedup ? "on" : "off", build.label(), threads,
                    settings.get(EnrichConfig.APPLICATION_ID), Instant.now());
            for (int i = 0; i < count; i++) {
                String id = run + "-" + i;
                producer.send(new ProducerRecord<>(topics.raw().name(), id, article(id, texts.get(i % texts.size()))));
            }
            producer.flush();
            while (service.writtenTotal() < count) {
                Thread.sleep(5);
            }
            double rate = count / ((System.nanoTime() - start) / 1e9);
            double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / count;
            System.out.printf(Locale.ROOT, "run done: %.1f articles/s, %.1f ms JVM CPU per article at %s%n", rate, cpuMs, Instant.now());
            return new double[] {rate, cpuMs};
        }
    }

    /** End-to-end latency (raw record timestamp to committed enriched record) at a steady rate. */
    private static void latency(EmbeddedKafkaBroker broker, NewsEngine engine, List<String> texts, double rate, int seconds,
                                boolean dedup, Build build) throws Exception {
        String prefix = "bench-lat-" + UUID.randomUUID().toString().substring(0, 6) + ".";
        NewsTopics topics = topics(broker, prefix);
        Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-lat", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        int total = (int) Math.max(10, rate * seconds);
        long intervalNanos = (long) (1e9 / rate);
        List<Long> latencies = new ArrayList<>();
        try (Stage service = build.start(settings(broker, prefix, 1, dedup), engine);
             KafkaProducer<String, Article> producer = producer(broker);
             KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                     AvroSerde.of(EnrichedArticle.class))) {
            awaitRunning(service);
            consumer.subscribe(List.of(topics.enriched().name()));
            consumer.poll(Duration.ofMillis(200));
            long start = System.nanoTime();
            int sent = 0;
            while (latencies.size() < total) {
                long due = start + sent * intervalNanos;
                if (sent < total && System.nanoTime() >= due) {
                    String id = "l" + sent;
                    producer.send(new ProducerRecord<>(topics.raw().name(), null, System.currentTimeMillis(), id,
                            article(id, texts.get(sent % texts.size()))));
                    sent++;
                    continue;
                }
                for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(Duration.ofMillis(5))) {
                    latencies.add(System.currentTimeMillis() - record.timestamp());
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%nlatency, near-duplicates %s (%s), at %.1f articles/s (half the 1-thread max), %d articles: p50 %d ms, p99 %d ms, max %d ms%n",
                dedup ? "on" : "off", build.label(), rate, sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
        System.out.println("(raw record timestamp to the enriched record visible to a read_committed consumer)");
        if (Arrays.stream(sorted).anyMatch(l -> l < 0)) {
            System.out.println("warning: negative latencies: clock skew between producer and consumer threads");
        }
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
