package dev.newsflow.enrich.engine;

import java.util.List;

/**
 * The enrichment engine: named entities and sentiment for one document. Plain Java, no
 * Kafka types. Implementations load their models once and are safe to share between
 * threads unless their documentation says otherwise.
 */
public interface NewsEngine extends AutoCloseable {

    /** Engine name written into every enriched record (e.g. "newsflow-corenlp"). */
    String name();

    /** Engine version written into every enriched record; changes when output may change. */
    String version();

    /**
     * Annotates one document.
     *
     * @param document the text (all offsets index into {@link Document#text()}) and optional title and targets
     * @return the annotation; documents the engine does not handle (empty, unsupported language)
     *         come back with {@link Annotation#skippedReason()} set, not as an exception
     * @throws DocumentTooLargeException when the text exceeds the engine's size limit
     * @throws RuntimeException on an internal failure of the engine for this document
     */
    Annotation annotate(Document document);

    @Override
    default void close() {
    }

    /** Input document. {@code language} may be null (the engine then detects or assumes it). */
    record Document(String id, String title, String text, String language, List<Span> targets) {
        public Document {
            text = text == null ? "" : text;
            targets = targets == null ? List.of() : List.copyOf(targets);
        }

        public static Document of(String id, String text) {
            return new Document(id, null, text, null, List.of());
        }
    }

    /** A character span [start, end) in the document text (Java String indices). */
    record Span(int start, int end) {
    }

    /** Score in [-1, 1] and its label by thresholds +-0.05. */
    record Sentiment(double score, Label label) {
        public static final Sentiment NEUTRAL = new Sentiment(0.0, Label.NEUTRAL);

        public static Sentiment of(double score) {
            double clamped = Math.max(-1.0, Math.min(1.0, score));
            Label label = clamped >= 0.05 ? Label.POSITIVE : clamped <= -0.05 ? Label.NEGATIVE : Label.NEUTRAL;
            return new Sentiment(clamped, label);
        }
    }

    enum Label { NEGATIVE, NEUTRAL, POSITIVE }

    enum EntityType { PERSON, ORGANIZATION, LOCATION, MISC }

    /**
     * One mention of an entity: span, text as written, and what this mention is, which may differ
     * from what its entity is: "French" is a MISC mention (a demonym) of the place France.
     */
    record Mention(int start, int end, String text, EntityType type) {
    }

    record SentenceAnnotation(int start, int end, Sentiment sentiment) {
    }

    /**
     * One entity of the document.
     *
     * @param id             the English Wikipedia title it is linked to (underscores for spaces,
     *                       e.g. "Vladimir_Putin"), null when unlinked
     * @param linkConfidence with id, how sure the linker is, in [0, 1]; null when unlinked
     */
    record EntityAnnotation(String name, EntityType type, double salience, Sentiment sentiment, List<Mention> mentions,
                            String id, Double linkConfidence) {
        public EntityAnnotation {
            mentions = List.copyOf(mentions);
            if ((id == null) != (linkConfidence == null)) {
                throw new IllegalArgumentException("id and linkConfidence go together: " + id + ", " + linkConfidence);
            }
        }

        /** An unlinked entity. */
        public EntityAnnotation(String name, EntityType type, double salience, Sentiment sentiment, List<Mention> mentions) {
            this(name, type, salience, sentiment, mentions, null, null);
        }
    }

    record TargetSentiment(int start, int end, Sentiment sentiment) {
    }

    /**
     * The result for one document.
     *
     * @param language      detected or given language (ISO 639-1), null when unknown
     * @param skippedReason why nothing was tagged (e.g. "unsupported language: de", "empty text"), else null
     */
    record Annotation(String language, Sentiment sentiment, List<SentenceAnnotation> sentences,
                      List<EntityAnnotation> entities, List<TargetSentiment> targets, String skippedReason) {
        public Annotation {
            sentences = List.copyOf(sentences);
            entities = List.copyOf(entities);
            targets = List.copyOf(targets);
        }

        public static Annotation skipped(String language, String reason) {
            return new Annotation(language, Sentiment.NEUTRAL, List.of(), List.of(), List.of(), reason);
        }
    }

    /** The document is larger than the engine accepts; the caller dead-letters it. */
    final class DocumentTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DocumentTooLargeException(String message) {
            super(message);
        }
    }
}
