package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multinomial logistic regression over {@link TargetFeatures}: the sentiment of a sentence
 * toward a target, learned from NewsMTSC (see {@link TargetModelTrainer}). The weights ship as a
 * small TSV resource. Score = P(positive) - P(negative), kept consistent with the label (the
 * most probable class) and the +-0.05 thresholds. Immutable and thread-safe.
 */
public final class TargetModel implements TargetScorer {
    static final String RESOURCE = "/dev/newsflow/enrich/engine/sentiment/target-model.tsv";
    /** The static word vectors' weights by word piece (see {@link StaticVectors}). */
    static final String PIECES_RESOURCE = "/dev/newsflow/enrich/engine/sentiment/target-pieces.tsv";

    /** The lexicon valence (|compound|) a target's clause scope needs to be read on its own. */
    static final double SCOPE_VALENCE = 0.3;

    private final TargetFeatures features;
    private final VaderScorer vader;
    private final Map<String, double[]> weights;
    /** The weights of the features that are not a token's, by {@link TargetFeatures#fixedNames()} id (null: none). */
    private final double[][] fixedWeights;
    /** The weights of the token features, by the word (or punctuation token) in their names. */
    private final Map<String, WordWeights> words;
    /** The static word vectors' part of the model (null: none). */
    private final StaticVectors.PieceWeights pieces;

    /**
     * The weights of the features named after one word {@code w}: {@link #byGroup()} holds
     * PREFIXES[k] + w at k and PUNCTUATION_PREFIXES[k] + w at PREFIXES.length + k; {@link #next()}
     * the bigrams "bg=" + w + "_" + v by v. Entries without a weight are null or absent.
     */
    private record WordWeights(double[][] byGroup, Map<String, double[]> next) {
        WordWeights() {
            this(new double[TargetFeatures.PREFIXES.length + TargetFeatures.PUNCTUATION_PREFIXES.length][],
                    new HashMap<>(4));
        }
    }

    TargetModel(TargetFeatures features, Map<String, double[]> weights) {
        this(features, weights, (Pieces) null);
    }

    /**
     * A model whose static word vectors' weights by piece are {@code pieces}, pooled near the
     * target and over the rest (see {@link StaticVectors}; null: none).
     */
    TargetModel(TargetFeatures features, Map<String, double[]> weights, Map<String, double[]> pieces) {
        this(features, weights, pieces == null ? null : new Pieces(StaticVectors.Groups.NEAR_REST, pieces));
    }

    /** A model whose static word vectors' weights by piece and pooling groups are {@code pieces} (null: none). */
    TargetModel(TargetFeatures features, Map<String, double[]> weights, Pieces pieces) {
        this.features = features;
        this.pieces = pieces == null ? null : new StaticVectors.PieceWeights(Map.copyOf(pieces.rows()), pieces.groups());
        this.vader = features.vader();
        this.weights = Map.copyOf(weights);
        String[] fixed = TargetFeatures.fixedNames();
        this.fixedWeights = new double[fixed.length][];
        for (int id = 0; id < fixed.length; id++) {
            fixedWeights[id] = this.weights.get(fixed[id]);
        }
        this.words = index(this.weights);
    }

    /**
     * The token features' weights by word, so that scoring looks a token's word up once per
     * sentence instead of building and looking up each feature name per target. A bigram name
     * "bg=" + a + "_" + b is filed under every split of its tail at a "_": a split that is not how
     * the name was made only matches tokens whose bigram has that very name too.
     */
    private static Map<String, WordWeights> index(Map<String, double[]> weights) {
        Map<String, WordWeights> out = new HashMap<>(weights.size() * 2);
        for (Map.Entry<String, double[]> e : weights.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(TargetFeatures.BIGRAM_PREFIX)) {
                String tail = name.substring(TargetFeatures.BIGRAM_PREFIX.length());
                for (int at = tail.indexOf('_'); at >= 0; at = tail.indexOf('_', at + 1)) {
                    out.computeIfAbsent(tail.substring(0, at), w -> new WordWeights()).next()
                            .put(tail.substring(at + 1), e.getValue());
                }
                continue;
            }
            int group = group(name);
            if (group >= 0) {
                String word = name.substring(name.indexOf('=') + 1);
                out.computeIfAbsent(word, w -> new WordWeights()).byGroup()[group] = e.getValue();
            }
        }
        return out;
    }

    /** The index into {@link WordWeights#byGroup()} of a token feature's name, or -1 for another name. */
    private static int group(String name) {
        for (int k = 0; k < TargetFeatures.PREFIXES.length; k++) {
            if (name.startsWith(TargetFeatures.PREFIXES[k])) {
                return k;
            }
        }
        for (int k = 0; k < TargetFeatures.PUNCTUATION_PREFIXES.length; k++) {
            if (name.startsWith(TargetFeatures.PUNCTUATION_PREFIXES[k])) {
                return TargetFeatures.PREFIXES.length + k;
            }
        }
        return -1;
    }

    /** The model shipped with NewsFlow, or null when the resource is absent. */
    public static TargetModel load(VaderScorer vader) {
        InputStream in = TargetModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            return null;
        }
        Map<String, double[]> weights;
        Pieces pieces = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            weights = read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read target model " + RESOURCE, e);
        }
        InputStream piecesIn = TargetModel.class.getResourceAsStream(PIECES_RESOURCE);
        if (piecesIn != null) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(piecesIn, StandardCharsets.UTF_8))) {
                pieces = readPieces(reader, StaticVectors.Groups.NEAR_REST);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read target model " + PIECES_RESOURCE, e);
            }
        }
        return new TargetModel(new TargetFeatures(vader), weights, pieces);
    }

    /**
     * Rows of {@code width} weights by name, as {@link #writeRows} writes them. A comment starts
     * with "# ": names may start with "#" (the word piece "##ed").
     */
    static Map<String, double[]> readRows(BufferedReader reader, int width) throws IOException {
        Map<String, double[]> rows = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("# ")) {
                continue;
            }
            rows.put(line.substring(0, Math.max(0, line.indexOf('\t'))), row(line, width));
        }
        return rows;
    }

    /** Static word vectors' weights by piece and the groups they pool by, as a pieces file holds them. */
    record Pieces(StaticVectors.Groups groups, Map<String, double[]> rows) {
    }

    /**
     * A pieces file as {@link #writePieces} writes it: its groups from the header line
     * "# groups: ..." ({@code fallback} when it has none), then rows of three weights per group.
     */
    static Pieces readPieces(BufferedReader reader, StaticVectors.Groups fallback) throws IOException {
        StaticVectors.Groups groups = fallback;
        Map<String, double[]> rows = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(StaticVectors.Groups.HEADER)) {
                if (!rows.isEmpty()) {
                    throw new IOException("the groups line must come before the rows: " + line);
                }
                try {
                    groups = StaticVectors.Groups.parse(line.substring(StaticVectors.Groups.HEADER.length()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("# ")) {
                continue;
            }
            rows.put(line.substring(0, Math.max(0, line.indexOf('\t'))), row(line, 3 * groups.size()));
        }
        return new Pieces(groups, rows);
    }

    /** Writes a pieces file: a header line, the groups line, then the rows sorted by piece. */
    static void writePieces(Pieces pieces, Writer out, String header) throws IOException {
        writeRows(pieces.rows(), out, header + "\n" + StaticVectors.Groups.HEADER + pieces.groups().spec());
    }

    private static double[] row(String line, int width) throws IOException {
        String[] cols = line.split("\t");
        if (cols.length != width + 1) {
            throw new IOException("expected " + (width + 1) + " columns: " + line);
        }
        double[] w = new double[width];
        for (int k = 0; k < width; k++) {
            w[k] = Double.parseDouble(cols[k + 1]);
        }
        return w;
    }

    /** Writes rows of weights by name, sorted, with a header line. */
    static void writeRows(Map<String, double[]> rows, Writer out, String header) throws IOException {
        out.write("# " + header + "\n");
        for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(rows).entrySet()) {
            StringBuilder line = new StringBuilder(e.getKey());
            for (double v : e.getValue()) {
                line.append('\t').append(fmt(v));
            }
            out.write(line.append('\n').toString());
        }
    }

    /** Weights as {@link #write} writes them: feature name to [negative, neutral, positive]. */
    static Map<String, double[]> read(BufferedReader reader) throws IOException {
        Map<String, double[]> weights = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            weights.put(cols[0], new double[] {Double.parseDouble(cols[1]), Double.parseDouble(cols[2]),
                Double.parseDouble(cols[3])});
        }
        return weights;
    }

    int size() {
        return weights.size();
    }

    /** This model without its static word vectors (for cost comparisons only). */
    TargetModel withoutPieces() {
        return new TargetModel(features, weights, (Pieces) null);
    }

    /** The static word vectors' weights by piece (null: none). */
    StaticVectors.PieceWeights pieces() {
        return pieces;
    }

    /** Feature name to weights [negative, neutral, positive]. */
    Map<String, double[]> weights() {
        return weights;
    }

    /** Class probabilities [negative, neutral, positive], clause-aware (see {@link #scoreAll}). */
    public double[] probabilities(String sentence, int start, int end) {
        return new Sentence(sentence).probabilities(start, end);
    }

    /** Class probabilities [negative, neutral, positive] read from the whole sentence alone. */
    double[] sentenceProbabilities(String sentence, int start, int end) {
        return new Scores(features.analyse(sentence)).probabilities(start, end);
    }

    /**
     * One sentence scored for its targets, clause-aware: when {@link ClauseScopes} splits it and the
     * target's own scope carries a clear lexicon valence (|compound| >= {@value #SCOPE_VALENCE}),
     * the model reads that scope (without the contrast or "and" that opens it) as a sentence of its
     * own; otherwise it reads the whole sentence. The negative clause of "Critics slammed X, while
     * Y was praised" so no longer decides Y, while a target whose clause says little keeps the
     * tone of the sentence around it (NewsMTSC's annotators read it so).
     */
    private final class Sentence {
        private final String text;
        private final Scores whole;
        private final List<TargetFeatures.Tok> tokens;
        private final int[] starts;
        private final Scores[] scopes;
        private final boolean[] clear;

        Sentence(String text) {
            this.text = text;
            TargetFeatures.Analysis a = features.analyse(text);
            this.whole = new Scores(a);
            this.tokens = a.tokens();
            this.starts = ClauseScopes.starts(tokens);
            this.scopes = new Scores[starts.length];
            this.clear = new boolean[starts.length];
        }

        double[] probabilities(int start, int end) {
            if (starts.length == 1) {
                return whole.probabilities(start, end);
            }
            int at = 0;
            while (at < tokens.size() && tokens.get(at).end() <= start) {
                at++;
            }
            int k = 0;
            while (k + 1 < starts.length && starts[k + 1] <= at) {
                k++;
            }
            int first = starts[k];
            if (ClauseScopes.opensScope(tokens.get(first).lower()) && first + 1 < tokens.size()) {
                first++;
            }
            int from = tokens.get(first).start();
            int to = k + 1 < starts.length ? tokens.get(starts[k + 1]).start() : text.length();
            if (start < from || end > to) {
                return whole.probabilities(start, end);
            }
            if (scopes[k] == null) {
                String scope = text.substring(from, to);
                clear[k] = Math.abs(vader.compound(scope)) >= SCOPE_VALENCE;
                scopes[k] = clear[k] ? new Scores(features.analyse(scope)) : whole;
            }
            if (!clear[k]) {
                return whole.probabilities(start, end);
            }
            return scopes[k].probabilities(start - from, end - from);
        }
    }

    /**
     * Scores the targets of one sentence: the weights of each token's features are looked up
     * once, then each target's features add their weighted values to the class scores as
     * {@link TargetFeatures} gives them (the same sums as {@link #probabilities(Map, Map)}, up
     * to the order of the additions).
     */
    private final class Scores implements TargetFeatures.Sink {
        private final TargetFeatures.Analysis analysis;
        /** Per token: its word's weights (null: none) and where its groups start in them. */
        private final double[][][] tokenWeights;
        private final int[] groupBase;
        /** Per token: the weights of its bigram with the next token (null: none). */
        private final double[][] bigramWeights;
        private final double[] z = new double[3];
        /** The static word vectors' weights of each token (null: the model has none). */
        private final StaticVectors.Analysed pieceSums;

        Scores(TargetFeatures.Analysis analysis) {
            this.analysis = analysis;
            this.pieceSums = pieces == null ? null : pieces.analyse(analysis.tokens());
            java.util.List<TargetFeatures.Tok> toks = analysis.tokens();
            int n = toks.size();
            tokenWeights = new double[n][][];
            groupBase = new int[n];
            bigramWeights = new double[n][];
            WordWeights next = n == 0 ? null : words.get(toks.get(0).lower());
            for (int i = 0; i < n; i++) {
                String lower = toks.get(i).lower();
                WordWeights plain = next;
                next = i + 1 < n ? words.get(toks.get(i + 1).lower()) : null;
                WordWeights own = plain;
                if (!TargetFeatures.isWord(lower)) {
                    groupBase[i] = TargetFeatures.PREFIXES.length;
                } else if (analysis.negated()[i]) {
                    own = words.get(TargetFeatures.keyWord(lower, true));
                }
                tokenWeights[i] = own == null ? null : own.byGroup();
                if (plain != null && i + 1 < n) {
                    bigramWeights[i] = plain.next().get(toks.get(i + 1).lower());
                }
            }
        }

        double[] probabilities(int start, int end) {
            java.util.Arrays.fill(z, 0);
            features.extract(analysis, start, end, this);
            if (pieceSums != null) {
                pieces.add(pieceSums, start, end, z);
            }
            return softmax(z.clone());
        }

        @Override
        public void token(int i, int k, double v) {
            double[][] byGroup = tokenWeights[i];
            if (byGroup != null) {
                add(byGroup[groupBase[i] + k], v);
            }
        }

        @Override
        public void bigram(int i, double v) {
            add(bigramWeights[i], v);
        }

        @Override
        public void fixed(int id, double v) {
            add(fixedWeights[id], v);
        }

        private void add(double[] w, double v) {
            if (w != null) {
                z[0] += w[0] * v;
                z[1] += w[1] * v;
                z[2] += w[2] * v;
            }
        }
    }

    /** Class probabilities of features {@code x} under {@code weights} (feature name to [negative, neutral, positive]). */
    public static double[] probabilities(Map<String, double[]> weights, Map<String, Double> x) {
        return softmax(scores(weights, x));
    }

    /** Class scores (before the softmax) of features {@code x} under {@code weights}. */
    static double[] scores(Map<String, double[]> weights, Map<String, Double> x) {
        double[] z = new double[3];
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double[] w = weights.get(e.getKey());
            if (w != null) {
                for (int c = 0; c < 3; c++) {
                    z[c] += w[c] * e.getValue();
                }
            }
        }
        return z;
    }

    /** The softmax of class scores {@code z}, in place. */
    static double[] softmax(double[] z) {
        double max = Math.max(z[0], Math.max(z[1], z[2]));
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < 3; c++) {
            z[c] /= sum;
        }
        return z;
    }

    @Override
    public Sentiment score(String sentence, int start, int end) {
        return sentiment(probabilities(sentence, start, end));
    }

    @Override
    public java.util.List<Sentiment> scoreAll(String sentence, java.util.List<int[]> spans) {
        Sentence scores = new Sentence(sentence);
        java.util.List<Sentiment> out = new java.util.ArrayList<>(spans.size());
        for (int[] span : spans) {
            out.add(sentiment(scores.probabilities(span[0], span[1])));
        }
        return out;
    }

    @Override
    public java.util.List<double[]> probabilitiesAll(String sentence, java.util.List<int[]> spans) {
        Sentence scores = new Sentence(sentence);
        java.util.List<double[]> out = new java.util.ArrayList<>(spans.size());
        for (int[] span : spans) {
            out.add(scores.probabilities(span[0], span[1]));
        }
        return out;
    }

    /** The sentiment of class probabilities: label = most probable class, score = P(pos) - P(neg) within its band. */
    static Sentiment sentiment(double[] p) {
        double diff = p[2] - p[0];
        if (p[2] >= p[1] && p[2] >= p[0]) {
            return new Sentiment(Math.max(0.05, diff), Label.POSITIVE);
        }
        if (p[0] >= p[1]) {
            return new Sentiment(Math.min(-0.05, diff), Label.NEGATIVE);
        }
        return new Sentiment(Math.max(-0.049, Math.min(0.049, diff)), Label.NEUTRAL);
    }

    static void write(Map<String, double[]> weights, Writer out) throws IOException {
        write(weights, out, "target-sentiment");
    }

    static void write(Map<String, double[]> weights, Writer out, String what) throws IOException {
        out.write("# NewsFlow " + what + " model: feature<TAB>w(negative)<TAB>w(neutral)<TAB>w(positive)\n");
        out.write("# Trained by dev.newsflow.enrich.engine.sentiment.TargetModelTrainer on NewsMTSC train (MIT).\n");
        for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(weights).entrySet()) {
            double[] w = e.getValue();
            out.write(e.getKey() + "\t" + fmt(w[0]) + "\t" + fmt(w[1]) + "\t" + fmt(w[2]) + "\n");
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
