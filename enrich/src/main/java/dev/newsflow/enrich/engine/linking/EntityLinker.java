package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.linkdict.WikiDictionary;
import dev.newsflow.linkdict.WikiDictionary.Candidate;
import dev.newsflow.linkdict.WikiDictionary.TitleType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Links the entities of one article to English Wikipedia titles ({@link WikiDictionary}), with a
 * confidence; an entity whose best title is not sure enough stays unlinked (NIL). Signals, each
 * of which the evaluation can switch off ({@link Signals}):
 * <ul>
 *   <li><b>full form</b>: the entity is looked up by its canonical name, the longest form the
 *       article uses ("David Cameron" for a later "Cameron", "Islamic State" for "IS"); only when
 *       that finds nothing, by its other names, longest first, except for a person whose full
 *       name finds nothing (the surname alone would find a namesake: "Colette Heald" is not
 *       Oliver_Heald); demonym mentions ("Russian" of Russia) are never looked up. Without it,
 *       the entity's most frequent mention text is looked up alone;</li>
 *   <li><b>types</b>: a person never links to a title typed place or organization, a place or
 *       organization never to a person title, none of them to a concept ("Islamic_state", a
 *       common noun phrase); a MISC name never to a language or a people
 *       ("Russian" alone is not Russian_language);</li>
 *   <li><b>context</b>: a title's words beyond the name ("Texas" of "Paris,_Texas", "David" of
 *       "David_Cameron"; not a parenthesised qualifier such as "(state)", whose words are generic)
 *       found among the article's words multiply its weight by up to e^4 (all of them found): a
 *       place qualified by a region the article names beats the name's common reading;</li>
 *   <li><b>prior</b>: the dictionary's share of the name's links that go to the title;</li>
 *   <li><b>threshold</b>: the confidence is the best title's weight over the weights of all
 *       candidates plus the dictionary's unassigned share; under {@link #DEFAULT_THRESHOLD} the
 *       entity stays unlinked, and under {@value #WEAK_NAME_THRESHOLD} when all the article
 *       gives is a bare acronym ("KPA") or a person's single name ("Heald").</li>
 * </ul>
 * Pure and thread-safe; a lookup is a few binary searches, so linking costs microseconds per entity.
 */
public final class EntityLinker {
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** The threshold for a bare acronym or a person named by one word only. */
    static final double WEAK_NAME_THRESHOLD = 0.9;
    static final double CONTEXT_WEIGHT = 4.0;
    static final int MAX_OTHER_NAMES = 3;

    private static final Set<String> STOP = Set.of("the", "and", "for", "of", "in", "on", "at", "to", "a", "an",
            "de", "la", "le", "von", "van", "der", "del", "du", "des", "with", "from", "by", "its", "his", "her",
            "was", "were", "are", "is", "has", "had", "have", "been", "that", "this", "who", "which", "said");

    /**
     * Which signals the linker uses.
     *
     * @param fullForm  look the entity up by its longest form, then its other names
     * @param types     drop titles whose coarse type contradicts the entity's
     * @param context   weigh titles by their words found in the article
     * @param threshold leave an entity unlinked under the confidence threshold
     */
    public record Signals(boolean fullForm, boolean types, boolean context, boolean threshold) {
        public static final Signals ALL = new Signals(true, true, true, true);
        public static final List<String> NAMES = List.of("fullForm", "types", "context", "threshold");

        /** These signals without the one named (one of {@link #NAMES}). */
        public Signals without(String signal) {
            if (!NAMES.contains(signal)) {
                throw new IllegalArgumentException("Unknown linking signal " + signal + "; one of " + NAMES);
            }
            return new Signals(fullForm && !signal.equals("fullForm"), types && !signal.equals("types"),
                    context && !signal.equals("context"), threshold && !signal.equals("threshold"));
        }
    }

    /** A link: the title (underscores for spaces) and the linker's confidence in [0, 1]. */
    public record Link(String id, double confidence) {
    }

    private final WikiDictionary dictionary;
    private final Signals signals;
    private final double threshold;

    public EntityLinker(WikiDictionary dictionary) {
        this(dictionary, Signals.ALL, DEFAULT_THRESHOLD);
    }

    public EntityLinker(WikiDictionary dictionary, Signals signals, double threshold) {
        this.dictionary = dictionary;
        this.signals = signals;
        this.threshold = threshold;
    }

    /**
     * The link of each entity, in the order given; null where the entity stays unlinked.
     *
     * @param text     the article's text (its words are the context)
     * @param entities the article's resolved entities
     */
    public List<Link> link(String text, List<ResolvedEntity> entities) {
        Set<String> words = signals.context() ? words(text) : Set.of();
        List<Link> out = new ArrayList<>(entities.size());
        for (ResolvedEntity e : entities) {
            out.add(link(e, words));
        }
        return out;
    }

    /**
     * The type an entity's link says it is, where it says more than the tagger: ORGANIZATION or
     * LOCATION when the title's coarse type ({@link WikiDictionary#type}, from its qualifier,
     * prefix or head word: "Reading_F.C.", "National_Collegiate_Athletic_Association",
     * "Ford_County,_Kansas") is an organization's or a place's; null for a person, a title of
     * no clear type ("Arequipa": OTHER) or no link. The linker never links across the
     * person line, so this decides only between organization, place and MISC.
     */
    public EntityType typeOfTitle(Link link) {
        if (link == null) {
            return null;
        }
        TitleType t = dictionary.type(link.id());
        return t == TitleType.ORGANIZATION ? EntityType.ORGANIZATION : t == TitleType.PLACE ? EntityType.LOCATION : null;
    }

    /**
     * The most-frequent-title baseline: the dictionary's first title for the text itself, with
     * its prior; null when the dictionary has none.
     */
    public static Link mostFrequentTitle(WikiDictionary dictionary, String surface) {
        List<Candidate> c = dictionary.candidates(surface);
        return c.isEmpty() ? null : new Link(c.get(0).title(), c.get(0).prior());
    }

    private Link link(ResolvedEntity entity, Set<String> articleWords) {
        Map<String, Double> priors = new LinkedHashMap<>();
        double unassigned = 1.0;
        // In-article resolution first: the longest form decides; a shorter name only when it finds nothing.
        for (String name : names(entity)) {
            List<Candidate> candidates = dictionary.candidates(name);
            double sum = 0;
            for (Candidate c : candidates) {
                sum += c.prior();
                if (!signals.types() || compatible(entity.type(), c)) {
                    priors.put(c.title(), c.prior());
                }
            }
            if (!priors.isEmpty()) {
                unassigned = Math.max(0, 1.0 - sum);
                break;
            }
            if (entity.type() == EntityType.PERSON && name.indexOf(' ') > 0) {
                // A person whose full name the dictionary lacks is not in it: the surname alone
                // would find a namesake ("Colette Heald" -> Oliver_Heald).
                break;
            }
        }
        if (priors.isEmpty()) {
            return null;
        }
        String nameWords = entity.name().toLowerCase(Locale.ROOT);
        String best = null;
        double bestWeight = -1;
        double total = unassigned;
        for (Map.Entry<String, Double> p : priors.entrySet()) {
            double w = p.getValue();
            if (signals.context()) {
                w *= Math.exp(CONTEXT_WEIGHT * contextShare(p.getKey(), nameWords, articleWords));
            }
            total += w;
            if (w > bestWeight) {
                bestWeight = w;
                best = p.getKey();
            }
        }
        double confidence = Math.min(1.0, bestWeight / total);
        if (signals.threshold() && confidence < threshold(entity)) {
            return null;
        }
        return new Link(best, Math.round(confidence * 1000) / 1000.0);
    }

    /**
     * The confidence an entity needs: more for a name of one word that is all the article gives,
     * a bare acronym ("KPA", "FTU": the article never spells it out) or a lone surname ("Heald"),
     * whose most common title is often another bearer's.
     */
    private double threshold(ResolvedEntity entity) {
        String name = entity.name().strip();
        if (name.indexOf(' ') >= 0 || entity.type() == EntityType.LOCATION) {
            return threshold;
        }
        boolean acronym = name.length() <= 5 && name.equals(name.toUpperCase(Locale.ROOT));
        return acronym || entity.type() == EntityType.PERSON ? Math.max(threshold, WEAK_NAME_THRESHOLD) : threshold;
    }

    /** The names to look the entity up by, best first. */
    private List<String> names(ResolvedEntity entity) {
        List<String> texts = new ArrayList<>();
        for (Mention m : entity.mentions()) {
            boolean demonym = m.type() == EntityType.MISC && entity.type() != EntityType.MISC;
            if (!demonym) {
                texts.add(m.text().strip());
            }
        }
        if (!signals.fullForm()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String t : texts) {
                counts.merge(t, 1, Integer::sum);
            }
            String most = counts.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse(entity.name());
            return List.of(most);
        }
        List<String> names = new ArrayList<>();
        names.add(entity.name());
        texts.stream().distinct().filter(t -> !t.equals(entity.name()))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .limit(MAX_OTHER_NAMES).forEach(names::add);
        return names;
    }

    static boolean compatible(EntityType entity, Candidate c) {
        TitleType t = c.type();
        return switch (entity) {
            case PERSON -> t != TitleType.PLACE && t != TitleType.ORGANIZATION && t != TitleType.CONCEPT;
            case LOCATION, ORGANIZATION -> t != TitleType.PERSON && t != TitleType.CONCEPT;
            case MISC -> !c.title().endsWith("_language") && !c.title().endsWith("_people");
        };
    }

    /** The share of the title's words beyond the name that the article uses. */
    static double contextShare(String title, String nameLower, Set<String> articleWords) {
        Set<String> name = new HashSet<>(split(nameLower));
        int extra = 0;
        int found = 0;
        for (String word : split(title)) {
            // Only the title's proper words: "Hong_Kong" of "Democratic_Party_(Hong_Kong)", not "state" of "(state)".
            if (!Character.isUpperCase(word.codePointAt(0)) && !Character.isDigit(word.codePointAt(0))) {
                continue;
            }
            String w = word.toLowerCase(Locale.ROOT);
            if (w.length() < 3 || STOP.contains(w) || name.contains(w)) {
                continue;
            }
            extra++;
            if (articleWords.contains(w)) {
                found++;
            }
        }
        return extra == 0 ? 0 : (double) found / extra;
    }

    private static List<String> split(String s) {
        // Letters and digits only; a word keeps its case.
        List<String> out = new ArrayList<>();
        for (String w : s.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : split(text.toLowerCase(Locale.ROOT))) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
