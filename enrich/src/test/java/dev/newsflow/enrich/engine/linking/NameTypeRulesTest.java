package dev.newsflow.enrich.engine.linking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.ner.TaggedSentence;
import dev.newsflow.enrich.engine.ner.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The name-heads and place-context rules on hand-labelled tokens (invented names, so the alias
 * table knows none of them): each case with the rule, and with it switched off, where the
 * tagger's reading stands.
 */
class NameTypeRulesTest {
    private static final EntityResolver ALL = resolver(EntityResolver.Rules.ALL);
    private static final EntityResolver NO_HEADS = resolver(EntityResolver.Rules.ALL.without("nameHeads"));
    private static final EntityResolver NO_CONTEXT = resolver(EntityResolver.Rules.ALL.without("placeContext"));

    private static EntityResolver resolver(EntityResolver.Rules rules) {
        return new EntityResolver(AliasTable.builtIn(), OrganizationHeads.builtIn(), rules);
    }

    @Test
    void shouldTypeANameEndingInAnInstitutionsHeadAnOrganizationOverAPlaceReading() {
        String[] text = {"The/O", "Norvale/LOCATION", "Geological/LOCATION", "Survey/LOCATION", "recorded/O", "it/O", "./O"};

        assertTyped(resolve(ALL, text), "Norvale Geological Survey", EntityType.ORGANIZATION, EntityType.ORGANIZATION);
        assertTyped(resolve(NO_HEADS, text), "Norvale Geological Survey", EntityType.LOCATION, EntityType.LOCATION);
    }

    @Test
    void shouldReadTheHeadBeforeOfAsTheHeadOfTheName() {
        List<ResolvedEntity> entities = resolve(ALL, "The/O", "Seismic/LOCATION", "Institute/LOCATION", "of/LOCATION",
                "Norvale/LOCATION", "counted/O", "aftershocks/O", "./O");

        assertTyped(entities, "Seismic Institute of Norvale", EntityType.ORGANIZATION, EntityType.ORGANIZATION);
    }

    @Test
    void shouldTypeAnIndexOrABattleMiscOverAnOrganizationReading() {
        List<ResolvedEntity> entities = resolve(ALL,
                "The/O", "Tarvic/ORGANIZATION", "Index/ORGANIZATION", "of/ORGANIZATION", "Retail/ORGANIZATION",
                "Prices/ORGANIZATION", "rose/O", "./O",
                "He/O", "fought/O", "at/O", "the/O", "Battle/ORGANIZATION", "of/ORGANIZATION", "Kessow/ORGANIZATION", "./O");

        assertTyped(entities, "Tarvic Index of Retail Prices", EntityType.MISC, EntityType.MISC);
        assertTyped(entities, "Battle of Kessow", EntityType.MISC, EntityType.MISC);
    }

    @Test
    void shouldTypeANameEndingInAPlaceHeadAPlaceOverAPersonReading() {
        String[] text = {"Hollis/PERSON", "Creek/PERSON", "flooded/O", "the/O", "road/O", "./O"};

        assertTyped(resolve(ALL, text), "Hollis Creek", EntityType.LOCATION, EntityType.LOCATION);
        assertTyped(resolve(NO_HEADS, text), "Hollis Creek", EntityType.PERSON, EntityType.PERSON);
    }

    @Test
    void shouldLeaveAPersonReadingOfAnOrganizationHeadAndAPlaceReadingOfAnEventHead() {
        List<ResolvedEntity> entities = resolve(ALL,
                "The/O", "Mara/PERSON", "Quint/PERSON", "Foundation/PERSON", "gave/O", "money/O", "./O",
                "The/O", "Dunmore/LOCATION", "Lantern/LOCATION", "Festival/LOCATION", "opened/O", "./O",
                "The/O", "Varesian/LOCATION", "Federation/LOCATION", "voted/O", "./O");

        assertTyped(entities, "Mara Quint Foundation", EntityType.PERSON, EntityType.PERSON);
        assertTyped(entities, "Dunmore Lantern Festival", EntityType.LOCATION, EntityType.LOCATION);
        // "federation" is a head only before "of": "Varesian Federation" may be a state
        assertTyped(entities, "Varesian Federation", EntityType.LOCATION, EntityType.LOCATION);
    }

    @Test
    void shouldTypeANameTheArticleCallsACityAPlaceInEveryMention() {
        String[] text = {"Quellport/ORGANIZATION", ":/O", "A/O", "quake/O", "struck/O", "./O",
                "It/O", "hit/O", "near/O", "the/O", "city/O", "of/O", "Quellport/ORGANIZATION", "./O"};

        assertTyped(resolve(ALL, text), "Quellport", EntityType.LOCATION, EntityType.LOCATION, EntityType.LOCATION);
        assertTyped(resolve(NO_CONTEXT, text), "Quellport", EntityType.ORGANIZATION, EntityType.ORGANIZATION,
                EntityType.ORGANIZATION);
    }

    @Test
    void shouldTypeANameTheArticleSaysIsAVillageAPlace() {
        List<ResolvedEntity> entities = resolve(ALL, "Tarnby/PERSON", "is/O", "a/O", "small/O", "village/O", "./O",
                "Tarnby/PERSON", "has/O", "a/O", "church/O", "./O");

        assertTyped(entities, "Tarnby", EntityType.LOCATION, EntityType.LOCATION, EntityType.LOCATION);
    }

    @Test
    void shouldNotReadAPlaceNounThatQualifiesAnotherNounAsSayingTheNameIsAPlace() {
        List<ResolvedEntity> entities = resolve(ALL, "Brannock/PERSON", "was/O", "a/O", "town/O", "councillor/O",
                "in/O", "Kent/LOCATION", "./O", "Brannock/PERSON", "retired/O", "./O");

        assertTyped(entities, "Brannock", EntityType.PERSON, EntityType.PERSON, EntityType.PERSON);
    }

    @Test
    void shouldTypeANameFollowedByACommaAndAPlaceAPlace() {
        String[] text = {"They/O", "flew/O", "from/O", "Ashcombe/PERSON", ",/O", "England/LOCATION", "./O"};

        assertTyped(resolve(ALL, text), "Ashcombe", EntityType.LOCATION, EntityType.LOCATION);
        assertTyped(resolve(NO_CONTEXT, text), "Ashcombe", EntityType.PERSON, EntityType.PERSON);
    }

    @Test
    void shouldNotReadAListOfNamesOrAPossessiveAsANameAndItsPlace() {
        List<ResolvedEntity> entities = resolve(ALL,
                "Gods/O", "such/O", "as/O", "Zorvan/PERSON", ",/O", "Hera/LOCATION", ",/O", "Poseidon/PERSON", "./O",
                "Kovar/ORGANIZATION", ",/O", "Japan/LOCATION", "'s/O", "biggest/O", "carmaker/O", ",/O", "grew/O", "./O");

        assertTyped(entities, "Zorvan", EntityType.PERSON, EntityType.PERSON);
        assertTyped(entities, "Kovar", EntityType.ORGANIZATION, EntityType.ORGANIZATION);
    }

    private static void assertTyped(List<ResolvedEntity> entities, String name, EntityType type, EntityType... mentionTypes) {
        assertThat(entities).as("entities %s", entities.stream().map(ResolvedEntity::name).toList())
                .filteredOn(e -> e.name().equals(name)).singleElement().satisfies(e -> {
                    assertThat(e.type()).as("type of %s", name).isEqualTo(type);
                    assertThat(e.mentions()).extracting(Mention::type).as("mention types of %s", name)
                            .containsExactly(mentionTypes);
                });
    }

    /** Tokens "word/LABEL" joined by spaces; a "." token ends a sentence. */
    private static List<ResolvedEntity> resolve(EntityResolver resolver, String... labelled) {
        StringBuilder text = new StringBuilder();
        List<TaggedSentence> sentences = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        for (String item : labelled) {
            int slash = item.lastIndexOf('/');
            String word = item.substring(0, slash);
            if (!text.isEmpty()) {
                text.append(' ');
            }
            int start = text.length();
            text.append(word);
            tokens.add(new Token(word, start, text.length(), item.substring(slash + 1)));
            if (word.equals(".")) {
                sentences.add(new TaggedSentence(tokens.get(0).start(), text.length(), tokens));
                tokens = new ArrayList<>();
            }
        }
        if (!tokens.isEmpty()) {
            sentences.add(new TaggedSentence(tokens.get(0).start(), text.length(), tokens));
        }
        return resolver.resolve(text.toString(), sentences);
    }
}
