package dev.newsflow.bench;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.engine.linking.EntityResolver;
import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import dev.newsflow.enrich.engine.eval.Evaluation.TypedSpan;
import dev.newsflow.linkdict.WikiDictionary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error analysis of entity types on the development sets: the confusion between the gold type and
 * the type the engine gives a mention it found (Wikigold: a mention with exactly the gold span;
 * GUM: mentions overlapping a gold one), beside the bare tagger's, and the wrongly typed mentions
 * grouped by text with what the engine knew of them (its entity's type and name, the linker's
 * title and that title's coarse type), so the causes can be counted.
 *
 * <pre>bench/run.sh EntityTypeErrors [data-dir] [rows] [text files...]</pre>  (default ../shared/data, 60 rows;
 * each text file given is annotated and its entities printed with their types;
 * {@code -Drules.off=nameHeads,placeContext} in BENCH_JAVA_OPTS switches resolution rules off)
 */
public final class EntityTypeErrors {
    private static final List<String> TYPES = List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC", "-");

    private EntityTypeErrors() {
    }

    /** An engine mention with what the engine knew of its entity. */
    record Found(int start, int end, String type, String entityType, String entity, String title) {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        WikiDictionary dictionary = WikiDictionary.shared();
        EntityResolver.Rules rules = EntityResolver.Rules.ALL;
        for (String off : System.getProperty("rules.off", "").split(",")) {
            rules = off.isBlank() ? rules : rules.without(off.trim());
        }
        try (NewsEngine engine = NewsEngines.create(EngineSettings.defaults(), rules)) {
            var wikigold = DevSets.wikigold(DevSets.lines(data.resolve("dev/wikigold-entities.jsonl")));
            var gum = Evaluation.gumMentions(DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl"))));
            var bare = Evaluation.bareMentions(new dev.newsflow.enrich.engine.ner.NerTagger());
            analyse("Wikigold (exact span)", wikigold, engine, bare, dictionary, true, rows);
            analyse("GUM news (overlap)", gum, engine, bare, dictionary, false, rows);
            for (int i = 2; i < args.length; i++) {
                String text = java.nio.file.Files.readString(Path.of(args[i]));
                System.out.println("Entities of " + args[i] + " (type, name, title, mention types):");
                for (EntityAnnotation e : engine.annotate(Document.of(args[i], text)).entities()) {
                    System.out.printf("  %-4s %-45s %-40s %s%n", abbr(e.type().name()), e.name(), e.id(),
                            e.mentions().stream().map(m -> m.text() + "/" + abbr(m.type().name())).toList());
                }
            }
        }
    }

    private static void analyse(String name, List<DevSets.LabelledArticle> articles, NewsEngine engine,
                                Evaluation.MentionSource bare, WikiDictionary dictionary, boolean exact, int rows) {
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        Map<String, Map<String, Integer>> bareConfusion = new TreeMap<>();
        Map<String, Integer> errors = new LinkedHashMap<>();
        Map<String, Integer> pairs = new TreeMap<>();
        for (DevSets.LabelledArticle article : articles) {
            Annotation a = engine.annotate(new Document(article.id(), null, article.text(), "en", List.of()));
            List<Found> found = new ArrayList<>();
            for (EntityAnnotation e : a.entities()) {
                for (Mention m : e.mentions()) {
                    found.add(new Found(m.start(), m.end(), m.type().name(), e.type().name(), e.name(), e.id()));
                }
            }
            List<TypedSpan> bareSpans = bare.mentions(article.id(), article.text());
            for (TypedSpan g : article.mentions()) {
                Found match = null;
                for (Found f : found) {
                    boolean hit = exact ? f.start() == g.start() && f.end() == g.end() : f.start() < g.end() && g.start() < f.end();
                    if (hit && (match == null || f.type().equals(g.type()))) {
                        match = f;
                    }
                }
                String bareType = "-";
                for (TypedSpan b : bareSpans) {
                    boolean hit = exact ? b.start() == g.start() && b.end() == g.end() : b.start() < g.end() && g.start() < b.end();
                    if (hit && (bareType.equals("-") || b.type().equals(g.type()))) {
                        bareType = b.type();
                    }
                }
                String engineType = match == null ? "-" : match.type();
                confusion.computeIfAbsent(g.type(), k -> new TreeMap<>()).merge(engineType, 1, Integer::sum);
                bareConfusion.computeIfAbsent(g.type(), k -> new TreeMap<>()).merge(bareType, 1, Integer::sum);
                if (match != null && !engineType.equals(g.type())) {
                    String titleType = match.title() == null ? "" : String.valueOf(dictionary.type(match.title()));
                    String key = String.format(Locale.ROOT, "%-40s gold %-4s engine %-4s bare %-4s entity %-4s %-30s %s %s",
                            article.text().substring(g.start(), g.end()).replaceAll("\\s+", " "), abbr(g.type()),
                            abbr(engineType), abbr(bareType), abbr(match.entityType()), '"' + match.entity() + '"',
                            match.title() == null ? "NIL" : match.title(), titleType);
                    errors.merge(key, 1, Integer::sum);
                    pairs.merge(abbr(g.type()) + "->" + abbr(engineType), 1, Integer::sum);
                }
            }
        }
        System.out.println(name + ": gold type (rows) against the engine's mention type (columns), '-' not found; bare tagger in brackets");
        System.out.printf("  %-14s", "");
        TYPES.forEach(t -> System.out.printf("%-14s", abbr(t)));
        System.out.println();
        for (String gold : confusion.keySet()) {
            System.out.printf("  %-14s", abbr(gold));
            for (String t : TYPES) {
                System.out.printf("%-14s", confusion.get(gold).getOrDefault(t, 0) + " (" + bareConfusion.get(gold).getOrDefault(t, 0) + ")");
            }
            System.out.println();
        }
        System.out.println("  wrong types by gold -> engine: " + pairs);
        System.out.println("  wrongly typed mentions, most frequent first (text, gold, engine, bare tagger, entity type, entity, title, title type):");
        errors.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf("  %3d  %s%n", e.getValue(), e.getKey()));
    }

    private static String abbr(String type) {
        return type.length() > 4 ? type.substring(0, 4) : type;
    }
}
