package dev.newsflow.enrich.engine;

import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.linking.ResolvedEntity;

/**
 * How central an entity is to an article, before normalisation: every mention counts, earlier
 * mentions count more (news puts the subject first), and a name in the title counts most.
 * The engine divides by the sum over the article's entities, so saliences add up to 1.
 */
final class Salience {
    static final double TITLE_BONUS = 3.0;
    static final double LEAD_BONUS = 1.0;

    private Salience() {
    }

    static double raw(ResolvedEntity entity, int textLength, String title) {
        double score = 0;
        for (Mention m : entity.mentions()) {
            double position = textLength == 0 ? 0 : (double) m.start() / textLength;
            score += 1.0 + (1.0 - position);
        }
        if (entity.mentions().get(0).start() < Math.min(400, textLength / 5 + 1)) {
            score += LEAD_BONUS;
        }
        if (!title.isEmpty() && inTitle(entity, title)) {
            score += TITLE_BONUS;
        }
        return score;
    }

    private static boolean inTitle(ResolvedEntity entity, String title) {
        if (title.contains(entity.name())) {
            return true;
        }
        for (Mention m : entity.mentions()) {
            if (m.text().length() > 1 && title.contains(m.text())) {
                return true;
            }
        }
        return false;
    }
}
