package dev.newsflow.enrich.engine;

import dev.newsflow.enrich.engine.linking.EntityLinker;
import dev.newsflow.enrich.engine.linking.EntityResolver;
import dev.newsflow.enrich.engine.linking.ResolvedEntity;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.ner.TaggedSentence;
import dev.newsflow.enrich.engine.sentiment.ArticleSentiment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NewsFlow engine: CoreNLP CRF tagging, entity resolution with the alias table, linking to
 * Wikipedia titles ({@link EntityLinker}), learned
 * sentence and document sentiment, and targeted sentiment toward entities (whole-article stance)
 * and caller-given spans (see {@link ArticleSentiment}). Loads its models once; safe to share between threads (it keeps no per-document state).
 */
final class CoreNlpNewsEngine implements NewsEngine {
    static final String NAME = "newsflow-corenlp";
    static final String VERSION = "1.6.0";
    static final int MAX_SCORED_MENTIONS = 12;

    private final EngineSettings settings;
    private final NerTagger tagger;
    private final EntityResolver resolver;
    private final EntityLinker linker;
    private final ArticleSentiment sentiment;
    private final LanguageGuard languages;

    /** @param linker links entities to Wikipedia titles; null leaves every entity unlinked */
    CoreNlpNewsEngine(EngineSettings settings, NerTagger tagger, EntityResolver resolver, EntityLinker linker,
                      ArticleSentiment sentiment, LanguageGuard languages) {
        this.settings = settings;
        this.tagger = tagger;
        this.resolver = resolver;
        this.linker = linker;
        this.sentiment = sentiment;
        this.languages = languages;
    }

    /** The same engine (sharing the loaded models) with other size limits. */
    CoreNlpNewsEngine withSettings(EngineSettings other) {
        return new CoreNlpNewsEngine(other, tagger, resolver, linker, sentiment, languages);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Annotation annotate(Document document) {
        String text = document.text();
        if (text.length() > settings.maxChars()) {
            throw new DocumentTooLargeException("Document " + document.id() + " has " + text.length()
                    + " characters; the engine accepts at most " + settings.maxChars() + " (" + EngineSettings.MAX_CHARS + ")");
        }
        checkTargets(document);
        String language = document.language() != null && !document.language().isBlank()
                ? LanguageGuard.normalize(document.language()) : null;
        if (text.isBlank()) {
            return Annotation.skipped(language, "empty text");
        }
        if (language == null) {
            language = languages.detect(text);
        }
        if (!language.equals("en")) {
            return Annotation.skipped(language, "unsupported language: " + language);
        }
        String clean = resolver.rules().junkMasking() ? PageJunk.mask(text) : text;
        clean = resolver.rules().capsLines() ? CapsLines.restore(clean) : clean;
        List<TaggedSentence> sentences = new ArrayList<>();
        for (TextChunker.Chunk chunk : TextChunker.chunks(clean, settings.chunkChars())) {
            sentences.addAll(tagger.tag(chunk.text(), chunk.offset()));
        }
        List<ResolvedEntity> resolved = resolver.resolve(text, sentences);
        BitSet names = new BitSet(text.length());
        for (ResolvedEntity e : resolved) {
            for (Mention m : e.mentions()) {
                names.set(m.start(), m.end());
            }
        }
        List<SentenceAnnotation> sentenceSentiments = new ArrayList<>(sentences.size());
        List<double[]> sentenceProbabilities = new ArrayList<>(sentences.size());
        for (TaggedSentence s : sentences) {
            double[] p = sentiment.sentence(text.substring(s.start(), s.end()), names, s.start());
            sentenceProbabilities.add(p);
            sentenceSentiments.add(new SentenceAnnotation(s.start(), s.end(), ArticleSentiment.sentiment(p)));
        }
        String title = document.title() == null || document.title().isBlank() ? null : document.title();
        double[] titleProbabilities = title == null ? null : sentiment.sentence(title, null, 0);
        double[] documentProbabilities = ArticleSentiment.document(sentenceProbabilities, titleProbabilities);
        Sentiment documentSentiment = sentences.isEmpty() && title == null ? Sentiment.NEUTRAL
                : ArticleSentiment.sentiment(documentProbabilities);
        List<EntityAnnotation> entities = entities(document, text, resolved, sentences, documentProbabilities);
        List<TargetSentiment> targets = new ArrayList<>(document.targets().size());
        for (Span span : document.targets()) {
            targets.add(new TargetSentiment(span.start(), span.end(), towards(text, sentences, span.start(), span.end())));
        }
        return new Annotation(language, documentSentiment, sentenceSentiments, entities, targets, null);
    }

    private static void checkTargets(Document document) {
        int n = document.text().length();
        for (Span span : document.targets()) {
            if (span.start() < 0 || span.end() > n || span.start() >= span.end()) {
                throw new IllegalArgumentException("Target [" + span.start() + ", " + span.end()
                        + ") is not a non-empty span inside the text (length " + n + ")");
            }
        }
    }

    private List<EntityAnnotation> entities(Document document, String text, List<ResolvedEntity> resolved,
                                            List<TaggedSentence> sentences, double[] documentProbabilities) {
        if (resolved.isEmpty()) {
            return List.of();
        }
        String title = document.title() == null ? "" : document.title();
        double[] raw = new double[resolved.size()];
        double total = 0;
        for (int i = 0; i < resolved.size(); i++) {
            raw[i] = Salience.raw(resolved.get(i), text.length(), title);
            total += raw[i];
        }
        List<Sentiment> scores = entitySentiments(text, title.isEmpty() ? null : title, resolved, sentences,
                documentProbabilities);
        List<EntityLinker.Link> links = linker == null ? null : linker.link(text, resolved);
        List<EntityAnnotation> out = new ArrayList<>(resolved.size());
        for (int i = 0; i < resolved.size(); i++) {
            EntityLinker.Link link = links == null ? null : links.get(i);
            ResolvedEntity e = linker != null && resolver.rules().titleTypes()
                    ? byTitle(resolved.get(i), linker.typeOfTitle(link)) : resolved.get(i);
            double salience = Math.round(raw[i] / total * 10_000) / 10_000.0;
            out.add(new EntityAnnotation(e.name(), e.type(), salience, scores.get(i), e.mentions(),
                    link == null ? null : link.id(), link == null ? null : link.confidence()));
        }
        out.sort(Comparator.comparingDouble(EntityAnnotation::salience).reversed()
                .thenComparing(a -> a.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    /**
     * The entity retyped as its Wikipedia title says ({@link EntityLinker#typeOfTitle}): an
     * organization or a place the tagger typed otherwise, with the mentions that carried the
     * entity's type (a demonym's MISC mention of a country stays MISC). A person is never retyped.
     */
    static ResolvedEntity byTitle(ResolvedEntity e, EntityType titleType) {
        if (titleType == null || titleType == e.type() || e.type() == EntityType.PERSON) {
            return e;
        }
        List<Mention> mentions = new ArrayList<>(e.mentions().size());
        for (Mention m : e.mentions()) {
            mentions.add(m.type() == e.type() ? new Mention(m.start(), m.end(), m.text(), titleType) : m);
        }
        return new ResolvedEntity(e.name(), titleType, mentions);
    }

    /**
     * The stance toward each entity over the whole article ({@link ArticleSentiment#entity}): its
     * mentions (the first {@value #MAX_SCORED_MENTIONS}, which bounds the cost on long articles),
     * each read in the sentence that holds it and weighted by that sentence's place (headline,
     * lead, body), its name in a separate title, and the document's tone. Every sentence is
     * prepared once for all the mentions in it.
     */
    private List<Sentiment> entitySentiments(String text, String title, List<ResolvedEntity> resolved,
                                             List<TaggedSentence> sentences, double[] documentProbabilities) {
        Map<Integer, List<int[]>> bySentence = new TreeMap<>();
        for (int i = 0; i < resolved.size(); i++) {
            List<Mention> mentions = resolved.get(i).mentions();
            for (Mention m : mentions.subList(0, Math.min(mentions.size(), MAX_SCORED_MENTIONS))) {
                int s = holderIndex(sentences, m.start());
                if (s >= 0 && m.end() <= sentences.get(s).end()) {
                    bySentence.computeIfAbsent(s, k -> new ArrayList<>()).add(new int[] {i, m.start(), m.end()});
                }
            }
        }
        List<List<double[]>> perEntity = new ArrayList<>(resolved.size());
        for (int i = 0; i < resolved.size(); i++) {
            perEntity.add(new ArrayList<>());
        }
        if (title != null) {
            titleMentions(title, resolved, perEntity);
        }
        for (Map.Entry<Integer, List<int[]>> group : bySentence.entrySet()) {
            TaggedSentence s = sentences.get(group.getKey());
            List<int[]> spans = new ArrayList<>(group.getValue().size());
            for (int[] m : group.getValue()) {
                spans.add(new int[] {m[1] - s.start(), m[2] - s.start()});
            }
            List<double[]> results = sentiment.toward(text.substring(s.start(), s.end()), spans);
            double weight = ArticleSentiment.weight(group.getKey(), title != null);
            for (int k = 0; k < results.size(); k++) {
                double[] p = results.get(k);
                perEntity.get(group.getValue().get(k)[0]).add(new double[] {p[0], p[1], p[2], weight});
            }
        }
        List<Sentiment> out = new ArrayList<>(resolved.size());
        for (List<double[]> mentions : perEntity) {
            out.add(ArticleSentiment.sentiment(ArticleSentiment.entity(mentions, documentProbabilities)));
        }
        return out;
    }

    /** The stance toward each entity whose name (or a mention's text) a separate title holds, read in the title. */
    private void titleMentions(String title, List<ResolvedEntity> resolved, List<List<double[]>> perEntity) {
        List<int[]> spans = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            int at = title.indexOf(resolved.get(i).name());
            int length = resolved.get(i).name().length();
            for (Mention m : resolved.get(i).mentions()) {
                if (at >= 0) {
                    break;
                }
                at = title.indexOf(m.text());
                length = m.text().length();
            }
            if (at >= 0 && length > 0) {
                spans.add(new int[] {at, at + length});
                owners.add(i);
            }
        }
        if (spans.isEmpty()) {
            return;
        }
        List<double[]> results = sentiment.toward(title, spans);
        for (int k = 0; k < results.size(); k++) {
            double[] p = results.get(k);
            perEntity.get(owners.get(k)).add(new double[] {p[0], p[1], p[2], ArticleSentiment.weight(0, false)});
        }
    }

    /** Sentiment toward [start, end): from the sentence that holds it (or the text around it). */
    private Sentiment towards(String text, List<TaggedSentence> sentences, int start, int end) {
        TaggedSentence holder = holder(sentences, start);
        int from;
        int to;
        if (holder != null) {
            from = Math.min(holder.start(), start);
            to = Math.max(holder.end(), end);
        } else {
            from = Math.max(0, start - 200);
            to = Math.min(text.length(), end + 200);
        }
        return sentiment.targets().score(text.substring(from, to), start - from, end - from);
    }

    private static TaggedSentence holder(List<TaggedSentence> sentences, int position) {
        int i = holderIndex(sentences, position);
        return i < 0 ? null : sentences.get(i);
    }

    private static int holderIndex(List<TaggedSentence> sentences, int position) {
        int lo = 0;
        int hi = sentences.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            TaggedSentence s = sentences.get(mid);
            if (position < s.start()) {
                hi = mid - 1;
            } else if (position >= s.end()) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
