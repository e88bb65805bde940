package dev.newsflow.linkdict;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Coarse types of Wikipedia titles, derived offline from the titles of the dictionary itself (no
 * other knowledge base): a title's parenthesised qualifier ("Alice_Mak_(politician)",
 * "Georgia_(country)"), its comma part when that part qualifies many titles ("Paris,_Texas": Texas
 * qualifies thousands of place titles), its head word ("Labour_Party", "Baltic_Sea"), and for
 * persons a first word that the dictionary has a given-name page for ("David_(name)") with a last
 * word it has a surname page for ("Cameron_(surname)"); a title written as a common noun phrase
 * ("Islamic_state", "Prime_minister") is a concept, not a name; "Province_of_..." and
 * "University_of_..." style prefixes give places and organizations. What none of these decide is
 * {@link WikiDictionary.TitleType#OTHER}, which the linker treats as compatible with every type.
 * Name pages themselves ("..._(surname)", "..._(given_name)") and disambiguation pages are never
 * a link target and are dropped by the compactor.
 */
final class TitleTypes {
    /** Qualifiers that make a title a page about a name or a list of meanings, never an entity. */
    static final Set<String> NAME_QUALIFIERS = Set.of("surname", "name", "given_name", "first_name",
            "disambiguation", "family_name", "last_name", "forename");

    private static final Set<String> PERSON_WORDS = Set.of("politician", "footballer", "actor", "actress", "singer",
            "musician", "writer", "author", "journalist", "businessman", "businesswoman", "boxer", "cricketer",
            "athlete", "painter", "artist", "rapper", "director", "judge", "bishop", "priest", "economist",
            "scientist", "player", "composer", "poet", "presenter", "lawyer", "activist", "wrestler", "golfer",
            "coach", "model", "officer", "general", "admiral", "diplomat", "philosopher", "historian", "physician",
            "cyclist", "swimmer", "runner", "tennis", "guitarist", "drummer", "entrepreneur", "executive",
            "broadcaster_(person)", "comedian", "producer", "engineer", "architect", "sculptor", "photographer",
            "novelist", "screenwriter", "dancer", "chef", "astronaut", "soldier", "mayor", "senator", "governor",
            "minister", "monarch", "king", "queen", "prince", "princess", "saint", "pope", "character");
    private static final Set<String> PLACE_WORDS = Set.of("city", "town", "village", "state", "country", "province",
            "county", "region", "river", "island", "mountain", "district", "municipality", "commune", "borough",
            "neighbourhood", "neighborhood", "capital", "u.s._state", "territory", "lake", "parish", "volcano",
            "hamlet", "suburb", "department", "oblast", "prefecture", "canton", "emirate", "sea", "peninsula",
            "valley", "bay", "desert", "archipelago");
    private static final Set<String> ORG_WORDS = Set.of("company", "band", "newspaper", "magazine", "political_party",
            "party", "organization", "organisation", "club", "team", "football_club", "airline", "agency",
            "tv_channel", "broadcaster", "record_label", "university", "publisher", "brand", "bank", "militant_group",
            "group", "charity", "union", "network", "retailer", "manufacturer", "website", "news_agency");
    private static final Set<String> ORG_HEADS = Set.of("party", "inc.", "inc", "corporation", "company", "ltd",
            "ltd.", "plc", "university", "association", "council", "ministry", "department", "agency", "organization",
            "organisation", "union", "bank", "group", "church", "committee", "commission", "army", "navy", "force",
            "forces", "club", "f.c.", "fc", "times", "post", "news", "institute", "foundation", "movement",
            "federation", "league", "court", "parliament", "assembly", "airlines", "airways", "society", "college",
            "school", "service", "office", "bureau", "police", "board", "congress", "senate", "guard", "corps",
            "brigade", "front", "alliance", "coalition", "network", "journal", "herald", "tribune", "gazette",
            "press", "telegraph", "guardian", "broadcasting", "corp.", "corp", "holdings", "motors", "industries",
            "authority", "administration", "cabinet", "government", "conference", "order", "brotherhood", "state");
    private static final Set<String> PLACE_HEADS = Set.of("city", "county", "river", "island", "islands", "province",
            "mountains", "mountain", "lake", "street", "airport", "stadium", "square", "bridge", "park", "sea",
            "ocean", "valley", "bay", "peninsula", "region", "district", "strait", "gulf", "desert", "canal",
            "avenue", "road", "arena", "station", "harbour", "harbor", "coast", "heights", "hills", "falls");

    /** Lower-case words a name's title may hold ("Church_of_Scientology", "Ursula_von_der_Leyen"). */
    private static final Set<String> NAME_PARTICLES = Set.of("of", "the", "and", "for", "on", "at", "in", "de", "da",
            "del", "della", "der", "den", "van", "von", "la", "le", "les", "du", "des", "y", "e", "al", "el", "bin",
            "ibn", "zu", "und", "to", "a", "an", "&", "upon", "with", "by", "di", "do", "dos", "das", "ter", "ten",
            "st.", "vs.", "v.", "or", "from", "under", "over", "into", "against", "de'", "d'", "l'", "af", "av", "og");
    private static final List<String> PLACE_PREFIXES = List.of("Province_of_", "County_of_", "City_of_", "Kingdom_of_",
            "Republic_of_", "State_of_", "Municipality_of_", "Region_of_", "Principality_of_", "Emirate_of_",
            "Duchy_of_", "Island_of_", "Isle_of_", "Gulf_of_", "Sea_of_", "Lake_", "Mount_", "River_", "Port_of_");
    private static final List<String> ORG_PREFIXES = List.of("University_of_", "Ministry_of_", "Bank_of_",
            "Department_of_", "Church_of_", "Party_of_", "Council_of_", "Court_of_", "Office_of_", "Government_of_",
            "Parliament_of_", "Congress_of_", "Assembly_of_", "Army_of_", "Federation_of_", "Union_of_",
            "Association_of_", "Society_of_", "Institute_of_", "College_of_", "Academy_of_", "League_of_",
            "Commission_of_", "Committee_of_", "Board_of_", "Order_of_", "Agency_of_", "Police_of_");

    private final Set<String> givenNames;
    private final Set<String> surnames;
    private final Map<String, Integer> commaQualifiers;
    private final int placeQualifierMin;

    /**
     * @param givenNames        first words the dictionary has a given-name page for (lower case)
     * @param surnames          last words it has a surname page for (lower case)
     * @param commaQualifiers   how many titles each comma part qualifies ("Texas" -> 3,000)
     * @param placeQualifierMin how many titles a comma part must qualify to be read as a place
     */
    TitleTypes(Set<String> givenNames, Set<String> surnames, Map<String, Integer> commaQualifiers, int placeQualifierMin) {
        this.givenNames = givenNames;
        this.surnames = surnames;
        this.commaQualifiers = commaQualifiers;
        this.placeQualifierMin = placeQualifierMin;
    }

    /** The qualifier in a title's trailing parentheses ("politician"), or null. */
    static String qualifier(String title) {
        if (!title.endsWith(")")) {
            return null;
        }
        int open = title.lastIndexOf("_(");
        return open < 0 ? null : title.substring(open + 2, title.length() - 1);
    }

    /** The title without its trailing parenthesised qualifier. */
    static String base(String title) {
        String q = qualifier(title);
        return q == null ? title : title.substring(0, title.length() - q.length() - 3);
    }

    /** The part after the last ",_" of the base ("Texas" of "Paris,_Texas"), or null. */
    static String commaPart(String title) {
        String base = base(title);
        int comma = base.lastIndexOf(",_");
        return comma <= 0 ? null : base.substring(comma + 2);
    }

    static boolean isNamePage(String title) {
        String q = qualifier(title);
        return q != null && NAME_QUALIFIERS.contains(q.toLowerCase(Locale.ROOT));
    }

    WikiDictionary.TitleType type(String title) {
        String q = qualifier(title);
        if (q != null) {
            WikiDictionary.TitleType byQualifier = byQualifier(q.toLowerCase(Locale.ROOT));
            if (byQualifier != null) {
                return byQualifier;
            }
        }
        String base = base(title);
        if (isConcept(base)) {
            return WikiDictionary.TitleType.CONCEPT;
        }
        for (String p : PLACE_PREFIXES) {
            if (base.startsWith(p)) {
                return WikiDictionary.TitleType.PLACE;
            }
        }
        for (String p : ORG_PREFIXES) {
            if (base.startsWith(p)) {
                return WikiDictionary.TitleType.ORGANIZATION;
            }
        }
        String comma = commaPart(title);
        if (comma != null && commaQualifiers.getOrDefault(comma, 0) >= placeQualifierMin) {
            return WikiDictionary.TitleType.PLACE;
        }
        String[] words = base(title).split("_");
        String last = words[words.length - 1].toLowerCase(Locale.ROOT);
        if (words.length > 1 && ORG_HEADS.contains(last)) {
            return WikiDictionary.TitleType.ORGANIZATION;
        }
        if (words.length > 1 && PLACE_HEADS.contains(last)) {
            return WikiDictionary.TitleType.PLACE;
        }
        if (words.length >= 2 && words.length <= 4 && comma == null
                && givenNames.contains(words[0].toLowerCase(Locale.ROOT)) && surnames.contains(last)) {
            return WikiDictionary.TitleType.PERSON;
        }
        return WikiDictionary.TitleType.OTHER;
    }

    /**
     * A title written as a common noun phrase: more than one word and a word after the first that
     * starts in lower case and is not a particle names keep ("Islamic_state", "Film_director";
     * not "Church_of_Scientology", "Kim_Jong-un").
     */
    static boolean isConcept(String base) {
        String[] words = base.split("_");
        if (words.length < 2) {
            return false;
        }
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (!w.isEmpty() && Character.isLowerCase(w.codePointAt(0)) && !NAME_PARTICLES.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static WikiDictionary.TitleType byQualifier(String q) {
        String[] words = q.split("[_,]+");
        for (String w : words) {
            if (PERSON_WORDS.contains(w) || w.equals("born") || q.startsWith("born_")) {
                return WikiDictionary.TitleType.PERSON;
            }
        }
        if (PLACE_WORDS.contains(q)) {
            return WikiDictionary.TitleType.PLACE;
        }
        if (ORG_WORDS.contains(q)) {
            return WikiDictionary.TitleType.ORGANIZATION;
        }
        for (String w : words) {
            if (PLACE_WORDS.contains(w)) {
                return WikiDictionary.TitleType.PLACE;
            }
            if (ORG_WORDS.contains(w)) {
                return WikiDictionary.TitleType.ORGANIZATION;
            }
        }
        return null;
    }
}
