package dev.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.EngineSettings;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.engine.linking.EntityResolver;
import dev.newsflow.enrich.engine.ner.NerTagger;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The enrichment engine beside the bare CoreNLP pipeline it wraps (same annotators and
 * settings), on the same texts in the same JVM: articles/s on one thread, each text run through
 * both in alternating order so that machine noise hits both alike, then the shared engine on 2
 * threads; and the heap each retains after loading. The engine without entity linking runs in
 * the same rotation, which gives linking's cost per article.
 *
 * <pre>bench/run.sh EngineBenchmark [articles.jsonl] [rounds]</pre>
 *
 * Default texts: ../shared/data/dev/gum-news-entities.jsonl (22 Wikinews articles) plus the
 * Hollande sample; 5 measured rounds after 2 warm-up rounds.
 */
public final class EngineBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "../shared/data/dev/gum-news-entities.jsonl");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> texts = texts(source);
        Path sample = Path.of("../shared/data/samples/hollande-moscow-coalition.txt");
        if (Files.exists(sample)) {
            texts.add(Files.readString(sample));
        }
        long chars = texts.stream().mapToLong(String::length).sum();
        System.out.printf(Locale.ROOT, "%d texts, %d characters (mean %d)%n", texts.size(), chars, chars / texts.size());

        long heap0 = usedHeap();
        StanfordCoreNLP bare = new StanfordCoreNLP(NerTagger.leanProperties());
        long heapBare = usedHeap() - heap0;
        // CoreNLP caches annotators by their properties; clear the cache so the engine loads its own.
        StanfordCoreNLP.clearAnnotatorPool();
        long heap1 = usedHeap();
        NewsEngine engine = NewsEngines.create();
        long heapEngine = usedHeap() - heap1;
        // The same engine without entity linking (its own pipeline; the dictionary stays loaded by the first).
        StanfordCoreNLP.clearAnnotatorPool();
        NewsEngine unlinked = NewsEngines.create(EngineSettings.defaults(), EntityResolver.Rules.ALL, null);

        Consumer<String> bareRun = text -> bare.annotate(new Annotation(text));
        Consumer<String> engineRun = text -> engine.annotate(Document.of("bench", text));
        Consumer<String> unlinkedRun = text -> unlinked.annotate(Document.of("bench", text));
        List<Consumer<String>> runs = List.of(bareRun, engineRun, unlinkedRun);
        for (int i = 0; i < 3; i++) {
            runs.forEach(run -> pass(texts, run));
        }
        // Per text, all three in rotating order, so that load from other processes hits each alike.
        double[][] seconds = new double[3][2];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                for (int k = 0; k < 3; k++) {
                    int which = (r + i + k) % 3;
                    add(seconds[which], time(runs.get(which), text));
                }
            }
        }
        double[] bareSeconds = seconds[0];
        double[] engineSeconds = seconds[1];
        double[] unlinkedSeconds = seconds[2];
        int n = texts.size() * rounds;
        double twoThreads = parallel(texts, engine, 2, rounds);

        System.out.printf(Locale.ROOT, "1 thread, articles/s by wall time (and by this thread's CPU time):%n");
        System.out.printf(Locale.ROOT, "  bare CoreNLP (tokenize,ssplit,ner conll.4class lean): %6.1f  (%6.1f)%n",
                n / bareSeconds[0], n / bareSeconds[1]);
        System.out.printf(Locale.ROOT, "  engine (NER + linking + sentiment):                   %6.1f  (%6.1f)%n",
                n / engineSeconds[0], n / engineSeconds[1]);
        System.out.printf(Locale.ROOT, "  engine / bare throughput:                             %6.2f  (%6.2f)%n",
                bareSeconds[0] / engineSeconds[0], bareSeconds[1] / engineSeconds[1]);
        System.out.printf(Locale.ROOT, "  engine without entity linking:                        %6.1f  (%6.1f)%n",
                n / unlinkedSeconds[0], n / unlinkedSeconds[1]);
        System.out.printf(Locale.ROOT, "  engine with linking / without, time per article:      %6.3f  (%6.3f)%n",
                engineSeconds[0] / unlinkedSeconds[0], engineSeconds[1] / unlinkedSeconds[1]);
        System.out.printf(Locale.ROOT, "engine shared by 2 threads:                           %.1f articles/s total (%.1f per thread)%n",
                twoThreads, twoThreads / 2);
        System.out.printf(Locale.ROOT, "heap retained after load: bare pipeline %d MB, engine %d MB (its own pipeline + lexicon, aliases, "
                + "target model, language model, Wikipedia dictionary)%n", heapBare >> 20, heapEngine >> 20);
        System.out.printf(Locale.ROOT, "max heap: %d MB, available processors: %d%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    }

    /** Wall time and CPU time of this thread, in seconds. */
    private static double[] time(Consumer<String> run, String text) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        run.accept(text);
        return new double[] {(System.nanoTime() - t0) / 1e9, (THREADS.getCurrentThreadCpuTime() - c0) / 1e9};
    }

    private static void add(double[] sum, double[] t) {
        sum[0] += t[0];
        sum[1] += t[1];
    }

    private static double pass(List<String> texts, Consumer<String> run) {
        long t0 = System.nanoTime();
        for (String text : texts) {
            run.accept(text);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double parallel(List<String> texts, NewsEngine engine, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        for (String text : texts) {
                            engine.annotate(Document.of("bench", text));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return threads * rounds * texts.size() / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static List<String> texts(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    out.add(n.get("text").asText());
                }
            }
        }
        return out;
    }
}
