package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.topology.EnrichConfig;
import dev.newsflow.enrich.topology.EnrichMetrics;
import dev.newsflow.enrich.topology.EnrichTopology;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.format.TopicSerdes;
import dev.newsflow.schemas.format.ValueFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The three value formats side by side on real records: articles from a dev set, enriched by
 * the enrich topology (through {@link TopologyTestDriver}, no broker), then written and read
 * by each format's serde. Prints bytes per value and microseconds per serialize and
 * deserialize, with {@code avro} (single-object encoding) as the baseline.
 *
 * <p>{@code bench/run.sh ValueFormatBenchmark REGISTRY_URL [texts.jsonl] [rounds]}: REGISTRY_URL is
 * any registry with the Confluent API (its schema is registered once; reads then use the
 * cached schema, as a long-running consumer does).
 */
public final class ValueFormatBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueFormatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String registry = args[0];
        Path source = Path.of(args.length > 1 ? args[1] : "../shared/data/dev/gum-news-entities.jsonl");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Article> articles = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(source)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                articles.add(Article.newBuilder().setId("a" + n++).setSource("bench").setBody(node.path("text").asText())
                        .setLanguage("en").setTitle("Article " + n).setIngestedAt(Instant.now()).setContentHash("h" + n).build());
            }
        }
        List<EnrichedArticle> enriched = enrich(articles);
        System.out.printf(Locale.ROOT, "%d articles from %s (mean body %d chars), %d enriched; %d rounds; %d cores%n",
                articles.size(), source, (int) articles.stream().mapToInt(a -> a.getBody().length()).average().orElse(0),
                enriched.size(), rounds, Runtime.getRuntime().availableProcessors());
        System.out.println("| format | Article bytes | EnrichedArticle bytes | EnrichedArticle serialize µs | deserialize µs |");
        System.out.println("|---|---|---|---|---|");
        for (ValueFormat format : ValueFormat.values()) {
            TopicSerdes serdes = TopicSerdes.of(format, Map.of(TopicSerdes.REGISTRY_URL, registry));
            double articleBytes = meanBytes(serdes.value(Article.class), articles, "bench.raw");
            Serde<EnrichedArticle> serde = serdes.value(EnrichedArticle.class);
            double enrichedBytes = meanBytes(serde, enriched, "bench.enriched");
            timed(serde, enriched, rounds); // warm-up
            double[] micros = timed(serde, enriched, rounds);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f |%n", format, articleBytes, enrichedBytes,
                    micros[0], micros[1]);
        }
    }

    private static List<EnrichedArticle> enrich(List<Article> articles) throws Exception {
        NewsTopics topics = NewsTopics.defaults();
        Path state = Files.createTempDirectory("value-format-bench");
        EnrichConfig config = new EnrichConfig(Map.of(EnrichConfig.STATE_DIR, state.toString(),
                EnrichConfig.PROCESSING_GUARANTEE, "at_least_once"));
        EnrichMetrics metrics = new EnrichMetrics(new SimpleMeterRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "value-format-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        try (NewsEngine engine = NewsEngines.create();
             TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(config, topics, engine, metrics), props)) {
            TestInputTopic<String, Article> in = driver.createInputTopic(topics.raw().name(), Serdes.String().serializer(),
                    topics.raw().valueSerde().serializer());
            TestOutputTopic<String, EnrichedArticle> out = driver.createOutputTopic(topics.enriched().name(),
                    Serdes.String().deserializer(), topics.enriched().valueSerde().deserializer());
            articles.forEach(article -> in.pipeInput(article.getId(), article));
            return out.readValuesToList();
        }
    }

    private static <T> double meanBytes(Serde<T> serde, List<T> values, String topic) {
        return values.stream().mapToInt(value -> serde.serializer().serialize(topic, value).length).average().orElse(0);
    }

    /** Mean microseconds per record: {serialize, deserialize}. */
    private static <T> double[] timed(Serde<T> serde, List<T> values, int rounds) {
        List<byte[]> bytes = new ArrayList<>();
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            bytes.clear();
            for (T value : values) {
                bytes.add(serde.serializer().serialize("bench.enriched", value));
            }
        }
        double serialize = (System.nanoTime() - start) / 1000.0 / rounds / values.size();
        long sink = 0;
        start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (byte[] value : bytes) {
                sink += serde.deserializer().deserialize("bench.enriched", value).hashCode() & 1;
            }
        }
        double deserialize = (System.nanoTime() - start) / 1000.0 / rounds / values.size();
        if (sink < 0) {
            System.out.println(sink);
        }
        return new double[] {serialize, deserialize};
    }
}
