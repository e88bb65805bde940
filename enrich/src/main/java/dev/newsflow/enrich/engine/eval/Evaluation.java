package dev.newsflow.enrich.engine.eval;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.NewsEngine.Span;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.ner.TaggedSentence;
import dev.newsflow.enrich.engine.ner.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The engine's quality on the development sets: typed mention precision, recall and F1 on
 * Wikigold (every mention labelled) and GUM news (linked entities only), beside the bare tagger;
 * entity recall on GUM news (per type), macro-F1 of targeted sentiment on NewsMTSC, and the
 * checks on the Hollande sample.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** A mention: character span and type name (PERSON, ORGANIZATION, LOCATION, MISC). */
    public record TypedSpan(int start, int end, String type) {
        boolean overlaps(TypedSpan o) {
            return start < o.end && o.start < end;
        }
    }

    /** Whatever yields typed mentions for a text: the engine, the bare tagger, an ablated engine. */
    @FunctionalInterface
    public interface MentionSource {
        List<TypedSpan> mentions(String id, String text);
    }

    /**
     * Precision and recall counts. {@code right} of the {@code predicted} mentions are correct and
     * {@code found} of the {@code gold} mentions are found (the two differ only where matching is
     * by overlap).
     */
    public record Prf(int right, int predicted, int found, int gold) {
        public double precision() {
            return predicted == 0 ? 0 : (double) right / predicted;
        }

        public double recall() {
            return gold == 0 ? 0 : (double) found / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Prf plus(Prf o) {
            return new Prf(right + o.right, predicted + o.predicted, found + o.found, gold + o.gold);
        }
    }

    public static final List<String> TYPES = List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC");

    /** Typed scores per type and "ALL", and the untyped score (span only). */
    public record MentionScores(Map<String, Prf> typed, Prf untyped) {
        public Prf all() {
            return typed.get("ALL");
        }
    }

    /** The engine's mentions, each with its mention type; the language is left to the engine to decide. */
    public static MentionSource engineMentions(NewsEngine engine) {
        return (id, text) -> {
            Annotation a = engine.annotate(new Document(id, null, text, null, List.of()));
            List<TypedSpan> out = new ArrayList<>();
            for (EntityAnnotation e : a.entities()) {
                for (Mention m : e.mentions()) {
                    out.add(new TypedSpan(m.start(), m.end(), m.type().name()));
                }
            }
            return out;
        };
    }

    /** The bare tagger's mentions: runs of tokens with one label, typed by it. */
    public static MentionSource bareMentions(NerTagger tagger) {
        return (id, text) -> {
            List<TypedSpan> out = new ArrayList<>();
            for (TaggedSentence sentence : tagger.tag(text, 0)) {
                List<Token> tokens = sentence.tokens();
                for (int i = 0; i < tokens.size(); i++) {
                    if (tokens.get(i).outside()) {
                        continue;
                    }
                    int j = i + 1;
                    while (j < tokens.size() && tokens.get(j).ner().equals(tokens.get(i).ner())) {
                        j++;
                    }
                    out.add(new TypedSpan(tokens.get(i).start(), tokens.get(j - 1).end(), tokens.get(i).ner()));
                    i = j - 1;
                }
            }
            return out;
        };
    }

    /**
     * The same articles with their first line (GUM's headline, Wikigold's first sentence) in
     * capitals, as wire copy and scraped headlines often come: where case-dependent tagging is
     * measured, since neither set has lines in capitals. Lines whose length capitals would change
     * stay as they are.
     */
    public static List<DevSets.LabelledArticle> firstLineInCapitals(List<DevSets.LabelledArticle> articles) {
        List<DevSets.LabelledArticle> out = new ArrayList<>(articles.size());
        for (DevSets.LabelledArticle a : articles) {
            int end = a.text().indexOf('\n');
            end = end < 0 ? a.text().length() : end;
            String first = a.text().substring(0, end);
            String upper = first.toUpperCase(java.util.Locale.ROOT);
            String text = upper.length() == first.length() ? upper + a.text().substring(end) : a.text();
            out.add(new DevSets.LabelledArticle(a.id(), text, a.mentions()));
        }
        return out;
    }

    /** GUM's linked entities as labelled mentions, each typed by its entity. */
    public static List<DevSets.LabelledArticle> gumMentions(List<DevSets.GoldArticle> articles) {
        List<DevSets.LabelledArticle> out = new ArrayList<>(articles.size());
        for (DevSets.GoldArticle a : articles) {
            List<TypedSpan> spans = new ArrayList<>();
            for (DevSets.GoldEntity e : a.entities()) {
                for (DevSets.GoldMention m : e.mentions()) {
                    spans.add(new TypedSpan(m.start(), m.end(), e.type()));
                }
            }
            out.add(new DevSets.LabelledArticle(a.id(), a.text(), spans));
        }
        return out;
    }

    /**
     * Scores where every mention is labelled (Wikigold): a predicted mention is right when a gold
     * mention has exactly its span and type (untyped: its span).
     */
    public static MentionScores exactMentions(List<DevSets.LabelledArticle> articles, MentionSource source) {
        Map<String, Prf> typed = emptyScores();
        Prf untyped = new Prf(0, 0, 0, 0);
        for (DevSets.LabelledArticle article : articles) {
            List<TypedSpan> predicted = source.mentions(article.id(), article.text());
            java.util.Set<TypedSpan> gold = new java.util.HashSet<>(article.mentions());
            java.util.Set<Long> goldSpans = new java.util.HashSet<>();
            article.mentions().forEach(g -> goldSpans.add(key(g)));
            java.util.Set<Long> predictedSpans = new java.util.HashSet<>();
            predicted.forEach(p -> predictedSpans.add(key(p)));
            for (TypedSpan p : predicted) {
                boolean right = gold.contains(p);
                add(typed, p.type(), new Prf(right ? 1 : 0, 1, 0, 0));
                untyped = untyped.plus(new Prf(goldSpans.contains(key(p)) ? 1 : 0, 1, 0, 0));
            }
            java.util.Set<TypedSpan> predictedSet = new java.util.HashSet<>(predicted);
            for (TypedSpan g : article.mentions()) {
                add(typed, g.type(), new Prf(0, 0, predictedSet.contains(g) ? 1 : 0, 1));
                untyped = untyped.plus(new Prf(0, 0, predictedSpans.contains(key(g)) ? 1 : 0, 1));
            }
        }
        return new MentionScores(typed, untyped);
    }

    /**
     * Scores where only some mentions are labelled (GUM links only entities with a Wikipedia page,
     * and its spans follow its own conventions): a gold mention is found when a predicted mention
     * of its type overlaps it; precision is over the predicted mentions that overlap a gold one
     * (the others may name things GUM does not list), right when one of those is of its type.
     */
    public static MentionScores overlappingMentions(List<DevSets.LabelledArticle> articles, MentionSource source) {
        Map<String, Prf> typed = emptyScores();
        Prf untyped = new Prf(0, 0, 0, 0);
        for (DevSets.LabelledArticle article : articles) {
            List<TypedSpan> predicted = source.mentions(article.id(), article.text());
            for (TypedSpan p : predicted) {
                boolean judged = false;
                boolean right = false;
                for (TypedSpan g : article.mentions()) {
                    if (p.overlaps(g)) {
                        judged = true;
                        right |= g.type().equals(p.type());
                    }
                }
                if (judged) {
                    add(typed, p.type(), new Prf(right ? 1 : 0, 1, 0, 0));
                    untyped = untyped.plus(new Prf(1, 1, 0, 0));
                }
            }
            for (TypedSpan g : article.mentions()) {
                boolean found = false;
                boolean typedRight = false;
                for (TypedSpan p : predicted) {
                    if (p.overlaps(g)) {
                        found = true;
                        typedRight |= g.type().equals(p.type());
                    }
                }
                add(typed, g.type(), new Prf(0, 0, typedRight ? 1 : 0, 1));
                untyped = untyped.plus(new Prf(0, 0, found ? 1 : 0, 1));
            }
        }
        return new MentionScores(typed, untyped);
    }

    private static Map<String, Prf> emptyScores() {
        Map<String, Prf> m = new java.util.LinkedHashMap<>();
        m.put("ALL", new Prf(0, 0, 0, 0));
        TYPES.forEach(t -> m.put(t, new Prf(0, 0, 0, 0)));
        return m;
    }

    private static void add(Map<String, Prf> scores, String type, Prf p) {
        scores.merge(type, p, Prf::plus);
        scores.merge("ALL", p, Prf::plus);
    }

    private static long key(TypedSpan s) {
        return ((long) s.start() << 32) | s.end();
    }

    /** Two systems side by side: P / R / F1 typed, overall and per type, and untyped. */
    public static String sideBySide(String title, String nameA, MentionScores a, String nameB, MentionScores b) {
        StringBuilder s = new StringBuilder(title).append('\n');
        s.append(String.format(java.util.Locale.ROOT, "  %-14s %-23s %-23s %s%n", "", nameA + " P / R / F1", nameB + " P / R / F1", "F1 diff"));
        for (Map.Entry<String, Prf> e : a.typed().entrySet()) {
            Prf pb = b.typed().get(e.getKey());
            s.append(row(e.getKey() + " typed", e.getValue(), pb));
        }
        s.append(row("untyped", a.untyped(), b.untyped()));
        return s.toString();
    }

    private static String row(String name, Prf a, Prf b) {
        return String.format(java.util.Locale.ROOT, "  %-19s %.3f / %.3f / %.3f   %.3f / %.3f / %.3f   %+.3f%n", name,
                a.precision(), a.recall(), a.f1(), b.precision(), b.recall(), b.f1(), a.f1() - b.f1());
    }

    /** Recall of gold entities: found = one of our mentions overlaps one of theirs; typed = and the type agrees. */
    public record Recall(int gold, int found, int typed) {
        public double recall() {
            return gold == 0 ? 0 : (double) found / gold;
        }

        public double typedRecall() {
            return gold == 0 ? 0 : (double) typed / gold;
        }

        Recall plus(boolean f, boolean t) {
            return new Recall(gold + 1, found + (f ? 1 : 0), typed + (t ? 1 : 0));
        }
    }

    /** Recall per type, and "ALL". */
    public static Map<String, Recall> gumRecall(NewsEngine engine, List<DevSets.GoldArticle> articles) {
        Map<String, Recall> out = new TreeMap<>();
        for (DevSets.GoldArticle article : articles) {
            Annotation a = engine.annotate(new Document(article.id(), null, article.text(), "en", List.of()));
            for (DevSets.GoldEntity gold : article.entities()) {
                boolean found = false;
                boolean typed = false;
                for (EntityAnnotation e : a.entities()) {
                    if (overlaps(e, gold)) {
                        found = true;
                        typed |= e.type().name().equals(gold.type());
                    }
                }
                out.merge(gold.type(), new Recall(0, 0, 0).plus(found, typed), Evaluation::sum);
                out.merge("ALL", new Recall(0, 0, 0).plus(found, typed), Evaluation::sum);
            }
        }
        return out;
    }

    /**
     * The same recall for the bare tagger: its mentions are runs of tokens with one label, typed by
     * it, with no joining, aliases or cleaning. The reference the engine must at least match.
     */
    public static Map<String, Recall> gumRecallBareTagger(NerTagger tagger, List<DevSets.GoldArticle> articles) {
        MentionSource bare = bareMentions(tagger);
        Map<String, Recall> out = new TreeMap<>();
        for (DevSets.GoldArticle article : articles) {
            List<TypedSpan> spans = bare.mentions(article.id(), article.text());
            for (DevSets.GoldEntity gold : article.entities()) {
                boolean found = false;
                boolean typed = false;
                for (TypedSpan span : spans) {
                    for (DevSets.GoldMention g : gold.mentions()) {
                        if (span.start() < g.end() && g.start() < span.end()) {
                            found = true;
                            typed |= span.type().equals(gold.type());
                        }
                    }
                }
                out.merge(gold.type(), new Recall(0, 0, 0).plus(found, typed), Evaluation::sum);
                out.merge("ALL", new Recall(0, 0, 0).plus(found, typed), Evaluation::sum);
            }
        }
        return out;
    }

    private static Recall sum(Recall a, Recall b) {
        return new Recall(a.gold() + b.gold(), a.found() + b.found(), a.typed() + b.typed());
    }

    private static boolean overlaps(EntityAnnotation e, DevSets.GoldEntity gold) {
        for (Mention m : e.mentions()) {
            for (DevSets.GoldMention g : gold.mentions()) {
                if (m.start() < g.end() && g.start() < m.end()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Confusion counts [gold][predicted] over labels -1, 0, 1 (indices 0..2), with macro-F1. */
    public record Confusion(int[][] counts) {
        public double macroF1() {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += f1(c);
            }
            return sum / 3;
        }

        /** F1 of one class: 0 negative, 1 neutral, 2 positive. */
        public double f1(int c) {
            int tp = counts[c][c];
            int predicted = 0;
            int gold = 0;
            for (int k = 0; k < 3; k++) {
                predicted += counts[k][c];
                gold += counts[c][k];
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = gold == 0 ? 0 : (double) tp / gold;
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double accuracy() {
            int right = 0;
            int all = 0;
            for (int g = 0; g < 3; g++) {
                for (int p = 0; p < 3; p++) {
                    all += counts[g][p];
                    if (g == p) {
                        right += counts[g][p];
                    }
                }
            }
            return all == 0 ? 0 : (double) right / all;
        }

        public int total() {
            int all = 0;
            for (int[] row : counts) {
                for (int v : row) {
                    all += v;
                }
            }
            return all;
        }
    }

    /** Targeted sentiment through the full engine: each sentence a document, its targets as spans. */
    public static Confusion newsMtsc(NewsEngine engine, List<DevSets.TargetSentence> sentences) {
        int[][] counts = new int[3][3];
        for (DevSets.TargetSentence s : sentences) {
            List<Span> spans = new ArrayList<>();
            s.targets().forEach(t -> spans.add(new Span(t.start(), t.end())));
            Annotation a = engine.annotate(new Document(s.id(), null, s.sentence(), "en", spans));
            for (int i = 0; i < s.targets().size(); i++) {
                counts[s.targets().get(i).polarity() + 1][index(a.targets().get(i).sentiment().label())]++;
            }
        }
        return new Confusion(counts);
    }

    /** Targeted sentiment of any per-target predictor (label index 0..2), e.g. a baseline. */
    public static Confusion newsMtsc(List<DevSets.TargetSentence> sentences,
                                     java.util.function.BiFunction<DevSets.TargetSentence, DevSets.Target, Label> predictor) {
        int[][] counts = new int[3][3];
        for (DevSets.TargetSentence s : sentences) {
            for (DevSets.Target t : s.targets()) {
                counts[t.polarity() + 1][index(predictor.apply(s, t))]++;
            }
        }
        return new Confusion(counts);
    }

    public static int index(Label label) {
        return label.ordinal();
    }

    /** Checks on the Hollande sample: which expected entities were found, IS joining, junk. */
    public record SampleCheck(List<String> expected, List<String> missing, int isMentions, int isJoined,
                              List<String> junkEntities) {
        public boolean passed() {
            return missing.isEmpty() && isMentions == isJoined && junkEntities.isEmpty();
        }
    }

    public static final List<String> HOLLANDE_EXPECTED = List.of("Francois Hollande", "Vladimir Putin", "David Cameron",
            "Ursula von der Leyen", "Matteo Renzi", "Barack Obama", "Islamic State", "Kremlin", "European Union", "Russia",
            "Moscow", "Paris", "Egypt", "Iraq", "Syria", "Britain", "Cyprus", "Berlin", "Germany", "France", "Mali",
            "Washington", "United States");

    public static SampleCheck hollande(NewsEngine engine, String text) {
        Annotation a = engine.annotate(Document.of("hollande", text));
        List<String> names = a.entities().stream().map(EntityAnnotation::name).toList();
        List<String> missing = HOLLANDE_EXPECTED.stream().filter(n -> !names.contains(n)).toList();
        int isMentions = text.split("\\bIS\\b", -1).length - 1;
        int joined = 0;
        for (EntityAnnotation e : a.entities()) {
            if (e.name().equals("Islamic State")) {
                joined = (int) e.mentions().stream().filter(m -> m.text().equals("IS")).count();
            }
        }
        List<String> junk = a.entities().stream().map(EntityAnnotation::name)
                .filter(n -> n.equals(n.toUpperCase()) && n.length() > 5 || n.contains("SCROLL") || n.contains("BREAK")).toList();
        return new SampleCheck(HOLLANDE_EXPECTED, missing, isMentions, joined, junk);
    }

    /** One line per type of a recall table. */
    public static String recallTable(String title, Map<String, Recall> recall) {
        StringBuilder s = new StringBuilder(title).append('\n');
        recall.forEach((type, r) -> s.append(String.format("  %-13s %3d gold  recall %.3f  typed %.3f%n", type, r.gold(),
                r.recall(), r.typedRecall())));
        return s.toString();
    }

    /** Prints all figures. */
    public static String report(Map<String, Recall> gum, Confusion rw, Confusion mt, SampleCheck sample) {
        StringBuilder s = new StringBuilder();
        s.append("GUM news entity recall (found / typed):\n");
        gum.forEach((type, r) -> s.append(String.format("  %-13s %3d gold  recall %.3f  typed %.3f%n", type, r.gold(),
                r.recall(), r.typedRecall())));
        s.append(String.format("NewsMTSC rw-dev: macro-F1 %.3f  accuracy %.3f  (%d targets)%n", rw.macroF1(), rw.accuracy(), rw.total()));
        s.append(String.format("NewsMTSC mt-dev: macro-F1 %.3f  accuracy %.3f  (%d targets)%n", mt.macroF1(), mt.accuracy(), mt.total()));
        s.append(String.format("Hollande sample: %d/%d expected entities, IS joined %d/%d, junk entities %s, missing %s%n",
                sample.expected().size() - sample.missing().size(), sample.expected().size(), sample.isJoined(),
                sample.isMentions(), sample.junkEntities(), sample.missing()));
        return s.toString();
    }

    static <T> int count(List<T> items, ToIntFunction<T> f) {
        return items.stream().mapToInt(f).sum();
    }
}
