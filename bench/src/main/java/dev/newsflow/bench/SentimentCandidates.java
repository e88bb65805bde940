package dev.newsflow.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngines;
import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.eval.Evaluation;
import dev.newsflow.enrich.engine.sentiment.Lexicon;
import dev.newsflow.enrich.engine.sentiment.TargetFeatures;
import dev.newsflow.enrich.engine.sentiment.TargetModel;
import dev.newsflow.enrich.engine.sentiment.TargetModelTrainer;
import dev.newsflow.enrich.engine.sentiment.TargetModelTrainer.Example;
import dev.newsflow.enrich.engine.sentiment.ArticleSentiment;
import dev.newsflow.enrich.engine.sentiment.StaticVectors;
import dev.newsflow.enrich.engine.sentiment.VaderScorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Candidate feature sources for the targeted sentiment model, measured in one run beside today's
 * sparse features: 5-fold cross-validated macro-F1 on NewsMTSC train (folds by sentence, the
 * trainer's own split), macro-F1 and per-class precision / recall on the rw and mt dev sets
 * (reported only, never used to choose), and the cost per target and per GUM article.
 *
 * <ul>
 *   <li>sparse: today's {@code TargetFeatures}, whole sentence (the shipped model reads clauses
 *       too; its figure is printed beside);</li>
 *   <li>minilm: the all-MiniLM-L6-v2 transformer (quantized ONNX in the langchain4j jar) run once
 *       per sentence; its mean-pooled sentence state and the mean of the states of the target's
 *       own word pieces, standardised on train, added to the sparse features;</li>
 *   <li>static: MiniLM's input embedding table (dequantized from the ONNX initializers, no
 *       transformer run) averaged over the word pieces within 6 of the target and over the rest of
 *       the sentence, added to the sparse features.</li>
 * </ul>
 *
 * <pre>bench/run.sh SentimentCandidates [data-dir] [vectors [candidates] | states | cost]</pre>
 *
 * {@code vectors} (default): the static-vector candidates through the trainer's own path, in one
 * run ({@code candidates}: a comma list of sparse, input, own, mean, corpus); {@code states}: the
 * transformer run per sentence beside the sparse features; {@code cost}: only the cost part;
 * {@code groups}: pooling groups for the shipped vectors (input table joined with the output
 * states averaged over train), each candidate "target groups|sentence groups[|sif]" (see
 * {@code StaticVectors.Groups}; sif: each piece weighted a / (a + p)), candidates separated by
 * ";", each through the trainer's own path ({@code -Dl2grid=5e-3} screens at one L2).
 */
public final class SentimentCandidates {
    private static final int DIM = 384;
    private static final int WINDOW = 6;
    private static final String[] DENSE_NAMES = new String[2 * DIM];

    static {
        for (int j = 0; j < DENSE_NAMES.length; j++) {
            DENSE_NAMES[j] = "d" + j;
        }
    }

    private SentimentCandidates() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/dev");
        String mode = args.length > 1 ? args[1] : "vectors";
        if (mode.equals("cost")) {
            gumCost(data, MiniLm.load());
        } else if (mode.equals("states")) {
            states(data);
        } else if (mode.equals("groups")) {
            groups(data, args.length > 2 ? args[2] : "d6,rest|rest;neg,d6,rest|neg,rest;d6,clause,rest|rest;d2,d6,rest|rest;d6,rest|rest|sif");
        } else {
            vectors(data, args.length > 2 ? args[2] : "sparse,input,own,mean,corpus");
        }
    }

    /** The NewsMTSC rw and mt dev sets, reported beside every candidate (never used to choose). */
    private static List<TargetModelTrainer.Dev> devSets(Path data) {
        return List.of(
                new TargetModelTrainer.Dev("rw dev", DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-rw-dev.jsonl")))),
                new TargetModelTrainer.Dev("mt dev", DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-mt-dev.jsonl")))));
    }

    /**
     * The static-vector candidates, each trained by the trainer's own path
     * ({@link TargetModelTrainer#trainAll}: L2 by 5-fold CV on train, vectors folded into piece
     * weights, dev figures of the folded models as the engine reads them, sentence model beside
     * the lexicon scorer): sparse only; MiniLM's input table (shipped); each piece's output state
     * run alone (own state, or mean over [CLS] piece [SEP]); output states averaged over the
     * NewsMTSC train sentences (each CV fold's vectors from the other folds' sentences only),
     * pieces never seen falling back to the better piece variant by target CV.
     */
    private static void vectors(Path data, String which) throws Exception {
        List<DevSets.TargetSentence> train = DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-train.jsonl")));
        List<TargetModelTrainer.Dev> devs = devSets(data);
        VaderScorer vader = new VaderScorer(Lexicon.news());
        TargetModelTrainer.Params params = TargetModelTrainer.Params.defaults();
        MiniLm lm = MiniLm.load();
        Map<String, StaticVectors.Table> tables = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        if (which.contains("own")) {
            tables.put("own", StaticVectors.Table.pieceStates(lm::run, true));
            System.out.printf(Locale.ROOT, "piece states (own): %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
        t0 = System.nanoTime();
        if (which.contains("mean")) {
            tables.put("mean", StaticVectors.Table.pieceStates(lm::run, false));
            System.out.printf(Locale.ROOT, "piece states (mean): %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
        double[] cv = new double[] {-1, -1};
        String[] best = {null};
        StaticVectors.Table input = StaticVectors.Table.miniLm();
        TargetModelTrainer.Vectors corpus = null;
        for (String name : which.split(",")) {
            TargetModelTrainer.Vectors vectors = null;
            for (String part : name.split("\\+")) {
                TargetModelTrainer.Vectors v = switch (part) {
                    case "sparse" -> null;
                    case "input" -> TargetModelTrainer.Vectors.of(input);
                    case "own", "mean" -> TargetModelTrainer.Vectors.of(tables.get(part));
                    case "corpus" -> corpus == null
                            ? (corpus = corpus(lm, train, best[0] == null ? input : tables.get(best[0]))) : corpus;
                    default -> throw new IllegalArgumentException("unknown candidate " + part);
                };
                vectors = vectors == null ? v : joined(vectors, v);
            }
            System.out.println("=== candidate " + name + (vectors == null ? " (sparse features only)"
                    : " (" + vectors.table(-1).source() + ")"));
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            java.io.PrintStream log = new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
            long c0 = System.nanoTime();
            TargetModelTrainer.trainAll(train, vectors, 5, params, devs, vader, log);
            String out = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
            System.out.print(out);
            System.out.printf(Locale.ROOT, "  (%s trained in %.0f s)%n", name, (System.nanoTime() - c0) / 1e9);
            if (name.equals("own") || name.equals("mean")) {
                // the target CV figure the trainer chose by: its first "chose" line
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("chose l2 \\S+ \\(macro-F1 ([0-9.]+)\\)").matcher(out);
                double f1 = m.find() ? Double.parseDouble(m.group(1)) : -1;
                if (f1 > cv[0]) {
                    cv[0] = f1;
                    best[0] = name;
                }
            }
        }
    }

    /**
     * Pooling-group candidates for the shipped vectors (MiniLM's input table joined with its output
     * states averaged over the train sentences, each CV fold's from the other folds' sentences),
     * each through {@link TargetModelTrainer#trainAll}: the transformer runs once for all of them.
     */
    private static void groups(Path data, String candidates) throws Exception {
        List<DevSets.TargetSentence> train = DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-train.jsonl")));
        List<TargetModelTrainer.Dev> devs = devSets(data);
        VaderScorer vader = new VaderScorer(Lexicon.news());
        MiniLm lm = MiniLm.load();
        long t0 = System.nanoTime();
        StaticVectors.Table input = StaticVectors.Table.miniLm();
        StaticVectors.Table alone = StaticVectors.Table.pieceStates(lm::run, false);
        int folds = 5;
        int[] foldOf = TargetModelTrainer.foldsOf(train.size(), folds);
        StaticVectors.CorpusStates states = new StaticVectors.CorpusStates(lm::run, StaticVectors.vocabulary(),
                train.stream().map(DevSets.TargetSentence::sentence).toList(), foldOf, folds);
        System.out.printf(Locale.ROOT, "vectors made in %.0f s (%d pieces seen); L2 grid %s%n", (System.nanoTime() - t0) / 1e9,
                states.seen(-1), System.getProperty("l2grid", "the trainer's"));
        for (String candidate : candidates.split(";")) {
            String[] parts = candidate.split("\\|");
            StaticVectors.Groups target = StaticVectors.Groups.parse(parts[0]);
            StaticVectors.Groups sentence = StaticVectors.Groups.parse(parts.length > 1 ? parts[1] : "rest");
            boolean sif = parts.length > 2 && parts[2].startsWith("sif");
            double a = sif && parts[2].length() > 3 ? Double.parseDouble(parts[2].substring(3)) : 1e-3;
            TargetModelTrainer.Vectors vectors = new TargetModelTrainer.Vectors() {
                @Override
                public StaticVectors.Table table(int leftOut) {
                    StaticVectors.Table t = StaticVectors.Table.join(input, states.table(alone, 2, leftOut));
                    // SIF's frequencies from the same sentences as the vectors (a fold's own left out)
                    return sif ? t.weighted(states.counts(leftOut), a) : t;
                }

                @Override
                public boolean perFold() {
                    return true;
                }

                @Override
                public StaticVectors.Groups targetGroups() {
                    return target;
                }

                @Override
                public StaticVectors.Groups sentenceGroups() {
                    return sentence;
                }
            };
            System.out.println("=== groups: targets " + target + ", sentences " + sentence + (sif ? ", sif a " + a : ""));
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            java.io.PrintStream log = new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
            long c0 = System.nanoTime();
            Map<String, String> files = TargetModelTrainer.trainAll(train, vectors, folds, TargetModelTrainer.Params.defaults(),
                    devs, vader, log);
            System.out.print(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "  (%s trained in %.0f s; target-pieces.tsv %d bytes, sentence-pieces.tsv %d bytes)%n",
                    candidate, (System.nanoTime() - c0) / 1e9, files.get("target-pieces.tsv").getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    files.get("sentence-pieces.tsv").getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            String out = System.getProperty("groups.out");
            if (out != null) {
                Path dir = Path.of(out, candidate.replaceAll("[^a-z0-9]+", "_"));
                java.nio.file.Files.createDirectories(dir);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    java.nio.file.Files.writeString(dir.resolve(f.getKey()), f.getValue());
                }
            }
        }
    }

    /** Each piece's vectors of {@code a} then {@code b}, fold by fold. */
    private static TargetModelTrainer.Vectors joined(TargetModelTrainer.Vectors a, TargetModelTrainer.Vectors b) {
        return new TargetModelTrainer.Vectors() {
            @Override
            public StaticVectors.Table table(int leftOut) {
                return StaticVectors.Table.join(a.table(leftOut), b.table(leftOut));
            }

            @Override
            public boolean perFold() {
                return a.perFold() || b.perFold();
            }
        };
    }

    /** Output states averaged over the train sentences, by fold; pieces never seen keep their {@code fallback} vector. */
    private static TargetModelTrainer.Vectors corpus(MiniLm lm, List<DevSets.TargetSentence> train, StaticVectors.Table fallback) {
        int folds = 5;
        int[] foldOf = TargetModelTrainer.foldsOf(train.size(), folds);
        long t0 = System.nanoTime();
        StaticVectors.CorpusStates states = new StaticVectors.CorpusStates(lm::run, StaticVectors.vocabulary(),
                train.stream().map(DevSets.TargetSentence::sentence).toList(), foldOf, folds);
        System.out.printf(Locale.ROOT, "corpus states: %d sentences in %.0f s, %d pieces seen (fallback: %s)%n", train.size(),
                (System.nanoTime() - t0) / 1e9, states.seen(-1), fallback.source());
        return new TargetModelTrainer.Vectors() {
            @Override
            public StaticVectors.Table table(int leftOut) {
                return states.table(fallback, 2, leftOut);
            }

            @Override
            public boolean perFold() {
                return true;
            }
        };
    }

    /** The earlier candidates: sparse, DJL-tokenized static vectors, and MiniLM's token states run per sentence. */
    private static void states(Path data) throws Exception {
        List<DevSets.TargetSentence> train = DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-train.jsonl")));
        List<DevSets.TargetSentence> rw = DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-rw-dev.jsonl")));
        List<DevSets.TargetSentence> mt = DevSets.newsMtsc(DevSets.lines(data.resolve("newsmtsc-mt-dev.jsonl")));
        VaderScorer vader = new VaderScorer(Lexicon.news());
        TargetFeatures features = new TargetFeatures(vader);
        TargetModelTrainer.Params params = TargetModelTrainer.Params.defaults();
        TargetModelTrainer trainer = new TargetModelTrainer(features, params);

        TargetModel shipped = TargetModel.load(vader);
        for (var set : List.of(Map.entry("rw", rw), Map.entry("mt", mt))) {
            print("shipped model (clause-aware), " + set.getKey(), TargetModelTrainer.evaluate(shipped, set.getValue()));
        }

        MiniLm lm = MiniLm.load();
        Dense transformer = new Dense(train, rw, mt, s -> lm.targetStates(s));
        System.out.printf(Locale.ROOT, "minilm: %.2f ms per sentence, %.2f ms per target (train, 1 thread)%n",
                transformer.msPerSentence, transformer.msPerTarget);
        Dense statics = new Dense(train, rw, mt, s -> lm.staticVectors(s));
        System.out.printf(Locale.ROOT, "static: %.3f ms per sentence, %.3f ms per target%n",
                statics.msPerSentence, statics.msPerTarget);

        List<List<Example>> trainSparse = trainer.examples(train);
        List<List<Example>> rwSparse = trainer.examples(rw);
        List<List<Example>> mtSparse = trainer.examples(mt);

        record Candidate(String name, Dense dense, double scale, boolean sparse) {
        }
        List<Candidate> candidates = List.of(
                new Candidate("sparse (today's features)", null, 0, true),
                new Candidate("sparse + static vectors (DJL word pieces)", statics, 0.1, true),
                new Candidate("sparse + minilm (sentence, target states)", transformer, 0.1, true),
                new Candidate("minilm alone (sentence, target states)", transformer, 0.1, false));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> results = new ArrayList<>();
        for (Candidate c : candidates) {
            results.add(pool.submit(() -> {
                List<List<Example>> tr = join(trainSparse, c.dense == null ? null : c.dense.train, c.dense, c.scale, c.sparse);
                long t0 = System.nanoTime();
                Evaluation.Confusion cv = TargetModelTrainer.crossValidate(tr, 5, params);
                List<Example> all = new ArrayList<>();
                tr.forEach(all::addAll);
                Map<String, double[]> w = TargetModelTrainer.fit(all, params);
                StringBuilder out = new StringBuilder();
                out.append(line(c.name + ", cv5 train", cv));
                out.append(line(c.name + ", rw dev", predict(w, join(rwSparse, c.dense == null ? null : c.dense.rw, c.dense, c.scale, c.sparse))));
                out.append(line(c.name + ", mt dev", predict(w, join(mtSparse, c.dense == null ? null : c.dense.mt, c.dense, c.scale, c.sparse))));
                out.append(String.format(Locale.ROOT, "  (%s: %d features, trained in %.0f s)%n", c.name, w.size(),
                        (System.nanoTime() - t0) / 1e9));
                return out.toString();
            }));
        }
        for (Future<String> f : results) {
            System.out.print(f.get());
        }
        pool.shutdown();

        gumCost(data, lm);
    }

    /** The sparse examples, each with the candidate's standardised dense features added (or alone). */
    private static List<List<Example>> join(List<List<Example>> sparse, List<double[][]> dense, Dense d, double scale,
                                            boolean keepSparse) {
        if (dense == null) {
            return sparse;
        }
        List<List<Example>> out = new ArrayList<>(sparse.size());
        for (int s = 0; s < sparse.size(); s++) {
            List<Example> group = new ArrayList<>();
            for (int t = 0; t < sparse.get(s).size(); t++) {
                Example e = sparse.get(s).get(t);
                Map<String, Double> x = keepSparse ? new HashMap<>(e.x()) : new HashMap<>(Map.of("bias", 1.0));
                double[] v = dense.get(s)[t];
                for (int j = 0; j < v.length; j++) {
                    x.put(DENSE_NAMES[j], scale * (v[j] - d.mean[j]) / d.std[j]);
                }
                group.add(new Example(x, e.y()));
            }
            out.add(group);
        }
        return out;
    }

    private static Evaluation.Confusion predict(Map<String, double[]> w, List<List<Example>> groups) {
        int[][] counts = new int[3][3];
        for (List<Example> g : groups) {
            for (Example e : g) {
                double[] p = TargetModel.probabilities(w, e.x());
                int best = p[2] >= p[1] && p[2] >= p[0] ? 2 : p[0] >= p[1] ? 0 : 1;
                counts[e.y()][best]++;
            }
        }
        return new Evaluation.Confusion(counts);
    }

    private static void print(String what, Evaluation.Confusion c) {
        System.out.print(line(what, c));
    }

    private static String line(String what, Evaluation.Confusion c) {
        int[][] n = c.counts();
        StringBuilder pr = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            int predicted = n[0][k] + n[1][k] + n[2][k];
            int gold = n[k][0] + n[k][1] + n[k][2];
            pr.append(String.format(Locale.ROOT, " %s P/R %.3f/%.3f", new String[] {"neg", "neu", "pos"}[k],
                    predicted == 0 ? 0 : n[k][k] / (double) predicted, gold == 0 ? 0 : n[k][k] / (double) gold));
        }
        return String.format(Locale.ROOT, "%-60s macro-F1 %.3f acc %.3f%s%n", what, c.macroF1(), c.accuracy(), pr);
    }

    /** Per-target dense vectors of the three sets, the train mean and deviation, and what they cost. */
    private static final class Dense {
        final List<double[][]> train;
        final List<double[][]> rw;
        final List<double[][]> mt;
        final double[] mean;
        final double[] std;
        final double msPerSentence;
        final double msPerTarget;

        Dense(List<DevSets.TargetSentence> train, List<DevSets.TargetSentence> rw, List<DevSets.TargetSentence> mt,
              Function<DevSets.TargetSentence, double[][]> f) {
            long t0 = System.nanoTime();
            this.train = train.stream().map(f).toList();
            double ms = (System.nanoTime() - t0) / 1e6;
            int targets = train.stream().mapToInt(s -> s.targets().size()).sum();
            this.msPerSentence = ms / train.size();
            this.msPerTarget = ms / targets;
            this.rw = rw.stream().map(f).toList();
            this.mt = mt.stream().map(f).toList();
            int dim = this.train.get(0)[0].length;
            mean = new double[dim];
            std = new double[dim];
            int n = 0;
            for (double[][] s : this.train) {
                for (double[] v : s) {
                    n++;
                    for (int j = 0; j < dim; j++) {
                        mean[j] += v[j];
                        std[j] += v[j] * v[j];
                    }
                }
            }
            for (int j = 0; j < dim; j++) {
                mean[j] /= n;
                std[j] = Math.sqrt(Math.max(1e-12, std[j] / n - mean[j] * mean[j]));
            }
        }
    }

    /**
     * What MiniLM would cost the engine on the GUM texts: the engine's own time per article beside
     * the transformer over every sentence, and over the sentences that name an entity only, in
     * the same loop on one thread.
     */
    private static void gumCost(Path data, MiniLm lm) throws Exception {
        List<DevSets.GoldArticle> gum = DevSets.gum(DevSets.lines(data.resolve("gum-news-entities.jsonl")));
        NewsEngine engine = NewsEngines.create();
        VaderScorer vader = new VaderScorer(Lexicon.news());
        ArticleSentiment shipped = ArticleSentiment.best(vader);
        ArticleSentiment sparseOnly = ArticleSentiment.withoutStaticVectors(vader);
        for (DevSets.GoldArticle a : gum) {
            engine.annotate(NewsEngine.Document.of(a.id(), a.text()));
        }
        double engineS = 0;
        double allS = 0;
        double namedS = 0;
        double withS = 0;
        double withoutS = 0;
        int sentences = 0;
        int named = 0;
        int mentions = 0;
        int rounds = 3;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < gum.size(); i++) {
                String text = gum.get(i).text();
                long t0 = System.nanoTime();
                NewsEngine.Annotation ann = engine.annotate(NewsEngine.Document.of("x", text));
                engineS += (System.nanoTime() - t0) / 1e9;
                List<int[]> spans = new ArrayList<>();
                // as the engine reads them: the first 12 mentions of each entity
                ann.entities().forEach(e -> e.mentions().stream().limit(12)
                        .forEach(m -> spans.add(new int[] {m.start(), m.end()})));
                java.util.BitSet names = new java.util.BitSet(text.length());
                ann.entities().forEach(e -> e.mentions().forEach(m -> names.set(m.start(), m.end())));
                for (NewsEngine.SentenceAnnotation s : ann.sentences()) {
                    String sentence = text.substring(s.start(), s.end());
                    List<int[]> inside = new ArrayList<>();
                    for (int[] m : spans) {
                        if (m[0] >= s.start() && m[1] <= s.end()) {
                            inside.add(new int[] {m[0] - s.start(), m[1] - s.start()});
                        }
                    }
                    long a0 = System.nanoTime();
                    lm.states(sentence);
                    allS += (System.nanoTime() - a0) / 1e9;
                    if (!inside.isEmpty()) {
                        long b0 = System.nanoTime();
                        lm.states(sentence);
                        namedS += (System.nanoTime() - b0) / 1e9;
                    }
                    // the engine's sentiment calls with and without static vectors, alternating which goes first
                    for (int k = 0; k < 2; k++) {
                        boolean with = (k + r + i) % 2 == 0;
                        ArticleSentiment models = with ? shipped : sparseOnly;
                        long c0 = System.nanoTime();
                        models.sentence(sentence, names, s.start());
                        if (!inside.isEmpty()) {
                            models.toward(sentence, inside);
                        }
                        double dt = (System.nanoTime() - c0) / 1e9;
                        if (with) {
                            withS += dt;
                        } else {
                            withoutS += dt;
                        }
                    }
                    if (r == 0) {
                        sentences++;
                        named += inside.isEmpty() ? 0 : 1;
                        mentions += inside.size();
                    }
                }
            }
        }
        int n = gum.size() * rounds;
        System.out.printf(Locale.ROOT, "GUM: %d articles, %d sentences, %d naming an entity, %d mentions%n", gum.size(),
                sentences, named, mentions);
        System.out.printf(Locale.ROOT, "  engine (shipped models):                      %.1f articles/s per thread%n", n / engineS);
        System.out.printf(Locale.ROOT, "  sentence and target models (every sentence, first 12 mentions of each entity), with / without "
                + "static vectors: %.2f / %.2f ms per article (%.4f / %.4f ms per mention read)%n", withS * 1000 / n, withoutS * 1000 / n,
                withS * 1000 / (mentions * rounds), withoutS * 1000 / (mentions * rounds));
        System.out.printf(Locale.ROOT, "  engine without static vectors (same run):     %.1f articles/s per thread%n",
                n / (engineS - withS + withoutS));
        System.out.printf(Locale.ROOT, "  engine + minilm on every sentence:            %.1f articles/s per thread%n", n / (engineS + allS));
        System.out.printf(Locale.ROOT, "  engine + minilm on sentences naming entities: %.1f articles/s per thread%n", n / (engineS + namedS));
        System.out.printf(Locale.ROOT, "  minilm %.2f ms per sentence on GUM%n", allS * 1000 / (sentences * rounds));
    }

    /** all-MiniLM-L6-v2 (quantized) from the langchain4j jar: token states and its input embedding table. */
    static final class MiniLm {
        private final HuggingFaceTokenizer tokenizer;
        private final OrtEnvironment env;
        private final OrtSession session;
        private final float[][] table;

        private MiniLm(HuggingFaceTokenizer tokenizer, OrtEnvironment env, OrtSession session, float[][] table) {
            this.tokenizer = tokenizer;
            this.env = env;
            this.session = session;
            this.table = table;
        }

        static MiniLm load() throws IOException, OrtException {
            byte[] model;
            try (InputStream in = MiniLm.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
                model = in.readAllBytes();
            }
            HuggingFaceTokenizer tokenizer;
            try (InputStream in = MiniLm.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
                tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "true",
                        "maxLength", "256"));
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(model, options);
            return new MiniLm(tokenizer, env, session, StaticVectors.wordEmbeddings(model));
        }

        record States(Encoding encoding, float[][] hidden) {
        }

        States states(String sentence) {
            Encoding e = tokenizer.encode(sentence);
            return new States(e, run(e.getIds(), e.getAttentionMask()));
        }

        /** The last hidden states of one input of piece ids ([CLS] and [SEP] included). */
        float[][] run(long[] ids) {
            return run(ids, ones(ids.length));
        }

        private float[][] run(long[] ids, long[] mask) {
            try (OnnxTensor idT = OnnxTensor.createTensor(env, new long[][] {ids});
                 OnnxTensor maskT = OnnxTensor.createTensor(env, new long[][] {mask});
                 OnnxTensor typeT = OnnxTensor.createTensor(env, new long[][] {new long[ids.length]})) {
                Map<String, OnnxTensor> in = new HashMap<>();
                in.put("input_ids", idT);
                in.put("attention_mask", maskT);
                if (session.getInputNames().contains("token_type_ids")) {
                    in.put("token_type_ids", typeT);
                }
                try (OrtSession.Result r = session.run(in)) {
                    return ((float[][][]) r.get(0).getValue())[0];
                }
            } catch (OrtException ex) {
                throw new IllegalStateException(ex);
            }
        }

        private static long[] ones(int n) {
            long[] out = new long[n];
            java.util.Arrays.fill(out, 1);
            return out;
        }

        /** Per target: [mean state of the sentence, mean state of the target's word pieces]. */
        double[][] targetStates(DevSets.TargetSentence s) {
            States st = states(s.sentence());
            CharSpan[] spans = st.encoding().getCharTokenSpans();
            double[] sentence = new double[DIM];
            for (float[] h : st.hidden()) {
                for (int j = 0; j < DIM; j++) {
                    sentence[j] += h[j] / st.hidden().length;
                }
            }
            double[][] out = new double[s.targets().size()][];
            for (int t = 0; t < out.length; t++) {
                DevSets.Target target = s.targets().get(t);
                double[] v = new double[2 * DIM];
                System.arraycopy(sentence, 0, v, 0, DIM);
                int n = 0;
                for (int i = 0; i < spans.length; i++) {
                    if (spans[i] != null && spans[i].getStart() < target.end() && spans[i].getEnd() > target.start()) {
                        n++;
                        for (int j = 0; j < DIM; j++) {
                            v[DIM + j] += st.hidden()[i][j];
                        }
                    }
                }
                for (int j = 0; j < DIM && n > 0; j++) {
                    v[DIM + j] /= n;
                }
                out[t] = v;
            }
            return out;
        }

        /** Per target: [mean input vector of the pieces within WINDOW of the target, of the rest of the sentence]. */
        double[][] staticVectors(DevSets.TargetSentence s) {
            Encoding e = tokenizer.encode(s.sentence());
            CharSpan[] spans = e.getCharTokenSpans();
            long[] ids = e.getIds();
            double[][] out = new double[s.targets().size()][];
            for (int t = 0; t < out.length; t++) {
                DevSets.Target target = s.targets().get(t);
                int first = -1;
                int last = -1;
                for (int i = 0; i < spans.length; i++) {
                    if (spans[i] != null && spans[i].getStart() < target.end() && spans[i].getEnd() > target.start()) {
                        first = first < 0 ? i : first;
                        last = i;
                    }
                }
                double[] v = new double[2 * DIM];
                int near = 0;
                int far = 0;
                for (int i = 0; i < spans.length; i++) {
                    if (spans[i] == null || (i >= first && i <= last && first >= 0)) {
                        continue;
                    }
                    int d = first < 0 ? 0 : i < first ? first - i : i - last;
                    int base = d <= WINDOW ? 0 : DIM;
                    if (d <= WINDOW) {
                        near++;
                    } else {
                        far++;
                    }
                    float[] w = table[(int) ids[i]];
                    for (int j = 0; j < DIM; j++) {
                        v[base + j] += w[j];
                    }
                }
                for (int j = 0; j < DIM; j++) {
                    v[j] /= Math.max(1, near);
                    v[DIM + j] /= Math.max(1, far);
                }
                out[t] = v;
            }
            return out;
        }
    }
}
