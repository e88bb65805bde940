package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleSentimentTest {
    private static final double[] POSITIVE = {0.1, 0.2, 0.7};
    private static final double[] NEGATIVE = {0.7, 0.2, 0.1};
    private static final double[] NEUTRAL = {0.1, 0.8, 0.1};

    @Test
    void shouldWeighTheHeadlineAndLeadAboveTheBody() {
        assertThat(ArticleSentiment.weight(0, false)).isEqualTo(ArticleSentiment.HEADLINE);
        assertThat(ArticleSentiment.weight(1, false)).isEqualTo(ArticleSentiment.LEAD);
        assertThat(ArticleSentiment.weight(0, true)).isEqualTo(ArticleSentiment.LEAD);
        assertThat(ArticleSentiment.weight(5, false)).isEqualTo(1.0);
        // a positive headline over two negative body sentences of equal strength outweighs one of them
        double[] doc = ArticleSentiment.document(List.of(POSITIVE, NEUTRAL, NEUTRAL, NEGATIVE), null);
        assertThat(doc[2]).isGreaterThan(doc[0]);
        double[] reversed = ArticleSentiment.document(List.of(NEGATIVE, NEUTRAL, NEUTRAL, POSITIVE), null);
        assertThat(reversed[0]).isGreaterThan(reversed[2]);
    }

    @Test
    void shouldCountASeparateTitleAsTheHeadline() {
        double[] doc = ArticleSentiment.document(List.of(NEUTRAL, NEUTRAL, NEGATIVE), POSITIVE);
        assertThat(doc[2]).isGreaterThan(doc[0]);
    }

    @Test
    void shouldKeepNeutralAClassOfItsOwn() {
        double[] doc = ArticleSentiment.document(List.of(NEUTRAL, NEUTRAL, NEUTRAL), null);
        assertThat(ArticleSentiment.sentiment(doc).label()).isEqualTo(Label.NEUTRAL);
        assertThat(ArticleSentiment.sentiment(ArticleSentiment.document(List.of(), null)).label()).isEqualTo(Label.NEUTRAL);
        // probabilities summing to one stay so
        assertThat(doc[0] + doc[1] + doc[2]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldLeanAnEntityNamedOnceTowardTheArticlesTone() {
        double[] once = {0.5, 0.3, 0.2, 1.0};
        double[] entity = ArticleSentiment.entity(List.of(once), POSITIVE);
        assertThat(entity[0]).isLessThan(once[0]);
        assertThat(entity[0] + entity[1] + entity[2]).isCloseTo(1.0, within(1e-12));
        // many mentions outweigh the prior
        double[] often = ArticleSentiment.entity(List.of(negativeMention(), negativeMention(), negativeMention(), negativeMention()), POSITIVE);
        assertThat(ArticleSentiment.sentiment(often).label()).isEqualTo(Label.NEGATIVE);
    }

    @Test
    void shouldTakeTheArticlesToneForAnEntityWithNoScoredMention() {
        assertThat(ArticleSentiment.entity(List.of(), POSITIVE)).containsExactly(POSITIVE);
    }

    private static double[] negativeMention() {
        return new double[] {0.7, 0.2, 0.1, 1.0};
    }
}
