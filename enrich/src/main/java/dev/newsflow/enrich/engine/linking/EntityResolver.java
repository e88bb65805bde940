package dev.newsflow.enrich.engine.linking;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.ner.TaggedSentence;
import dev.newsflow.enrich.engine.ner.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the tagger's token labels into entities: one entity per real-world thing in the
 * document. It reads mentions off the labels, applies the alias table (acronyms, demonyms,
 * names the model splits), cleans mentions (titles, determiners, possessives, pronouns, junk),
 * then joins mentions of the same thing: equal names, surnames and partial names of people,
 * acronyms of organisation names, the short name of a company ("Norrvik" for "Norrvik Systems").
 * Stateless and thread-safe.
 */
public final class EntityResolver {
    private static final Set<String> PRONOUNS = Set.of("i", "me", "my", "we", "us", "our", "you", "your", "he", "him",
            "his", "she", "her", "hers", "it", "its", "they", "them", "their", "this", "that", "these", "those",
            "who", "whom", "which", "what", "there", "here");
    private static final Set<String> LEADING_NOISE = Set.of("the", "a", "an", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
            "dr", "dr.", "sen", "sen.", "rep", "rep.", "gov", "gov.", "gen", "gen.", "president", "prime", "minister",
            "chancellor", "senator", "governor", "pope", "king", "queen", "prince", "princess", "sir", "lord", "lady",
            "judge", "justice", "secretary", "ambassador", "mayor", "general", "colonel", "captain", "chairman",
            "ceo", "director", "professor", "prof", "prof.", "st", "st.");
    private static final Set<String> NAME_PARTICLES = Set.of("of", "the", "and", "for", "de", "du", "la", "le", "von",
            "van", "der", "den", "di", "da", "del", "bin", "al", "&", "on", "in", "at", "to");

    private static final Pattern PERSONAL_TITLE_BEFORE = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\\.?\\s+$");
    /** Nouns that, said of a name, make it a place's: "the city of Arequipa", "Aisby is a village". */
    private static final String PLACE_NOUNS = "city|town|village|hamlet|island|region|province|county|district"
            + "|municipality|parish|port|capital|suburb|state";
    private static final Pattern PLACE_NOUN_BEFORE = Pattern.compile("\\b(?:" + PLACE_NOUNS + ") of (?:the )?$");
    /** The place noun ends its phrase: "is a village in", not "was a town councillor". */
    private static final Pattern PLACE_NOUN_AFTER = Pattern.compile(
            "^\\s+(?:is|was) (?:an? |the )(?:[\\w-]+ ){0,3}?(?:" + PLACE_NOUNS + ")"
                    + "(?=\\s*(?:[,.;:()]|$)|\\s+(?:in|of|on|near|and|located|situated|with|that|which|where)\\b)");
    private static final Pattern ONLY_COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern POSSESSIVE = Pattern.compile("^\\s*['\u2019]s\\b");
    /** The rank of a company's short name, as strong as an acronym: above a surname read as another type. */
    private static final int SHORT_NAME_RANK = 3;

    private final AliasTable aliases;
    private final OrganizationHeads heads;
    private final NameHeads nameHeads;
    private final Rules rules;

    /**
     * The resolution rules that can be switched off, for the ablation study of the evaluation (the
     * engine runs with {@link #ALL}): joining (surnames, first names, acronyms, company short
     * names; equal names always join), the alias table, the type vote (a clear majority of the
     * mentions overriding the strongest one), country as organization, business-noun names
     * (a PERSON verdict on "Marden Vale Water" becomes ORGANIZATION), document types (a mention
     * takes its entity's type where the document shows the tagger erred on it), name heads (a
     * multi-word name whose head word says what it names takes that type: "United States
     * Geological Survey" is an organization, {@link NameHeads}), place context (the article
     * calls the name a place: "the city of Arequipa", "Aisby is a village", "Salem, New
     * Jersey"), page-junk masking and case restoring of lines in capitals (both applied by the
     * engine before tagging) and title types (an organization or place the linker's Wikipedia
     * title says it is, applied by the engine after linking).
     */
    public record Rules(boolean joining, boolean aliasTable, boolean typeVote, boolean countryAsOrganization,
                        boolean businessNounNames, boolean documentTypes, boolean nameHeads, boolean placeContext,
                        boolean junkMasking, boolean capsLines, boolean titleTypes) {
        public static final Rules ALL = new Rules(true, true, true, true, true, true, true, true, true, true, true);

        public static final List<String> NAMES = List.of("joining", "aliasTable", "typeVote", "countryAsOrganization",
                "businessNounNames", "documentTypes", "nameHeads", "placeContext", "junkMasking", "capsLines", "titleTypes");

        /** These rules without the one named (one of {@link #NAMES}). */
        public Rules without(String rule) {
            if (!NAMES.contains(rule)) {
                throw new IllegalArgumentException("Unknown rule " + rule + "; one of " + NAMES);
            }
            return new Rules(joining && !rule.equals("joining"), aliasTable && !rule.equals("aliasTable"),
                    typeVote && !rule.equals("typeVote"), countryAsOrganization && !rule.equals("countryAsOrganization"),
                    businessNounNames && !rule.equals("businessNounNames"), documentTypes && !rule.equals("documentTypes"),
                    nameHeads && !rule.equals("nameHeads"), placeContext && !rule.equals("placeContext"),
                    junkMasking && !rule.equals("junkMasking"), capsLines && !rule.equals("capsLines"),
                    titleTypes && !rule.equals("titleTypes"));
        }
    }

    public EntityResolver(AliasTable aliases) {
        this(aliases, OrganizationHeads.builtIn(), Rules.ALL);
    }

    public EntityResolver(AliasTable aliases, OrganizationHeads heads) {
        this(aliases, heads, Rules.ALL);
    }

    public EntityResolver(AliasTable aliases, OrganizationHeads heads, Rules rules) {
        this.aliases = rules.aliasTable() ? aliases : AliasTable.parse("");
        this.heads = heads;
        this.nameHeads = NameHeads.builtIn();
        this.rules = rules;
    }

    public Rules rules() {
        return rules;
    }

    /**
     * A mention candidate: span, tokens, type, and the alias entry it is linked to (or null).
     * {@code evidence} (0..1] is how far the tagger's type speaks for this mention: the share of
     * the tagger's labelled run the mention keeps (1 when the run is exactly the name; less when
     * titles, a hyphen compound, a line break or a run-on like "X of Y" were cut off).
     * {@code reading} is the tagger's own label when its labelled run is exactly this mention,
     * else null; it differs from {@code type} where the alias table typed the mention.
     * {@code label} is the type of this mention as such: the tagger's label of the run it comes
     * from, MISC for a demonym; null when the tagger did not label it (an alias the model missed),
     * and then the mention takes its entity's type.
     */
    record Candidate(int start, int end, List<String> words, EntityType type, AliasTable.Entry entry, boolean fullForm,
                     boolean fromModel, List<String> lowerWords, double evidence, EntityType reading, EntityType label) {
        Candidate(int start, int end, List<String> words, EntityType type, AliasTable.Entry entry, boolean fullForm,
                  boolean fromModel) {
            this(start, end, words, type, entry, fullForm, fromModel, lower(words), 1.0, null, fromModel ? type : null);
        }

        Candidate withEvidence(double e) {
            return new Candidate(start, end, words, type, entry, fullForm, fromModel, lowerWords, e, reading, label);
        }

        Candidate withReading(EntityType r) {
            return new Candidate(start, end, words, type, entry, fullForm, fromModel, lowerWords, evidence, r, label);
        }

        Candidate withLabel(EntityType l) {
            return new Candidate(start, end, words, type, entry, fullForm, fromModel, lowerWords, evidence, reading, l);
        }

        int length() {
            return words.size();
        }
    }

    private static final class Cluster {
        final List<Candidate> members = new ArrayList<>();
        AliasTable.Entry entry;
        EntityType type;
        List<String> nameWords;
        List<String> nameLower;
        /** A short name joined it as a company's ("Norrvik" to "Norrvik Systems"): it is an organization. */
        boolean shortNamed;

        Cluster(Candidate first) {
            members.add(first);
            entry = first.entry();
            type = first.type();
            nameWords = first.words();
            nameLower = first.lowerWords();
        }

        void add(Candidate c) {
            members.add(c);
            if (entry == null && c.entry() != null) {
                entry = c.entry();
                type = entry.type();
            }
            if (c.length() > nameWords.size() && c.type() == type) {
                nameWords = c.words();
                nameLower = c.lowerWords();
            }
        }

        int nearestDistance(int position) {
            int best = Integer.MAX_VALUE;
            for (Candidate m : members) {
                best = Math.min(best, Math.abs(m.start() - position));
            }
            return best;
        }
    }

    /** Resolves the entities of a tagged document; {@code text} is the document text the offsets index. */
    public List<ResolvedEntity> resolve(String text, List<TaggedSentence> sentences) {
        List<Candidate> candidates = new ArrayList<>();
        for (TaggedSentence sentence : sentences) {
            candidates.addAll(candidatesOf(text, sentence));
        }
        return cluster(text, candidates);
    }

    private List<Candidate> candidatesOf(String text, TaggedSentence sentence) {
        List<Token> tokens = sentence.tokens();
        List<int[]> modelSpans = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.outside() || type(t.ner()) == null) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && t.ner().equals(tokens.get(j).ner())
                    && !lineBreakBetween(text, tokens.get(j - 1), tokens.get(j))) {
                j++;
            }
            int run = j;
            while (run < tokens.size() && t.ner().equals(tokens.get(run).ner())) {
                run++;
            }
            int cut = hyphenCompound(tokens, i, j);
            modelSpans.add(new int[] {i, cut, run});
            i = j;
        }
        List<Candidate> out = new ArrayList<>();
        List<AliasTable.Match> matches = aliases.find(tokens);
        boolean[] covered = new boolean[tokens.size()];
        List<int[]> keptModel = new ArrayList<>(modelSpans);
        for (AliasTable.Match m : matches) {
            int[] container = null;
            boolean blocked = false;
            EntityType reading = null;
            for (int[] span : modelSpans) {
                boolean overlaps = span[0] < m.to() && m.from() < span[1];
                if (!overlaps) {
                    continue;
                }
                if (span[0] == m.from() && span[1] == m.to() && span[2] == m.to()) {
                    reading = type(tokens.get(span[0]).ner());
                }
                boolean longer = span[0] <= m.from() && span[1] >= m.to() && (span[1] - span[0]) > (m.to() - m.from());
                boolean samePerson = span[0] == m.from() && span[1] == m.to()
                        && type(tokens.get(span[0]).ner()) == EntityType.PERSON && m.fullForm();
                if (longer || samePerson) {
                    container = span;
                    blocked = true;
                }
            }
            if (blocked && container != null || namesPersonNotPlace(reading, m.entry()) && !m.demonym()) {
                continue;
            }
            keptModel.removeIf(span -> span[0] < m.to() && m.from() < span[1]);
            out.add(candidate(tokens, m.from(), m.to(), m.entry().type(), m.entry(), m.fullForm(), false)
                    .withReading(reading).withLabel(m.demonym() ? EntityType.MISC : reading));
            for (int k = m.from(); k < m.to(); k++) {
                covered[k] = true;
            }
        }
        for (int[] span : keptModel) {
            Candidate c = clean(tokens, span[0], span[1], type(tokens.get(span[0]).ner()));
            if (c != null) {
                AliasTable.Entry e = aliases.byFullForm(String.join(" ", c.words()));
                c = c.withEvidence((double) c.length() / (span[2] - span[0]));
                EntityType reading = c.evidence() >= 1.0 ? c.type() : null;
                if (e != null && namesPersonNotPlace(c.type(), e)) {
                    e = null;
                }
                out.add(e == null ? c.withReading(reading)
                        : new Candidate(c.start(), c.end(), c.words(), e.type(), e, true, true).withReading(reading)
                                .withLabel(c.type()));
            }
        }
        return out;
    }

    /**
     * The tagger reads a place name of the alias table as a person ("Jordan scored twice", "Chad
     * said"): places are named after people and people after places, and the tagger sees the
     * context; the entry is not applied, so the mention stays the person the tagger found.
     */
    private static boolean namesPersonNotPlace(EntityType reading, AliasTable.Entry entry) {
        return reading == EntityType.PERSON && entry.type() == EntityType.LOCATION;
    }

    /** Names do not run across lines (lists, captions, headlines): a line break ends a mention. */
    private static boolean lineBreakBetween(String text, Token a, Token b) {
        for (int k = a.end(); k < b.start(); k++) {
            if (text.charAt(k) == '\n') {
                return true;
            }
        }
        return false;
    }

    /** "IS-claimed", "Kremlin-backed": a name glued to a lower-case word ends at the hyphen. */
    private static int hyphenCompound(List<Token> tokens, int from, int to) {
        for (int k = from + 1; k < to - 1; k++) {
            String w = tokens.get(k).word();
            String next = tokens.get(k + 1).word();
            if ((w.equals("-") || w.equals("\u2011")) && !next.isEmpty() && Character.isLowerCase(next.charAt(0))) {
                return k;
            }
        }
        return to;
    }

    private static Candidate candidate(List<Token> tokens, int from, int to, EntityType type, AliasTable.Entry entry,
                                       boolean fullForm, boolean fromModel) {
        List<String> words = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            words.add(tokens.get(k).word());
        }
        return new Candidate(tokens.get(from).start(), tokens.get(to - 1).end(), words, type, entry, fullForm, fromModel);
    }

    /** Strips titles, determiners, possessives and punctuation at the edges; null when nothing name-like is left. */
    private static Candidate clean(List<Token> tokens, int from, int to, EntityType type) {
        while (from < to) {
            String w = tokens.get(from).word();
            String lower = w.toLowerCase(Locale.ROOT);
            // A capitalised article inside a sentence is part of the name ("the drummer of The Zutons").
            boolean article = lower.equals("the") || lower.equals("a") || lower.equals("an");
            boolean titleWord = LEADING_NOISE.contains(lower) && to - from > 1
                    && (article ? from == 0 || Character.isLowerCase(w.charAt(0)) : type == EntityType.PERSON);
            if (titleWord || !hasLetterOrDigit(w)) {
                from++;
            } else {
                break;
            }
        }
        while (to > from) {
            String w = tokens.get(to - 1).word();
            if (w.equals("'s") || w.equals("\u2019s") || w.equals("'") || !hasLetterOrDigit(w)) {
                to--;
            } else {
                break;
            }
        }
        if (from >= to) {
            return null;
        }
        Candidate c = candidate(tokens, from, to, type, null, false, true);
        String joined = String.join(" ", c.words());
        if (c.length() == 1 && PRONOUNS.contains(joined.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (joined.chars().noneMatch(Character::isUpperCase) || joined.chars().filter(Character::isLetter).count() < 2) {
            return null;
        }
        return c;
    }

    private static boolean hasLetterOrDigit(String w) {
        return w.chars().anyMatch(Character::isLetterOrDigit);
    }

    static EntityType type(String ner) {
        if (ner == null) {
            return null;
        }
        switch (ner) {
            case "PERSON":
                return EntityType.PERSON;
            case "ORGANIZATION":
                return EntityType.ORGANIZATION;
            case "LOCATION":
                return EntityType.LOCATION;
            case "MISC":
                return EntityType.MISC;
            default:
                return null;
        }
    }

    private List<ResolvedEntity> cluster(String text, List<Candidate> candidates) {
        List<Cluster> clusters = new ArrayList<>();
        Map<AliasTable.Entry, Cluster> byEntry = new LinkedHashMap<>();
        List<Candidate> linked = candidates.stream().filter(c -> c.entry() != null)
                .sorted(Comparator.comparingInt(Candidate::start)).toList();
        for (Candidate c : linked) {
            Cluster cluster = byEntry.get(c.entry());
            if (cluster == null) {
                cluster = new Cluster(c);
                byEntry.put(c.entry(), cluster);
                clusters.add(cluster);
            } else {
                cluster.add(c);
            }
        }
        List<Candidate> free = candidates.stream().filter(c -> c.entry() == null)
                .sorted(Comparator.comparingInt(Candidate::length).reversed().thenComparingInt(Candidate::start)).toList();
        Set<List<String>> places = placeNames(candidates);
        for (Candidate c : free) {
            Cluster company = rules.joining() ? companyOfShortName(text, clusters, c, places) : null;
            Cluster target = bestMatch(clusters, c, company);
            if (target == null) {
                clusters.add(new Cluster(c));
            } else {
                target.add(c);
                target.shortNamed |= target == company;
            }
        }
        Set<List<String>> placesByContext = rules.placeContext() ? placeContext(text, candidates) : Set.of();
        List<ResolvedEntity> out = new ArrayList<>();
        for (Cluster cluster : clusters) {
            List<Candidate> members = new ArrayList<>(cluster.members);
            members.sort(Comparator.comparingInt(Candidate::start));
            boolean organizationName = rules.businessNounNames() && heads.namesOrganization(cluster.nameWords);
            EntityType type = cluster.entry != null ? TypeVote.decideLinked(cluster.entry, members, rules.countryAsOrganization())
                    : cluster.shortNamed ? EntityType.ORGANIZATION
                    : TypeVote.decide(members, organizationName, rules.typeVote());
            // The mentions' own evidence, without the vote: on the development sets the vote helps
            // entity types (GUM typed entity recall) but, carried to mentions, costs mention F1.
            EntityType strongest = cluster.entry != null || cluster.shortNamed ? type
                    : TypeVote.decide(members, organizationName, false);
            EntityType byName = cluster.entry != null || cluster.shortNamed ? null
                    : typeByName(cluster.nameWords, cluster.nameLower, type, placesByContext);
            if (byName != null) {
                type = byName;
                strongest = byName;
            }
            List<Mention> mentions = new ArrayList<>(members.size());
            int lastEnd = -1;
            for (Candidate m : members) {
                if (m.start() >= lastEnd) {
                    EntityType mentionByName = cluster.entry != null || m.label() == null ? null
                            : typeByName(m.words(), m.lowerWords(), m.label(), placesByContext);
                    mentions.add(new Mention(m.start(), m.end(), text.substring(m.start(), m.end()),
                            mentionByName != null ? mentionByName
                                    : mentionType(cluster, members, m, type, strongest, organizationName)));
                    lastEnd = m.end();
                }
            }
            out.add(new ResolvedEntity(canonicalName(cluster, text), type, mentions));
        }
        return out;
    }

    /**
     * The type a name's own form or the article's words give it over the tagger's reading, or
     * null: its head word ({@link NameHeads}: "United States Geological Survey" is an
     * organization, "Harmonised Index of Consumer Prices" MISC), else the article calling it a
     * place ({@link #placeContext}). An organization or MISC head does not override a PERSON
     * reading: organizations are named after people ("Andy Warhol Foundation"), GUM annotates
     * the person inside such a name, and a company read as a person is the business-noun rule's;
     * a place head does (no one is named "Hancock Pond"). A MISC head does not override a
     * LOCATION reading either: events are named after their place ("Taipei City Lantern
     * Festival"), and the tagger's error on them is ORGANIZATION ("Battle of Antietam"; on the
     * development sets the LOCATION override fixed one mention of Wikigold and cost one of GUM).
     */
    private EntityType typeByName(List<String> words, List<String> lowerWords, EntityType reading,
                                  Set<List<String>> placesByContext) {
        EntityType byHead = rules.nameHeads() ? nameHeads.typeOf(words) : null;
        boolean overrides = byHead == EntityType.LOCATION || byHead == EntityType.ORGANIZATION && reading != EntityType.PERSON
                || byHead == EntityType.MISC && reading != EntityType.PERSON && reading != EntityType.LOCATION;
        if (byHead != null && overrides) {
            return byHead;
        }
        return placesByContext.contains(lowerWords) ? EntityType.LOCATION : null;
    }

    /**
     * The names the article itself calls places, whatever the tagger labelled them: a name after
     * "the city of", "the region of", "the village of" (and town, hamlet, island, province,
     * county, district, municipality, parish, port, capital, suburb, state), a name followed by
     * "is a village", "was a small market town", and a name of one word followed by a comma and a
     * place ("Salem, New Jersey", "Debden, England": the place is one the tagger labels exactly
     * LOCATION there or a place of the alias table, and not a possessive, "Toyota, Japan's
     * biggest carmaker"). The tagger reads a single unknown name by its spelling and sentence
     * ("Arequipa:" opening a dateline, ORGANIZATION); the article's words say what it is.
     */
    private static Set<List<String>> placeContext(String text, List<Candidate> candidates) {
        List<Candidate> byStart = candidates.stream().sorted(Comparator.comparingInt(Candidate::start)).toList();
        Set<List<String>> out = new HashSet<>();
        for (int i = 0; i < byStart.size(); i++) {
            Candidate c = byStart.get(i);
            if (c.entry() != null) {
                continue;
            }
            String before = text.substring(Math.max(0, c.start() - 30), c.start());
            String after = text.substring(c.end(), Math.min(text.length(), c.end() + 60));
            boolean said = PLACE_NOUN_BEFORE.matcher(before).find() || PLACE_NOUN_AFTER.matcher(after).find();
            if (!said && c.length() == 1 && i + 1 < byStart.size()) {
                Candidate next = byStart.get(i + 1);
                boolean place = placeNamedAfter(next)
                        || next.entry() != null && next.entry().type() == EntityType.LOCATION && next.label() != EntityType.MISC;
                // Not in a list of names ("such as Zeus, Hera, Poseidon"): nothing but a comma between it and the names around.
                boolean list = i > 0 && commaOnly(text, byStart.get(i - 1), c)
                        || i + 2 < byStart.size() && commaOnly(text, next, byStart.get(i + 2));
                said = place && !list && commaOnly(text, c, next)
                        && !POSSESSIVE.matcher(text.substring(next.end(), Math.min(text.length(), next.end() + 4))).find();
            }
            if (said) {
                out.add(c.lowerWords());
            }
        }
        return out;
    }

    private static boolean commaOnly(String text, Candidate a, Candidate b) {
        return b.start() > a.end() && ONLY_COMMA.matcher(text.substring(a.end(), b.start())).matches();
    }

    /**
     * What one mention is. The tagger's label of it stands (it saw the sentence), MISC for a
     * demonym; a mention the tagger did not label takes its entity's type. With the document-types
     * rule, the document corrects the tagger where it shows an error the sentence could not
     * (measured on the development sets, see the README's ablation table): a shorter mention of a
     * person named in full ("Jordan" after "Michael Jordan") is a person; a company's short name
     * and a name whose form is an organization's ("Marden Vale Water") are the organization.
     */
    private EntityType mentionType(Cluster cluster, List<Candidate> members, Candidate m, EntityType type,
                                   EntityType strongest, boolean organizationName) {
        if (m.label() == null) {
            return type;
        }
        if (!rules.documentTypes() || cluster.entry != null) {
            return m.label();
        }
        if (strongest == EntityType.PERSON && m.label() != EntityType.PERSON && m.length() < cluster.nameWords.size()) {
            return strongest;
        }
        if (type == EntityType.ORGANIZATION && (cluster.shortNamed || organizationName)) {
            return type;
        }
        return sameNameMajority(members, m);
    }

    /**
     * The type most mentions of exactly this name carry, where they clearly agree (at least twice
     * as many as any other, and at least two): the tagger types a name from one sentence, and a
     * sentence that says little ("Youngspiration won") lets it drift where the others agree.
     */
    private static EntityType sameNameMajority(List<Candidate> members, Candidate m) {
        java.util.EnumMap<EntityType, Integer> votes = new java.util.EnumMap<>(EntityType.class);
        for (Candidate o : members) {
            if (o.label() != null && o.evidence() >= 1.0 && o.lowerWords().equals(m.lowerWords())) {
                votes.merge(o.label(), 1, Integer::sum);
            }
        }
        EntityType best = m.label();
        int bestVotes = votes.getOrDefault(best, 0);
        for (Map.Entry<EntityType, Integer> v : votes.entrySet()) {
            if (v.getValue() > bestVotes) {
                best = v.getKey();
                bestVotes = v.getValue();
            }
        }
        if (best == m.label() || bestVotes < 2) {
            return m.label();
        }
        for (Map.Entry<EntityType, Integer> v : votes.entrySet()) {
            if (v.getKey() != best && v.getValue() * 3 > bestVotes) {
                return m.label();
            }
        }
        return best;
    }

    private static String canonicalName(Cluster cluster, String text) {
        if (cluster.entry != null) {
            String best = null;
            for (Candidate m : cluster.members) {
                String surface = surface(text, m);
                if (m.fullForm() && (best == null || surface.length() > best.length())) {
                    best = surface;
                }
            }
            return best != null ? best : cluster.entry.canonical();
        }
        String best = "";
        for (Candidate m : cluster.members) {
            String surface = surface(text, m);
            boolean tie = surface.length() == best.length();
            if (surface.length() > best.length() || (tie && Character.isUpperCase(surface.charAt(0))
                    && !Character.isUpperCase(best.isEmpty() ? 'a' : best.charAt(0)))
                    || (tie && shouted(best) && !shouted(surface))) {
                best = surface;
            }
        }
        return best;
    }

    /** All capitals (a headline's "BERLIN"): the article's mixed-case form names the entity better. */
    private static boolean shouted(String s) {
        return s.chars().noneMatch(Character::isLowerCase) && s.chars().filter(Character::isLetter).count() > 1;
    }

    /** The mention as written, with runs of whitespace as one space. */
    private static String surface(String text, Candidate m) {
        return text.substring(m.start(), m.end()).replaceAll("\\s+", " ");
    }

    /** The best cluster for {@code c}; {@code company}, if not null, is one it is the short name of. */
    private Cluster bestMatch(List<Cluster> clusters, Candidate c, Cluster company) {
        Cluster best = null;
        int bestRank = Integer.MAX_VALUE;
        int bestDistance = Integer.MAX_VALUE;
        for (Cluster cluster : clusters) {
            int rank = matchRank(cluster, c);
            if (cluster == company && (rank == 0 || rank > SHORT_NAME_RANK)) {
                rank = SHORT_NAME_RANK;
            }
            if (rank == 0) {
                continue;
            }
            int distance = cluster.nearestDistance(c.start());
            if (rank < bestRank || (rank == bestRank && distance < bestDistance)) {
                best = cluster;
                bestRank = rank;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** 0 when {@code c} cannot be the cluster's entity; else a rank, lower is a stronger match. */
    private int matchRank(Cluster cluster, Candidate c) {
        List<String> words = c.lowerWords();
        boolean sameType = cluster.type == c.type();
        for (Candidate m : cluster.members) {
            if (m.lowerWords().equals(words)) {
                return sameType ? 1 : 2;
            }
        }
        if (!rules.joining()) {
            return 0;
        }
        if (cluster.entry != null) {
            for (String form : cluster.entry.fullForms()) {
                if (form.equalsIgnoreCase(String.join(" ", c.words()))) {
                    return 1;
                }
            }
        }
        List<String> name = cluster.nameLower;
        if (cluster.type == EntityType.PERSON && words.size() < name.size()) {
            boolean suffix = name.subList(name.size() - words.size(), name.size()).equals(words);
            boolean particlesOnly = words.stream().allMatch(NAME_PARTICLES::contains);
            if (suffix && !particlesOnly && !placeNamedAfter(c)) {
                return c.type() == EntityType.PERSON ? 3 : 4;
            }
            if (c.type() == EntityType.PERSON && words.size() == 1 && name.get(0).equals(words.get(0))) {
                return 5;
            }
        }
        if (c.length() == 1 && isAcronym(c.words().get(0)) && cluster.type != EntityType.PERSON
                && c.words().get(0).replace(".", "").equalsIgnoreCase(initials(cluster.nameWords))) {
            return 3;
        }
        if (cluster.type != EntityType.PERSON && c.type() == cluster.type && words.size() < name.size()
                && name.size() > 1 && name.get(name.size() - 1).equals(words.get(words.size() - 1))
                && name.subList(name.size() - words.size(), name.size()).equals(words) && words.size() > 1) {
            return 6;
        }
        return 0;
    }

    /**
     * The organization {@code c} is the short name of, or null. News names a company in full once
     * and then by the first word(s) of its name: "Norrvik Systems" ... "Norrvik said",
     * "Marden Vale Water" ... "ordered Marden Vale to". {@code c} is one when its words are a
     * proper prefix of the cluster's name and the rest of that name is legal forms and business
     * nouns ({@link OrganizationHeads}: "Systems", "Water", "Motor Corp"), which makes the name an
     * organization's whatever the tagger typed it. The tagger often labels the short form PERSON,
     * so that label does not stand in the way; what does, as the short form then names something
     * else, or may:
     * <ul>
     * <li>a place: the tagger labels it exactly LOCATION, here or anywhere in the article, or it is
     * in the alias table ("Alaska" beside "Alaska Airlines", "Kent" beside "Kent Water Company");</li>
     * <li>a person: it ends the name of another entity in the article or starts a person's
     * ("Ford" beside "Bill Ford" and "Ford Motor Company"; the tagger sometimes types "Bill Ford"
     * ORGANIZATION too), or a personal title stands before it ("Mr Dyson"). The tagger's
     * ORGANIZATION label on the mention does not settle it: on "Bill Ford, the chairman of Ford
     * Motor Company, will retire. Ford, 67, told reporters ..." it labels that "Ford"
     * ORGANIZATION. So a short name is taken as the company's only where no namesake is in the
     * article, where the company is the one thing it can name;</li>
     * <li>a second company it could shorten ("Norrvik" beside "Norrvik Systems" and
     * "Norrvik Energy").</li>
     * </ul>
     * In doubt the mention stays apart: a missed join costs less than two things merged into one.
     */
    private Cluster companyOfShortName(String text, List<Cluster> clusters, Candidate c, Set<List<String>> places) {
        List<String> words = c.lowerWords();
        if (c.entry() != null || placeNamedAfter(c) || places.contains(words)
                || aliases.byFullForm(String.join(" ", c.words())) != null
                || (c.type() == EntityType.PERSON && c.evidence() < 1.0) || PERSONAL_TITLE_BEFORE.matcher(
                        text.substring(Math.max(0, c.start() - 12), c.start())).find()
                || words.stream().allMatch(w -> NAME_PARTICLES.contains(w) || heads.isHead(w))) {
            return null;
        }
        Cluster company = null;
        for (Cluster cluster : clusters) {
            List<String> name = cluster.nameLower;
            if (words.size() >= name.size()) {
                continue;
            }
            boolean prefix = name.subList(0, words.size()).equals(words);
            if (prefix && (cluster.type == EntityType.ORGANIZATION || cluster.type == EntityType.PERSON)
                    && heads.allHeads(cluster.nameWords.subList(words.size(), name.size()))) {
                if (company != null && !company.nameLower.equals(name)) {
                    return null;
                }
                company = cluster;
            } else if (name.subList(name.size() - words.size(), name.size()).equals(words)
                    || (prefix && cluster.type == EntityType.PERSON)) {
                return null;
            }
        }
        return company;
    }

    /** The names the tagger labels exactly LOCATION somewhere in the article, and the alias table's places. */
    private static Set<List<String>> placeNames(List<Candidate> candidates) {
        Set<List<String>> out = new HashSet<>();
        for (Candidate c : candidates) {
            if (placeNamedAfter(c) || (c.entry() != null && c.entry().type() == EntityType.LOCATION)) {
                out.add(c.lowerWords());
            }
        }
        return out;
    }

    /**
     * A surname collision the tagger contradicts: it labelled exactly this span a place
     * ("Washington" beside "George Washington"), so it is not joined to the person.
     */
    private static boolean placeNamedAfter(Candidate c) {
        return c.type() == EntityType.LOCATION && c.fromModel() && c.evidence() >= 1.0;
    }

    private static boolean isAcronym(String w) {
        String letters = w.replace(".", "");
        return letters.length() >= 2 && letters.length() <= 6 && letters.chars().allMatch(Character::isUpperCase);
    }

    private static String initials(List<String> words) {
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
                s.append(w.charAt(0));
            }
        }
        return s.toString();
    }

    private static List<String> lower(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
