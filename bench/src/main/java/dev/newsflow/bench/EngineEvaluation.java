package dev.newsflow.bench;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.linking.EntityResolver;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.sentiment.Lexicon;
import dev.newsflow.enrich.engine.sentiment.VaderScorer;
import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the engine's quality on the development sets: typed mention P/R/F1 on Wikigold and GUM,
 * engine beside the bare tagger it wraps, GUM entity recall per type, NewsMTSC rw/mt macro-F1 of
 * targeted sentiment, and the Hollande sample checks.
 *
 * <pre>bench/run.sh EngineEvaluation [data-dir] [entities|ablation|types]</pre>  (default ../shared/data;
 * {@code entities}: only the entity figures; {@code ablation}: and each resolution rule switched
 * off; {@code types}: and the engine without the entity-type rules, name heads, place context and
 * title types, beside it)
 */
public final class EngineEvaluation {
    private EngineEvaluation() {
    }

    private static String perType(Evaluation.MentionScores s) {
        StringBuilder b = new StringBuilder();
        for (String t : Evaluation.TYPES) {
            b.append(String.format("%s %.3f ", t.substring(0, 3), s.typed().get(t).f1()));
        }
        return b.toString().trim();
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        boolean entitiesOnly = args.length > 1 && args[1].equals("entities");
        try (NewsEngine engine = NewsEngines.create()) {
            var wikigold = DevSets.wikigold(DevSets.lines(data.resolve("dev/wikigold-entities.jsonl")));
            var gumMentions = Evaluation.gumMentions(DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl"))));
            NerTagger bareTagger = new NerTagger();
            long t0 = System.nanoTime();
            var engineWiki = Evaluation.exactMentions(wikigold, Evaluation.engineMentions(engine));
            var engineGum = Evaluation.overlappingMentions(gumMentions, Evaluation.engineMentions(engine));
            long t1 = System.nanoTime();
            var bareWiki = Evaluation.exactMentions(wikigold, Evaluation.bareMentions(bareTagger));
            var bareGum = Evaluation.overlappingMentions(gumMentions, Evaluation.bareMentions(bareTagger));
            long t2 = System.nanoTime();
            System.out.print(Evaluation.sideBySide("Wikigold (" + wikigold.size() + " articles), exact span and type:",
                    "engine", engineWiki, "bare tagger", bareWiki));
            System.out.print(Evaluation.sideBySide("GUM news (" + gumMentions.size()
                            + " articles, linked entities only), overlap and type; precision over mentions that overlap a gold one:",
                    "engine", engineGum, "bare tagger", bareGum));
            System.out.printf("(seconds: engine %.1f, bare tagger %.1f)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            var wikiCaps = Evaluation.firstLineInCapitals(wikigold);
            var gumCaps = Evaluation.firstLineInCapitals(gumMentions);
            System.out.print(Evaluation.sideBySide("Wikigold, each article's first line in capitals:", "engine",
                    Evaluation.exactMentions(wikiCaps, Evaluation.engineMentions(engine)), "bare tagger",
                    Evaluation.exactMentions(wikiCaps, Evaluation.bareMentions(bareTagger))));
            System.out.print(Evaluation.sideBySide("GUM news, each headline in capitals:", "engine",
                    Evaluation.overlappingMentions(gumCaps, Evaluation.engineMentions(engine)), "bare tagger",
                    Evaluation.overlappingMentions(gumCaps, Evaluation.bareMentions(bareTagger))));
            if (args.length > 1 && args[1].equals("types")) {
                // The engine before the entity-type rules (name heads, place context, title types), same run.
                EntityResolver.Rules before = EntityResolver.Rules.ALL.without("nameHeads").without("placeContext")
                        .without("titleTypes");
                try (NewsEngine old = NewsEngines.create(EngineSettings.defaults(), before)) {
                    var oldWiki = Evaluation.exactMentions(wikigold, Evaluation.engineMentions(old));
                    var oldGum = Evaluation.overlappingMentions(gumMentions, Evaluation.engineMentions(old));
                    System.out.print(Evaluation.sideBySide("Wikigold: engine against the engine without the type rules:",
                            "engine", engineWiki, "before", oldWiki));
                    System.out.print(Evaluation.sideBySide("GUM news: engine against the engine without the type rules:",
                            "engine", engineGum, "before", oldGum));
                    var gumArticles = DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl")));
                    System.out.print(Evaluation.recallTable("GUM typed entity recall, engine:", Evaluation.gumRecall(engine, gumArticles)));
                    System.out.print(Evaluation.recallTable("GUM typed entity recall, before:", Evaluation.gumRecall(old, gumArticles)));
                }
                return;
            }
            if (args.length > 1 && args[1].equals("ablation")) {
                var gumArticles = DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl")));
                System.out.println("Ablation: typed mention F1 (Wikigold exact / GUM overlap), GUM typed entity recall and"
                        + " typed mention F1 on Wikigold with first lines in capitals, with all rules, then without each:");
                System.out.printf("  %-30s %.3f  %.3f  %.3f  %.3f%n", "all rules", engineWiki.all().f1(), engineGum.all().f1(),
                        Evaluation.gumRecall(engine, gumArticles).get("ALL").typedRecall(),
                        Evaluation.exactMentions(wikiCaps, Evaluation.engineMentions(engine)).all().f1());
                for (String rule : EntityResolver.Rules.NAMES) {
                    try (NewsEngine ablated = NewsEngines.create(EngineSettings.defaults(), EntityResolver.Rules.ALL.without(rule))) {
                        var w = Evaluation.exactMentions(wikigold, Evaluation.engineMentions(ablated));
                        var g = Evaluation.overlappingMentions(gumMentions, Evaluation.engineMentions(ablated));
                        System.out.printf("  without %-22s %.3f  %.3f  %.3f  %.3f   per type W %s  G %s%n", rule, w.all().f1(),
                                g.all().f1(), Evaluation.gumRecall(ablated, gumArticles).get("ALL").typedRecall(),
                                Evaluation.exactMentions(wikiCaps, Evaluation.engineMentions(ablated)).all().f1(), perType(w), perType(g));
                    }
                }
                return;
            }
            if (entitiesOnly) {
                return;
            }
            var articles = DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl")));
            var gum = Evaluation.gumRecall(engine, articles);
            var rw = Evaluation.newsMtsc(engine, DevSets.newsMtsc(DevSets.lines(data.resolve("dev/newsmtsc-rw-dev.jsonl"))));
            var mt = Evaluation.newsMtsc(engine, DevSets.newsMtsc(DevSets.lines(data.resolve("dev/newsmtsc-mt-dev.jsonl"))));
            var sample = Evaluation.hollande(engine, Files.readString(data.resolve("samples/hollande-moscow-coalition.txt")));
            System.out.print(Evaluation.report(gum, rw, mt, sample));
            System.out.print(Evaluation.recallTable("Reference: the bare CoreNLP tagger on GUM (no joining, aliases, cleaning):",
                    Evaluation.gumRecallBareTagger(new NerTagger(), articles)));
            VaderScorer vader = new VaderScorer(Lexicon.vader());
            var rwVader = Evaluation.newsMtsc(DevSets.newsMtsc(DevSets.lines(data.resolve("dev/newsmtsc-rw-dev.jsonl"))),
                    (s, t) -> Sentiment.of(vader.compound(s.sentence())).label());
            var mtVader = Evaluation.newsMtsc(DevSets.newsMtsc(DevSets.lines(data.resolve("dev/newsmtsc-mt-dev.jsonl"))),
                    (s, t) -> Sentiment.of(vader.compound(s.sentence())).label());
            System.out.printf("Reference: VADER on the whole sentence: rw macro-F1 %.3f, mt %.3f%n", rwVader.macroF1(), mtVader.macroF1());
        }
    }
}
