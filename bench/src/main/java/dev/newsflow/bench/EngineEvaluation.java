package dev.newsflow.bench;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
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
            var gum = Evaluation.gumRecall(engine, DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl"))));
            var rw = Evaluation.newsMtsc(engine, DevSets.newsMtsc(DevSets.lines(data.resolve("dev/newsmtsc-rw-dev.jsonl"))));
            var mt = Evaluation.newsMtsc(engine, DevSets.newsMtsc(DevSets.lines(data.resolve("dev/newsmtsc-mt-dev.jsonl"))));
            var sample = Evaluation.hollande(engine, Files.readString(data.resolve("samples/hollande-moscow-coalition.txt")));
            System.out.print(Evaluation.report(gum, rw, mt, sample));
        }
    }
}
