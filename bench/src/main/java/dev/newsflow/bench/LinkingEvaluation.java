package dev.newsflow.bench;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.LinkingEvaluation.Annotated;
import dev.newsflow.enrich.engine.eval.LinkingEvaluation.MentionLinker;
import dev.newsflow.enrich.engine.eval.LinkingEvaluation.Result;
import dev.newsflow.enrich.engine.linking.EntityLinker;
import dev.newsflow.linkdict.WikiDictionary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Entity linking on GUM news (every mention of the 407 entities GUM links to Wikipedia) and on the
 * Hollande sample (gold written by hand in enrich's test resources): accuracy (right / linked),
 * coverage (linked / gold) and recall (right / gold), for the linker, the most-frequent-title
 * baseline, each signal switched off and a threshold sweep, all on the same engine mentions; then
 * the dictionary's load time and heap.
 *
 * <pre>bench/run.sh LinkingEvaluation [data-dir] [errors] [other-dictionary.bin ...]</pre>
 * (default ../shared/data; other dictionaries, e.g. compacted with other pruning settings by
 * {@code WikiDictCompactor}, add a row each for the linker and the baseline reading them)
 */
public final class LinkingEvaluation {
    private LinkingEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        boolean showErrors = args.length > 1 && args[1].equals("errors");
        List<Path> others = new java.util.ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            others.add(Path.of(args[i]));
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        WikiDictionary dictionary = WikiDictionary.shared();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        long heap = rt.totalMemory() - rt.freeMemory() - heap0;
        System.out.printf(Locale.ROOT, "dictionary: %,d surfaces, %,d titles, loaded in %.2f s, %d MB of heap retained%n",
                dictionary.surfaceCount(), dictionary.titleCount(), loadSeconds, heap >> 20);

        try (NewsEngine engine = NewsEngines.create()) {
            List<Annotated> gum = dev.newsflow.enrich.engine.eval.LinkingEvaluation.gum(engine,
                    DevSets.gum(DevSets.lines(data.resolve("dev/gum-news-entities.jsonl"))));
            Path goldFile = Path.of("enrich/src/test/resources/engine/hollande-moscow-coalition.links.tsv");
            Annotated sample = dev.newsflow.enrich.engine.eval.LinkingEvaluation.bySurface(engine, "hollande",
                    Files.readString(data.resolve("samples/hollande-moscow-coalition.txt")),
                    dev.newsflow.enrich.engine.eval.LinkingEvaluation.goldBySurface(Files.readAllLines(goldFile)));
            System.out.println("| linker | GUM accuracy | GUM coverage | GUM recall | GUM accuracy, gold title in dictionary"
                    + " | sample accuracy | sample coverage |");
            System.out.println("|---|---|---|---|---|---|---|");
            row("linker (all signals)", dev.newsflow.enrich.engine.eval.LinkingEvaluation.engine(), gum, sample, dictionary,
                    showErrors);
            row("most frequent title of the mention (baseline)",
                    dev.newsflow.enrich.engine.eval.LinkingEvaluation.mostFrequentTitle(dictionary), gum, sample, dictionary,
                    showErrors);
            for (Path other : others) {
                WikiDictionary d;
                try (var in = Files.newInputStream(other)) {
                    d = WikiDictionary.read(in);
                }
                String name = other.getFileName() + String.format(Locale.ROOT, " (%,d surfaces, %,d titles, %d MB)",
                        d.surfaceCount(), d.titleCount(), Files.size(other) >> 20);
                row("linker on " + name, dev.newsflow.enrich.engine.eval.LinkingEvaluation.linker(new EntityLinker(d)),
                        gum, sample, dictionary, false);
                row("baseline on " + name, dev.newsflow.enrich.engine.eval.LinkingEvaluation.mostFrequentTitle(d),
                        gum, sample, dictionary, false);
            }
            for (String signal : EntityLinker.Signals.NAMES) {
                row("without " + signal, dev.newsflow.enrich.engine.eval.LinkingEvaluation.linker(new EntityLinker(
                        dictionary, EntityLinker.Signals.ALL.without(signal), EntityLinker.DEFAULT_THRESHOLD)),
                        gum, sample, dictionary, false);
            }
            for (double threshold : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) {
                row(String.format(Locale.ROOT, "threshold %.1f", threshold),
                        dev.newsflow.enrich.engine.eval.LinkingEvaluation.linker(
                                new EntityLinker(dictionary, EntityLinker.Signals.ALL, threshold)),
                        gum, sample, dictionary, false);
            }
        }
    }

    private static void row(String name, MentionLinker linker, List<Annotated> gum, Annotated sample,
                            WikiDictionary dictionary, boolean showErrors) {
        Result g = dev.newsflow.enrich.engine.eval.LinkingEvaluation.score(gum, linker, dictionary);
        Result s = dev.newsflow.enrich.engine.eval.LinkingEvaluation.score(List.of(sample), linker, dictionary);
        System.out.printf(Locale.ROOT, "| %s | %.3f (%d/%d) | %.3f | %.3f | %.3f (%d/%d) | %.3f (%d/%d) | %.3f |%n", name,
                g.all().accuracy(), g.all().right(), g.all().linked(), g.all().coverage(), g.all().recall(),
                g.inDictionary().accuracy(), g.inDictionary().right(), g.inDictionary().linked(),
                s.all().accuracy(), s.all().right(), s.all().linked(), s.all().coverage());
        if (showErrors) {
            g.errors().forEach(e -> System.out.println("    GUM " + e));
            s.errors().forEach(e -> System.out.println("    sample " + e));
        }
    }
}
