package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence sentiment learned from news: multinomial logistic regression over the sentence's
 * words (negation scope marked, names left out), word pairs and its lexicon valence, trained on
 * the NewsMTSC training sentences whose targets all agree (see {@link TargetModelTrainer}). Its
 * score is P(positive) - P(negative) with the label the most probable class, as for targets
 * ({@link TargetModel#sentiment(double[])}), so a sentence, a document and an entity score mean
 * the same. Immutable and thread-safe.
 */
public final class SentenceModel {
    static final String RESOURCE = "/dev/newsflow/enrich/engine/sentiment/sentence-model.tsv";
    /** The static word vectors' weights by word piece (see {@link StaticVectors}). */
    static final String PIECES_RESOURCE = "/dev/newsflow/enrich/engine/sentiment/sentence-pieces.tsv";

    private final TargetFeatures features;
    private final Map<String, double[]> weights;
    /** The static word vectors' part (null: none). */
    private final StaticVectors.SentencePieces pieces;

    SentenceModel(TargetFeatures features, Map<String, double[]> weights) {
        this(features, weights, (TargetModel.Pieces) null);
    }

    /** A model whose static word vectors' weights by piece are {@code pieces}, one mean over the sentence (null: none). */
    SentenceModel(TargetFeatures features, Map<String, double[]> weights, Map<String, double[]> pieces) {
        this(features, weights, pieces == null ? null : new TargetModel.Pieces(StaticVectors.Groups.WHOLE, pieces));
    }

    /** A model whose static word vectors' weights by piece and pooling groups are {@code pieces} (null: none). */
    SentenceModel(TargetFeatures features, Map<String, double[]> weights, TargetModel.Pieces pieces) {
        this.features = features;
        this.weights = Map.copyOf(weights);
        this.pieces = pieces == null ? null : new StaticVectors.SentencePieces(Map.copyOf(pieces.rows()), pieces.groups());
    }

    /** The model shipped with NewsFlow; fails when the resource is absent. */
    public static SentenceModel load(VaderScorer vader) {
        InputStream in = SentenceModel.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("Sentence sentiment model missing from the classpath: " + RESOURCE);
        }
        Map<String, double[]> weights;
        TargetModel.Pieces pieces = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            weights = TargetModel.read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sentence model " + RESOURCE, e);
        }
        InputStream piecesIn = SentenceModel.class.getResourceAsStream(PIECES_RESOURCE);
        if (piecesIn != null) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(piecesIn, StandardCharsets.UTF_8))) {
                pieces = TargetModel.readPieces(reader, StaticVectors.Groups.WHOLE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read sentence model " + PIECES_RESOURCE, e);
            }
        }
        return new SentenceModel(new TargetFeatures(vader), weights, pieces);
    }

    /** This model without its static word vectors (for cost comparisons only). */
    SentenceModel withoutPieces() {
        return new SentenceModel(features, weights, (TargetModel.Pieces) null);
    }

    Map<String, double[]> weights() {
        return weights;
    }

    /**
     * The sentiment of a sentence; characters of {@code sentence} at {@code base + i} set in
     * {@code names} (a name's own words) give no features. {@code names} may be null.
     */
    public Sentiment score(String sentence, BitSet names, int base) {
        return TargetModel.sentiment(probabilities(sentence, names, base));
    }

    /** Class probabilities [negative, neutral, positive]. */
    public double[] probabilities(String sentence, BitSet names, int base) {
        TargetFeatures.Analysis a = features.analyse(sentence);
        Map<String, Double> x = extract(a, names, base);
        if (pieces == null) {
            return TargetModel.probabilities(weights, x);
        }
        double[] z = TargetModel.scores(weights, x);
        pieces.add(a.tokens(), names, base, z);
        return TargetModel.softmax(z);
    }

    /** The features of a sentence (see the class comment); names as in {@link #score}. */
    static Map<String, Double> extract(TargetFeatures features, String sentence, BitSet names, int base) {
        return extract(features.analyse(sentence), names, base);
    }

    /** The features of an analysed sentence; names as in {@link #score}. */
    private static Map<String, Double> extract(TargetFeatures.Analysis a, BitSet names, int base) {
        List<TargetFeatures.Tok> toks = a.tokens();
        Map<String, Double> f = new HashMap<>(64);
        f.put("bias", 1.0);
        double sum = 0;
        double pos = 0;
        double neg = 0;
        String previous = null;
        for (int i = 0; i < toks.size(); i++) {
            TargetFeatures.Tok t = toks.get(i);
            if (names != null && names.get(base + t.start())) {
                previous = null;
                continue;
            }
            double v = a.valences()[i];
            sum += v;
            if (v > 0) {
                pos += v;
            } else {
                neg -= v;
            }
            String lower = t.lower();
            if (TargetFeatures.isWord(lower)) {
                f.put("w=" + TargetFeatures.keyWord(lower, a.negated()[i]), 1.0);
            } else {
                f.put("p=" + lower, 1.0);
            }
            if (previous != null) {
                f.put(TargetFeatures.BIGRAM_PREFIX + previous + "_" + lower, 0.5);
            }
            previous = lower;
            if (a.speech()[i]) {
                f.put("speech", 1.0);
            }
            if (a.quotes()[i]) {
                f.put("quote", 1.0);
            }
            if (a.negations()[i]) {
                f.put("negation", 1.0);
            }
        }
        double c = VaderScorer.normalize(sum);
        f.put(c >= 0 ? "c+" : "c-", Math.abs(c));
        f.put("pos", Math.min(pos, 6.0) / 2);
        f.put("neg", Math.min(neg, 6.0) / 2);
        if (pos == 0 && neg == 0) {
            f.put("no_valence", 1.0);
        }
        f.put("length=" + Math.min(toks.size() / 10, 4), 1.0);
        return f;
    }
}
