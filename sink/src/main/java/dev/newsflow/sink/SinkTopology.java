package dev.newsflow.sink;

import dev.newsflow.schemas.NewsTopics;
import dev.newsflow.schemas.AvroSerde;
import dev.newsflow.schemas.Topic;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.avro.AliasEvent;
import dev.newsflow.sink.avro.ArticleCopy;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import dev.newsflow.sink.search.ArticleIndex;
import dev.newsflow.sink.store.EntityKeys;
import dev.newsflow.sink.store.SinkStores;
import dev.newsflow.sink.top.TopRankings;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The storage topology:
 * <pre>
 * news.articles.enriched ─► sink-store-articles [sink-articles-by-id] (+ the instance's search index)
 *        ─► entity events (REMOVE old, ADD new) ─► repartition by entity key's name part (sink-entity-events)
 *        ─► sink-apply-entities [sink-entity-index, sink-entity-recent, sink-entity-sentiment-hourly, -daily]
 *        ─► news.entities.index, news.entities.articles, news.entities.sentiment.hourly, -daily
 *        ─► alias events (signed counts) ─► repartition by surface form (sink-alias-events)
 *        ─► sink-apply-aliases [sink-entity-aliases]
 * news.articles.enriched ─► sink-link-copies [sink-copy-of] ─► repartition by original id (sink-copy-links)
 *        ─► sink-list-copies [sink-article-copies]
 * </pre>
 * A near-duplicate copy (duplicateOf set) adds no entity events unless entity.count.copies is
 * on; it is listed under its original instead.
 * The entity tasks also keep the {@code /entities/top} totals of {@code top.windows} ready in
 * {@link TopRankings}, which the query API reads.
 * Every operator, store and internal topic is named, so changelog and repartition topics keep
 * their names when the topology changes.
 */
public final class SinkTopology {
    /** Name of the repartition operator (internal topic: application id + "-sink-entity-events-repartition"). */
    public static final String ENTITY_EVENTS = "sink-entity-events";
    /** Name of the repartition of alias events by surface form (internal topic: application id + "-sink-alias-events-repartition"). */
    public static final String ALIAS_EVENTS = "sink-alias-events";
    /** Name of the repartition of copy links by original id (internal topic: application id + "-sink-copy-links-repartition"). */
    public static final String COPY_LINKS = "sink-copy-links";

    private SinkTopology() {
    }

    public static Topology build(SinkConfig config, NewsTopics topics) {
        return build(config, topics, SinkStats.detached());
    }

    public static Topology build(SinkConfig config, NewsTopics topics, SinkStats stats) {
        return build(config, topics, stats, new TopRankings(config.topWindows(), config.topRefresh()),
                ArticleIndex.inMemory());
    }

    public static Topology build(SinkConfig config, NewsTopics topics, SinkStats stats, TopRankings rankings) {
        return build(config, topics, stats, rankings, ArticleIndex.inMemory());
    }

    /**
     * @param rankings where the entity tasks keep their precomputed {@code /entities/top} rankings
     * @param search   the instance's search index, which the article tasks keep in step with their stores
     */
    public static Topology build(SinkConfig config, NewsTopics topics, SinkStats stats, TopRankings rankings,
                                 ArticleIndex search) {
        SinkTopics out = config.sinkTopics();
        StreamsBuilder builder = new StreamsBuilder();
        Topic<String, EnrichedArticle> enriched = topics.enriched();
        // The store keeps its own serde: it does not follow the topics' value format.
        builder.addStateStore(SinkStores.articles(AvroSerde.of(EnrichedArticle.class)));
        builder.addStateStore(SinkStores.entityIndex());
        builder.addStateStore(SinkStores.entityRecent());
        builder.addStateStore(SinkStores.sentiment(SinkStores.SENTIMENT_HOURLY, SinkStores.HOUR, config.windowRetention()));
        builder.addStateStore(SinkStores.sentiment(SinkStores.SENTIMENT_DAILY, SinkStores.DAY, config.windowRetention()));
        builder.addStateStore(SinkStores.aliases());
        builder.addStateStore(SinkStores.copyOf());
        builder.addStateStore(SinkStores.copies());

        KStream<String, EnrichedArticle> read = builder
                .stream(enriched.name(), Consumed.with(enriched.keySerde(), enriched.valueSerde())
                        .withName("sink-read-enriched"));
        boolean countCopies = config.countCopies();
        KStream<String, SpecificRecord> contributions = read
                .process(() -> new ArticleProcessor(stats, countCopies, search), Named.as("sink-store-articles"), SinkStores.ARTICLES);
        KStream<String, EntityEvent> events = contributions
                .filter((key, value) -> value instanceof EntityEvent, Named.as("sink-entity-contributions"))
                .mapValues(value -> (EntityEvent) value, Named.as("sink-entity-event-value"));
        contributions
                .filter((key, value) -> value instanceof AliasEvent, Named.as("sink-alias-contributions"))
                .mapValues(value -> (AliasEvent) value, Named.as("sink-alias-event-value"))
                .repartition(Repartitioned.<String, AliasEvent>as(ALIAS_EVENTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(SinkSerdes.aliasEvent())
                        .withStreamPartitioner(EntityKeys.surfacePartitioner()))
                .process(AliasProcessor::new, Named.as("sink-apply-aliases"), SinkStores.ALIASES);
        read.process(CopyLinkProcessor::new, Named.as("sink-link-copies"), SinkStores.COPY_OF)
                .repartition(Repartitioned.<String, ArticleCopy>as(COPY_LINKS)
                        .withKeySerde(Serdes.String()).withValueSerde(SinkSerdes.articleCopy()))
                .process(CopiesProcessor::new, Named.as("sink-list-copies"), SinkStores.COPIES);

        int maxRecent = config.entityIndexMaxArticles();
        KStream<String, SinkUpdate> updates = events
                .repartition(Repartitioned.<String, EntityEvent>as(ENTITY_EVENTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(SinkSerdes.entityEvent())
                        .withStreamPartitioner(EntityKeys.partitioner()))
                .process(() -> new EntityProcessor(stats, maxRecent, config.windowGrace(), rankings),
                        Named.as("sink-apply-entities"),
                        SinkStores.ENTITY_INDEX, SinkStores.ENTITY_RECENT, SinkStores.SENTIMENT_HOURLY,
                        SinkStores.SENTIMENT_DAILY);

        updates.split(Named.as("sink-output-"))
                .branch((key, update) -> update.kind() == SinkUpdate.Kind.INDEX,
                        Branched.withConsumer(index -> index
                                .mapValues(update -> (EntityIndex) update.value(), Named.as("sink-index-value"))
                                .to(out.entityIndex().name(), produced(out.entityIndex(), "sink-write-index")),
                                "index"))
                .branch((key, update) -> update.kind() == SinkUpdate.Kind.ARTICLE,
                        Branched.withConsumer(articles -> articles
                                .mapValues(update -> (EntityArticle) update.value(), Named.as("sink-article-value"))
                                .to(out.entityArticles().name(), produced(out.entityArticles(), "sink-write-articles")),
                                "articles"))
                .branch((key, update) -> update.kind() == SinkUpdate.Kind.HOURLY,
                        Branched.withConsumer(hourly -> hourly
                                .mapValues(update -> (EntitySentimentWindow) update.value(), Named.as("sink-hourly-value"))
                                .to(out.sentimentHourly().name(), produced(out.sentimentHourly(), "sink-write-hourly")),
                                "hourly"))
                .defaultBranch(Branched.withConsumer(daily -> daily
                        .mapValues(update -> (EntitySentimentWindow) update.value(), Named.as("sink-daily-value"))
                        .to(out.sentimentDaily().name(), produced(out.sentimentDaily(), "sink-write-daily")),
                        "daily"));
        return builder.build();
    }

    private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
    }
}
