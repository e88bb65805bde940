package dev.newsflow.enrich.engine;

import dev.newsflow.enrich.engine.linking.EntityResolver;
import dev.newsflow.enrich.engine.linking.ResolvedEntity;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.ner.TaggedSentence;
import dev.newsflow.enrich.engine.sentiment.TargetScorer;
import dev.newsflow.enrich.engine.sentiment.VaderScorer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NewsFlow engine: CoreNLP CRF tagging, entity resolution with the alias table, VADER-style
 * sentence and document sentiment, and targeted sentiment toward entities and caller-given
 * spans. Loads its models once; safe to share between threads (it keeps no per-document state).
 */
final class CoreNlpNewsEngine implements NewsEngine {
    static final String NAME = "newsflow-corenlp";
    static final String VERSION = "1.1.0";
    static final int MAX_SCORED_MENTIONS = 12;

    private final EngineSettings settings;
    private final NerTagger tagger;
    private final EntityResolver resolver;
    private final VaderScorer vader;
    private final TargetScorer targetScorer;
    private final LanguageGuard languages;

    CoreNlpNewsEngine(EngineSettings settings, NerTagger tagger, EntityResolver resolver, VaderScorer vader,
                      TargetScorer targetScorer, LanguageGuard languages) {
        this.settings = settings;
        this.tagger = tagger;
        this.resolver = resolver;
        this.vader = vader;
        this.targetScorer = targetScorer;
        this.languages = languages;
    }

    /** The same engine (sharing the loaded models) with other size limits. */
    CoreNlpNewsEngine withSettings(EngineSettings other) {
        return new CoreNlpNewsEngine(other, tagger, resolver, vader, targetScorer, languages);
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
        double sum = 0;
        for (TaggedSentence s : sentences) {
            Sentiment sentiment = Sentiment.of(vader.compound(text.substring(s.start(), s.end()), names, s.start()));
            sentenceSentiments.add(new SentenceAnnotation(s.start(), s.end(), sentiment));
            sum += sentiment.score();
        }
        Sentiment documentSentiment = sentences.isEmpty() ? Sentiment.NEUTRAL : Sentiment.of(sum / sentences.size());
        List<EntityAnnotation> entities = entities(document, text, resolved, sentences);
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
                                            List<TaggedSentence> sentences) {
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
        double[] scores = entitySentiments(text, resolved, sentences);
        List<EntityAnnotation> out = new ArrayList<>(resolved.size());
        for (int i = 0; i < resolved.size(); i++) {
            ResolvedEntity e = resolved.get(i);
            double salience = Math.round(raw[i] / total * 10_000) / 10_000.0;
            out.add(new EntityAnnotation(e.name(), e.type(), salience, Sentiment.of(scores[i]), e.mentions()));
        }
        out.sort(Comparator.comparingDouble(EntityAnnotation::salience).reversed()
                .thenComparing(a -> a.name().toLowerCase(Locale.ROOT)));
        return out;
    }

    /**
     * Mean sentiment toward each entity over its mentions (the first {@value #MAX_SCORED_MENTIONS},
     * which bounds the cost on long articles), each scored in the sentence that holds it; every
     * sentence is prepared once for all the mentions in it.
     */
    private double[] entitySentiments(String text, List<ResolvedEntity> resolved, List<TaggedSentence> sentences) {
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
        double[] sums = new double[resolved.size()];
        int[] counts = new int[resolved.size()];
        for (Map.Entry<Integer, List<int[]>> group : bySentence.entrySet()) {
            TaggedSentence s = sentences.get(group.getKey());
            List<int[]> spans = new ArrayList<>(group.getValue().size());
            for (int[] m : group.getValue()) {
                spans.add(new int[] {m[1] - s.start(), m[2] - s.start()});
            }
            List<Sentiment> results = targetScorer.scoreAll(text.substring(s.start(), s.end()), spans);
            for (int k = 0; k < results.size(); k++) {
                int entity = group.getValue().get(k)[0];
                sums[entity] += results.get(k).score();
                counts[entity]++;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = counts[i] == 0 ? 0 : sums[i] / counts[i];
        }
        return sums;
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
        return targetScorer.score(text.substring(from, to), start - from, end - from);
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
