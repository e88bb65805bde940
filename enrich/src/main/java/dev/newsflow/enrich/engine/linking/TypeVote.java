package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The type of a joined entity that the alias table does not know, from the tagger's per-mention
 * types. The entity takes the type of its strongest mention: the one with the most evidence (the
 * share of the tagger's labelled run it keeps, so a name cut out of a run-on span like "Claudia
 * Mo of Civic Party Wong Kwok-kin of FTU" counts less than a mention labelled exactly), then the
 * longest (the full name), then, between equals, a multi-word PERSON reading (the CoNLL model is
 * most precise on full personal names), then the earliest. A type carried by at least three times
 * the evidence of that one (a clear majority of the mentions) overrides it; a mere majority does
 * not, as on the development set the tagger often drifts on later, shorter-context mentions.
 */
final class TypeVote {
    static final double CLEAR_MAJORITY = 3.0;
    private static final double EPSILON = 1e-9;

    private TypeVote() {
    }

    static EntityType decide(List<EntityResolver.Candidate> members) {
        EntityResolver.Candidate strongest = members.stream().min(STRENGTH).orElseThrow();
        Map<EntityType, Double> votes = new EnumMap<>(EntityType.class);
        for (EntityResolver.Candidate m : members) {
            votes.merge(m.type(), m.evidence(), Double::sum);
        }
        double base = votes.get(strongest.type());
        EntityType best = strongest.type();
        double bestVotes = base;
        for (Map.Entry<EntityType, Double> e : votes.entrySet()) {
            if (e.getValue() >= CLEAR_MAJORITY * base - EPSILON && e.getValue() > bestVotes + EPSILON) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return best;
    }

    /** Strongest first: evidence, length, multi-word PERSON, position. */
    private static final Comparator<EntityResolver.Candidate> STRENGTH = Comparator
            .comparingDouble((EntityResolver.Candidate c) -> -c.evidence())
            .thenComparingInt(c -> -c.length())
            .thenComparingInt(c -> c.type() == EntityType.PERSON && c.length() > 1 ? 0 : 1)
            .thenComparingInt(EntityResolver.Candidate::start);
}
