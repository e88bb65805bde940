package dev.newsflow.sink;

import static dev.newsflow.sink.Articles.article;
import static dev.newsflow.sink.SinkTestSupport.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.broker.EmbeddedKafkaBroker;
import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running sink: the API keeps answering from the local stores,
 * and once the broker is back the sink stores what arrives next without a restart.
 */
class SinkBrokerOutageIT {
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @TempDir
    Path kafkaData;
    @TempDir
    Path stateDir;

    private static EnrichedArticle[] batch(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> article(prefix + i).published(HOUR.minus(1, ChronoUnit.HOURS))
                        .entity("Angela Merkel", EntityType.PERSON, 0.2, 1).build())
                .toArray(EnrichedArticle[]::new);
    }

    @Test
    @Timeout(180)
    void shouldKeepServingWhileTheBrokerIsAwayAndStoreWhatComesAfterItReturns() {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(kafkaData).build().start()) {
            KafkaTestBroker broker = KafkaTestBroker.of(kafka);
            SinkConfig config = SinkTestSupport.config(broker, "", "sink-outage", stateDir);
            NewsTopics topics = config.newsTopics();
            try (SinkService sink = SinkTestSupport.start(config)) {
                SinkTestSupport.produce(broker, topics, batch("before-", 10));
                // Stored is not yet queryable: the first batch can be processed while another task
                // still initialises (Streams REBALANCING, the API answering 503), and the entity index
                // is fed through a repartition topic, so it lags the article store. Stop the broker only
                // once both answer, as this test is about serving them while it is away.
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.storedArticleCount() == 10
                        && sink.state() == KafkaStreams.State.RUNNING
                        && okJson(sink.httpPort(), "/articles/before-3") != null
                        && okJson(sink.httpPort(), "/entities/angela%20merkel") != null);

                kafka.stop();
                assertThat(okJson(sink.httpPort(), "/articles/before-3")).as("served from the local store").isNotNull();
                assertThat(okJson(sink.httpPort(), "/entities/angela%20merkel")).isNotNull();
                kafka.start();

                SinkTestSupport.produce(broker, topics, batch("after-", 10));
                await().atMost(Duration.ofSeconds(120)).until(() -> sink.storedArticleCount() == 20
                        && okJson(sink.httpPort(), "/articles/after-9") != null);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    var merkel = okJson(sink.httpPort(), "/entities/angela%20merkel");
                    return merkel != null && merkel.get("articleCount").asLong() == 20;
                });
                // A rebalance right after the broker's return is allowed; ending up anywhere but RUNNING is not.
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.state() == KafkaStreams.State.RUNNING);
            }
        }
    }
}
