package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The type of a joined entity. One the alias table links gets the entry's type unless the tagger
 * reads the name in its other use ({@link #decideLinked}). One it does not know gets it from the
 * tagger's per-mention types ({@link #decide}): the entity takes the type of its strongest
 * mention, the one with the most evidence (the share of the tagger's labelled run it keeps, so a
 * name cut out of a run-on span like "Claudia Mo of Civic Party Wong Kwok-kin of FTU" counts less
 * than a mention labelled exactly), then the longest (the full name), then, between equals, a
 * multi-word PERSON reading (the CoNLL model is most precise on full personal names), then the
 * earliest. A type carried by at least three times the evidence of that one (a clear majority of
 * the mentions) overrides it; a mere majority does not, as on the development set the tagger often
 * drifts on later, shorter-context mentions. A PERSON verdict on a name that ends in a legal form or
 * business noun ("Marden Vale Water", "Norrvik Systems AB": {@link OrganizationHeads}) is the
 * tagger reading the distinctive part as a surname, and becomes ORGANIZATION; other verdicts on
 * such names stand, as places end in some of those words too ("West Bank", "Kielder Water").
 */
final class TypeVote {
    static final double CLEAR_MAJORITY = 3.0;
    private static final double EPSILON = 1e-9;

    private TypeVote() {
    }

    /** {@code organizationName}: the entity's name is an organization's by its form. */
    static EntityType decide(List<EntityResolver.Candidate> members, boolean organizationName) {
        return decide(members, organizationName, true);
    }

    /** {@code vote}: whether a clear majority may override the strongest mention (off for the ablation study). */
    static EntityType decide(List<EntityResolver.Candidate> members, boolean organizationName, boolean vote) {
        EntityResolver.Candidate strongest = members.stream().min(STRENGTH).orElseThrow();
        Map<EntityType, Double> votes = new EnumMap<>(EntityType.class);
        for (EntityResolver.Candidate m : members) {
            votes.merge(m.type(), m.evidence(), Double::sum);
        }
        double base = votes.get(strongest.type());
        EntityType best = strongest.type();
        double bestVotes = base;
        for (Map.Entry<EntityType, Double> e : votes.entrySet()) {
            if (vote && e.getValue() >= CLEAR_MAJORITY * base - EPSILON && e.getValue() > bestVotes + EPSILON) {
                best = e.getKey();
                bestVotes = e.getValue();
            }
        }
        return organizationName && best == EntityType.PERSON ? EntityType.ORGANIZATION : best;
    }

    /**
     * The type of an entity the alias table links. The entry's type is a prior, not a verdict: it
     * stands unless the tagger, on a mention whose labelled run is exactly that mention, reads the
     * entity in the one other way its kind of name is used. A place entry (a country, a region) is
     * also the name of the state that acts there: its government, army or national team ("North
     * Korea fired artillery", "the DPRK"). Annotation schemes split on this: CoNLL, which the
     * tagger's model is trained on, labels a country LOCATION in every use, sports teams included,
     * so the tagger's LOCATION label on a country name is its convention and says nothing of the
     * role; GUM types a country that acts as an ORGANIZATION (on its news texts: the two Koreas in
     * a military stand-off, national football teams), as ACE gives such a GPE its organization
     * role. An ORGANIZATION label is therefore the tagger departing from its convention on
     * the evidence of the context, and the entity is typed ORGANIZATION, as the tagger typed that
     * mention. Other readings do not override the entry: MISC is the tagger's label for demonyms
     * ("British" is still Britain) and a PERSON or LOCATION reading of an organization entry ("IS",
     * "Kremlin") is the tagger's confusion, not another use of the name. Readings of mentions cut
     * from a longer run do not count, as the tagger labelled the longer name, not this one.
     */
    static EntityType decideLinked(AliasTable.Entry entry, List<EntityResolver.Candidate> members) {
        return decideLinked(entry, members, true);
    }

    /** {@code countryAsOrganization}: whether the reading above applies (off for the ablation study). */
    static EntityType decideLinked(AliasTable.Entry entry, List<EntityResolver.Candidate> members,
                                   boolean countryAsOrganization) {
        if (countryAsOrganization && entry.type() == EntityType.LOCATION
                && members.stream().anyMatch(m -> m.reading() == EntityType.ORGANIZATION)) {
            return EntityType.ORGANIZATION;
        }
        return entry.type();
    }

    /** Strongest first: evidence, length, multi-word PERSON, position. */
    private static final Comparator<EntityResolver.Candidate> STRENGTH = Comparator
            .comparingDouble((EntityResolver.Candidate c) -> -c.evidence())
            .thenComparingInt(c -> -c.length())
            .thenComparingInt(c -> c.type() == EntityType.PERSON && c.length() > 1 ? 0 : 1)
            .thenComparingInt(EntityResolver.Candidate::start);
}
