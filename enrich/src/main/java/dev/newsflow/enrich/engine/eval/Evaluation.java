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
 * The engine's quality on the development sets: entity recall on GUM news (per type),
 * macro-F1 of targeted sentiment on NewsMTSC, and the checks on the Hollande sample.
 */
public final class Evaluation {

    private Evaluation() {
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
        Map<String, Recall> out = new TreeMap<>();
        for (DevSets.GoldArticle article : articles) {
            List<int[]> spans = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (TaggedSentence sentence : tagger.tag(article.text(), 0)) {
                List<Token> tokens = sentence.tokens();
                for (int i = 0; i < tokens.size(); i++) {
                    if (tokens.get(i).outside()) {
                        continue;
                    }
                    int j = i + 1;
                    while (j < tokens.size() && tokens.get(j).ner().equals(tokens.get(i).ner())) {
                        j++;
                    }
                    spans.add(new int[] {tokens.get(i).start(), tokens.get(j - 1).end()});
                    types.add(tokens.get(i).ner());
                    i = j - 1;
                }
            }
            for (DevSets.GoldEntity gold : article.entities()) {
                boolean found = false;
                boolean typed = false;
                for (int k = 0; k < spans.size(); k++) {
                    for (DevSets.GoldMention g : gold.mentions()) {
                        if (spans.get(k)[0] < g.end() && g.start() < spans.get(k)[1]) {
                            found = true;
                            typed |= types.get(k).equals(gold.type());
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
