package dev.newsflow.bench;

import dev.newsflow.enrich.dedup.DuplicatePairs.Pair;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The pair set through the enrich topology itself (TopologyTestDriver, an engine that finds
 * nothing, so only near-duplicate detection matters): each pair's first text, then its second
 * a second later, pairs ten minutes apart under the shortest horizon (one minute), so a text
 * meets only its own pair. A pair is matched when the second is written with {@code duplicateOf}
 * naming the first. The topology is that of the build {@code loader} holds (see {@link EnrichBuilds}).
 */
final class TopologyPairs {
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    private TopologyPairs() {
    }

    /** Whether the topology marked each pair's second text as a copy of its first, in the pairs' order. */
    static boolean[] decide(List<Pair> pairs, ClassLoader loader) throws Exception {
        NewsTopics topics = NewsTopics.defaults();
        Path stateDir = Files.createTempDirectory("dup-eval");
        Map<String, Object> settings = new HashMap<>();
        settings.put("application.id", "dup-eval");
        settings.put("state.dir", stateDir.toString());
        settings.put("near.duplicates.horizon.ms", Duration.ofMinutes(1).toMillis());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class<?> configClass = loader.loadClass("dev.newsflow.enrich.topology.EnrichConfig");
            Class<?> metricsClass = loader.loadClass("dev.newsflow.enrich.topology.EnrichMetrics");
            Object config = configClass.getConstructor(Map.class).newInstance(settings);
            Object metrics = metricsClass.getConstructor(MeterRegistry.class).newInstance(new SimpleMeterRegistry());
            Topology topology = (Topology) loader.loadClass("dev.newsflow.enrich.topology.EnrichTopology")
                    .getMethod("build", configClass, NewsTopics.class, NewsEngine.class, metricsClass)
                    .invoke(null, config, topics, new NothingFound(), metrics);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dup-eval");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            boolean[] matched = new boolean[pairs.size()];
            try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
                TestInputTopic<String, Article> raw = driver.createInputTopic(topics.raw().name(), Serdes.String().serializer(),
                        AvroSerde.of(Article.class).serializer());
                TestOutputTopic<String, EnrichedArticle> enriched = driver.createOutputTopic(topics.enriched().name(),
                        Serdes.String().deserializer(), topics.enriched().valueSerde().deserializer());
                for (int i = 0; i < pairs.size(); i++) {
                    Instant at = T0.plus(Duration.ofMinutes(10L * i));
                    raw.pipeInput("p" + i + "-a", article("p" + i + "-a", pairs.get(i).first()), at);
                    raw.pipeInput("p" + i + "-b", article("p" + i + "-b", pairs.get(i).second()), at.plusSeconds(1));
                    for (TestRecord<String, EnrichedArticle> out : enriched.readRecordsToList()) {
                        if (out.key().equals("p" + i + "-b") && ("p" + i + "-a").equals(out.value().getDuplicateOf())) {
                            matched[i] = true;
                        }
                    }
                }
            }
            return matched;
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
    }

    private static Article article(String id, String text) {
        return Article.newBuilder().setId(id).setSource("dup-eval").setBody(text).setLanguage("en")
                .setIngestedAt(T0).setContentHash(Integer.toHexString(text.hashCode())).build();
    }

    /** An engine that finds no entity: the evaluation is about the near-duplicate path only. */
    private static final class NothingFound implements NewsEngine {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public String version() {
            return "0";
        }

        @Override
        public Annotation annotate(Document document) {
            return new Annotation("en", Sentiment.of(0), List.of(), List.of(), List.of(), null);
        }
    }
}
