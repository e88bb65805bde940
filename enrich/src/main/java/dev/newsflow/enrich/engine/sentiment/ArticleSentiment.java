package dev.newsflow.enrich.engine.sentiment;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import java.util.BitSet;
import java.util.List;

/**
 * Sentiment of a whole article: its sentences (the learned {@link SentenceModel}), the document,
 * and the stance toward each entity. Everything is carried as class probabilities [negative,
 * neutral, positive] and turned into a {@link Sentiment} the same way everywhere (label = the
 * most probable class, score = P(positive) - P(negative)), so a score means the same in a
 * sentence, a document and an entity, and neutral is a class of its own rather than a score near
 * zero.
 *
 * <ul>
 * <li>Document: the mean of its sentences' probabilities, the headline weighing
 * {@value #HEADLINE} and the lead (the {@value #LEAD_SENTENCES} sentences after it)
 * {@value #LEAD} against 1 for the rest.</li>
 * <li>Entity: the mean of the probabilities toward its mentions (each read in its sentence by
 * the target model, clause-aware), weighted by the same positions, plus the document's
 * probabilities with weight {@value #ARTICLE_PRIOR}: how the article treats the story overall
 * counts as one more mention, so an entity named once in passing leans to the article's tone
 * rather than to one sentence's wording.</li>
 * </ul>
 * Thread-safe.
 */
public final class ArticleSentiment {
    static final double HEADLINE = 2.0;
    static final double LEAD = 1.5;
    static final int LEAD_SENTENCES = 2;
    static final double ARTICLE_PRIOR = 1.0;

    private final SentenceModel sentences;
    private final TargetScorer targets;

    public ArticleSentiment(SentenceModel sentences, TargetScorer targets) {
        this.sentences = sentences;
        this.targets = targets;
    }

    /** The models shipped with NewsFlow. */
    public static ArticleSentiment best(VaderScorer vader) {
        return new ArticleSentiment(SentenceModel.load(vader), TargetScorers.best(vader));
    }

    /**
     * The shipped models without their static word vectors, to measure what the vectors cost (the
     * benchmark's comparison only: the biases keep the vectors' constant part, so its labels are
     * not a trained model's).
     */
    public static ArticleSentiment withoutStaticVectors(VaderScorer vader) {
        return new ArticleSentiment(SentenceModel.load(vader).withoutPieces(), TargetScorers.withoutStaticVectors(vader));
    }

    public TargetScorer targets() {
        return targets;
    }

    /** Class probabilities of one sentence; characters at {@code base + i} set in {@code names} give no features. */
    public double[] sentence(String sentence, BitSet names, int base) {
        return sentences.probabilities(sentence, names, base);
    }

    /** Class probabilities toward each target [start, end) of one sentence, in order. */
    public List<double[]> toward(String sentence, List<int[]> spans) {
        return targets.probabilitiesAll(sentence, spans);
    }

    /**
     * The weight of what the sentence at {@code index} says: the headline (the title, or the first
     * sentence when there is no separate title) and the lead weigh more than the rest.
     */
    public static double weight(int index, boolean separateTitle) {
        int lead = separateTitle ? index + 1 : index;
        if (lead == 0) {
            return HEADLINE;
        }
        return lead <= LEAD_SENTENCES ? LEAD : 1.0;
    }

    /** The document's probabilities from its sentences' (and its title's, null when none). */
    public static double[] document(List<double[]> sentenceProbabilities, double[] title) {
        double[] sum = new double[3];
        double total = 0;
        if (title != null) {
            add(sum, title, HEADLINE);
            total += HEADLINE;
        }
        for (int i = 0; i < sentenceProbabilities.size(); i++) {
            double w = weight(i, title != null);
            add(sum, sentenceProbabilities.get(i), w);
            total += w;
        }
        return total == 0 ? new double[] {0, 1, 0} : scale(sum, 1 / total);
    }

    /**
     * An entity's probabilities: {@code mentions} [negative, neutral, positive, weight] per scored
     * mention, and the document's probabilities as a prior worth {@value #ARTICLE_PRIOR} mention.
     */
    public static double[] entity(List<double[]> mentions, double[] document) {
        double[] sum = new double[3];
        double total = ARTICLE_PRIOR;
        add(sum, document, ARTICLE_PRIOR);
        for (double[] m : mentions) {
            add(sum, m, m[3]);
            total += m[3];
        }
        return scale(sum, 1 / total);
    }

    /** The sentiment of class probabilities, the same for sentences, documents and entities. */
    public static Sentiment sentiment(double[] p) {
        return TargetModel.sentiment(p);
    }

    private static void add(double[] sum, double[] p, double w) {
        for (int c = 0; c < 3; c++) {
            sum[c] += w * p[c];
        }
    }

    private static double[] scale(double[] v, double k) {
        for (int c = 0; c < 3; c++) {
            v[c] *= k;
        }
        return v;
    }
}
