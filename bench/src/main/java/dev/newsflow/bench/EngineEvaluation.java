package dev.newsflow.bench;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.sentiment.Lexicon;
import dev.newsflow.enrich.engine.sentiment.VaderScorer;
import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the engine's quality on the development sets: GUM entity recall per type, NewsMTSC
 * rw/mt macro-F1 of targeted sentiment, and the Hollande sample checks.
 *
 * <pre>bench/run.sh EngineEvaluation [data-dir]</pre>  (default ../shared/data)
 */
public final class EngineEvaluation {
    private EngineEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        try (NewsEngine engine = NewsEngines.create()) {
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
