package dev.newsflow.sink;

import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.schemas.avro.EnrichmentInfo;
import dev.newsflow.schemas.avro.Entity;
import dev.newsflow.schemas.avro.EntityType;
import dev.newsflow.schemas.avro.Mention;
import dev.newsflow.schemas.avro.SentenceSentiment;
import dev.newsflow.schemas.avro.Sentiment;
import dev.newsflow.schemas.avro.SentimentLabel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds EnrichedArticle test records. */
public final class Articles {
    private final String id;
    private Instant published = Instant.parse("2026-11-25T08:10:00Z");
    private String title;
    private double score;
    private final List<Entity> entities = new ArrayList<>();
    private String duplicateOf;
    private String body;
    private double[] sentenceScores = new double[0];
    private Double similarity;
    private List<String> authors = List.of();
    private String dateline;

    private Articles(String id) {
        this.id = id;
        this.title = "Title of " + id;
    }

    public static Articles article(String id) {
        return new Articles(id);
    }

    public Articles published(String iso) {
        return published(Instant.parse(iso));
    }

    public Articles published(Instant at) {
        this.published = at;
        return this;
    }

    /** Marks the article as a near-duplicate copy of {@code original}. */
    public Articles copyOf(String original, double similarity) {
        this.duplicateOf = original;
        this.similarity = similarity;
        return this;
    }

    /**
     * A real body: each entity's mentions are then placed where its name occurs in it, and the body is split into
     * sentences at ". ", the n-th with sentiment {@code sentenceScores[n]} (0 when not given).
     */
    public Articles body(String text, double... sentenceScores) {
        this.body = text;
        this.sentenceScores = sentenceScores;
        return this;
    }

    public Articles byline(String place, String... names) {
        this.dateline = place;
        this.authors = List.of(names);
        return this;
    }

    public Articles title(String newTitle) {
        this.title = newTitle;
        return this;
    }

    public Articles sentiment(double documentScore) {
        this.score = documentScore;
        return this;
    }

    /** An entity mentioned {@code mentions} times with sentiment {@code score} toward it. */
    public Articles entity(String name, EntityType type, double entityScore, int mentions) {
        List<Mention> list = new ArrayList<>();
        for (int i = 0; i < mentions; i++) {
            list.add(Mention.newBuilder().setStart(i * 10).setEnd(i * 10 + name.length()).setText(name).build());
        }
        entities.add(Entity.newBuilder().setName(name).setType(type).setSalience(0.5)
                .setSentiment(toSentiment(entityScore)).setMentions(list).build());
        return this;
    }

    /**
     * An entity with a link id (null: unlinked), as the linker sets it, mentioned once per text in
     * {@code mentionTexts} (each mention's text as written).
     */
    public Articles entity(String name, String id, EntityType type, double entityScore, String... mentionTexts) {
        List<Mention> list = new ArrayList<>();
        for (int i = 0; i < mentionTexts.length; i++) {
            list.add(Mention.newBuilder().setStart(i * 20).setEnd(i * 20 + mentionTexts[i].length())
                    .setText(mentionTexts[i]).build());
        }
        entities.add(Entity.newBuilder().setName(name).setType(type).setSalience(0.5)
                .setId(id).setLinkConfidence(id == null ? null : 0.9)
                .setSentiment(toSentiment(entityScore)).setMentions(list).build());
        return this;
    }

    public EnrichedArticle build() {
        List<Entity> built = entities;
        List<SentenceSentiment> sentences = new ArrayList<>();
        if (body != null) {
            built = new ArrayList<>();
            for (Entity entity : entities) {
                List<Mention> found = new ArrayList<>();
                for (int at = body.indexOf(entity.getName()); at >= 0; at = body.indexOf(entity.getName(), at + 1)) {
                    found.add(Mention.newBuilder().setStart(at).setEnd(at + entity.getName().length())
                            .setText(entity.getName()).setType(entity.getType()).build());
                }
                built.add(Entity.newBuilder(entity).setMentions(found).build());
            }
            int start = 0;
            for (int n = 0; start < body.length(); n++) {
                int stop = body.indexOf(". ", start);
                int end = stop < 0 ? body.length() : stop + 1;
                sentences.add(SentenceSentiment.newBuilder().setStart(start).setEnd(end)
                        .setSentiment(toSentiment(n < sentenceScores.length ? sentenceScores[n] : 0)).build());
                start = stop < 0 ? body.length() : stop + 2;
            }
        }
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setUrl("https://news.example/" + id)
                .setSource("test")
                .setTitle(title)
                .setBody(body != null ? body : "Body of " + id)
                .setSentences(sentences)
                .setPublishedAt(published)
                .setLanguage("en")
                .setContentHash("hash-" + id)
                .setSentiment(toSentiment(score))
                .setEntities(built)
                .setEnrichment(EnrichmentInfo.newBuilder().setEngine("test").setEngineVersion("1")
                        .setProcessedAt(published.plusSeconds(60)).build())
                .setDuplicateOf(duplicateOf)
                .setDuplicateSimilarity(similarity)
                .setAuthors(authors)
                .setDateline(dateline)
                .build();
    }

    static Sentiment toSentiment(double score) {
        SentimentLabel label = score < -0.05 ? SentimentLabel.NEGATIVE
                : score > 0.05 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        return Sentiment.newBuilder().setScore(score).setLabel(label).build();
    }
}
