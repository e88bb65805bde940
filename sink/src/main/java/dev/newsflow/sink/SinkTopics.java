package dev.newsflow.sink;

import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.format.TopicSerdes;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The compacted topics the sink publishes for consumers that do not use its API.
 *
 * @param entityIndex      entity key to {@link EntityIndex}; a tombstone when no stored article mentions it any more
 * @param entityArticles   "entity key|article id" to {@link EntityArticle} for each entity's most recent articles;
 *                         a tombstone when the article is deleted or drops out of the bounded list
 * @param sentimentHourly  "entity key@window start" to {@link EntitySentimentWindow}, one-hour windows
 * @param sentimentDaily   the same with one-day windows (UTC days)
 */
public record SinkTopics(Topic<String, EntityIndex> entityIndex,
                         Topic<String, EntityArticle> entityArticles,
                         Topic<String, EntitySentimentWindow> sentimentHourly,
                         Topic<String, EntitySentimentWindow> sentimentDaily) {

    public static final String ENTITY_INDEX = "news.entities.index";
    public static final String ENTITY_ARTICLES = "news.entities.articles";
    public static final String SENTIMENT_HOURLY = "news.entities.sentiment.hourly";
    public static final String SENTIMENT_DAILY = "news.entities.sentiment.daily";

    /**
     * @param prefix    before each name ("" for the defaults)
     * @param retention how long window records stay (the windowed topics are compacted and also expire)
     */
    public static SinkTopics withPrefix(String prefix, Duration retention) {
        return of(prefix, retention, dev.newsflow.schemas.NewsTopics.DEFAULT_PARTITIONS, TopicSerdes.avro());
    }

    /**
     * @param prefix     before each name ("" for the defaults)
     * @param retention  how long window records stay (the windowed topics are compacted and also expire)
     * @param partitions partitions of each topic when it is created
     * @param serdes     the deployment's value format
     */
    public static SinkTopics of(String prefix, Duration retention, int partitions, TopicSerdes serdes) {
        Map<String, String> index = Map.of("cleanup.policy", "compact");
        Map<String, String> windows = Map.of(
                "cleanup.policy", "compact,delete",
                "retention.ms", String.valueOf(retention.toMillis()));
        return new SinkTopics(
                new Topic<>(prefix + ENTITY_INDEX, Serdes.String(), serdes.value(EntityIndex.class), partitions, index),
                new Topic<>(prefix + ENTITY_ARTICLES, Serdes.String(), serdes.value(EntityArticle.class), partitions, index),
                new Topic<>(prefix + SENTIMENT_HOURLY, Serdes.String(), serdes.value(EntitySentimentWindow.class), partitions, windows),
                new Topic<>(prefix + SENTIMENT_DAILY, Serdes.String(), serdes.value(EntitySentimentWindow.class), partitions, windows));
    }

    public List<Topic<?, ?>> all() {
        return List.of(entityIndex, entityArticles, sentimentHourly, sentimentDaily);
    }
}
