package dev.newsflow.enrich.engine.linking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine;
import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.ner.TaggedSentence;
import dev.newsflow.enrich.engine.ner.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The type a joined entity gets from the tagger's per-mention types, on hand-labelled tokens. */
class EntityTypeDecisionTest {
    private static final String BREAK = "\n";
    private final EntityResolver resolver = new EntityResolver(AliasTable.builtIn());

    @Test
    void shouldKeepAPersonTheTaggerFoundUnderAPlaceNameOfTheAliasTable() {
        List<ResolvedEntity> entities = resolve("Jordan/PERSON", "scored/O", "twice/O", "./O");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntityType.PERSON);
            assertThat(e.mentions()).extracting(NewsEngine.Mention::type).containsExactly(EntityType.PERSON);
        });
    }

    @Test
    void shouldKeepTheTaggersMentionTypesWhereTheEntityTypeDiffers() {
        List<ResolvedEntity> entities = resolve(
                "Boston/LOCATION", "won/O", "./O",
                "Boston/ORGANIZATION", "lost/O", "./O");

        assertThat(entities).singleElement().satisfies(e ->
                assertThat(e.mentions()).extracting(NewsEngine.Mention::type)
                        .containsExactly(EntityType.LOCATION, EntityType.ORGANIZATION));
    }

    @Test
    void shouldTypeTheSurnameOfAPersonNamedInFullAsAPerson() {
        List<ResolvedEntity> entities = resolve(
                "Michael/PERSON", "Jordan/PERSON", "won/O", "./O",
                "Kowalczyk/PERSON", "Brandt/PERSON", "left/O", "./O",
                "Brandt/ORGANIZATION", "said/O", "so/O", "./O");

        assertThat(entities).filteredOn(e -> e.name().equals("Kowalczyk Brandt")).singleElement().satisfies(e ->
                assertThat(e.mentions()).extracting(NewsEngine.Mention::type).containsExactly(EntityType.PERSON, EntityType.PERSON));
    }

    @Test
    void shouldTypeDemonymMentionsMiscOfTheirCountry() {
        List<ResolvedEntity> entities = resolve("French/MISC", "troops/O", "left/O", "France/LOCATION", "./O");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("France");
            assertThat(e.type()).isEqualTo(EntityType.LOCATION);
            assertThat(e.mentions()).extracting(NewsEngine.Mention::type).containsExactly(EntityType.MISC, EntityType.LOCATION);
        });
    }

    @Test
    void shouldTypeAFullNameAsPersonWhenThreeOfFourMentionsSayPerson() {
        List<ResolvedEntity> entities = resolve(
                "Starry/ORGANIZATION", "Lee/ORGANIZATION", "spoke/O", "./O",
                "Starry/PERSON", "Lee/PERSON", "won/O", "./O",
                "Starry/PERSON", "Lee/PERSON", "left/O", "./O",
                "Starry/PERSON", "Lee/PERSON", "smiled/O", "./O");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Starry Lee");
            assertThat(e.type()).isEqualTo(EntityType.PERSON);
            assertThat(e.mentions()).hasSize(4);
        });
    }

    @Test
    void shouldLetAClearMajorityOverrideTheFirstMention() {
        List<ResolvedEntity> entities = resolve(
                "Youngspiration/ORGANIZATION", "won/O", "./O",
                "Youngspiration/PERSON", "spoke/O", "./O",
                "Youngspiration/PERSON", "left/O", "./O",
                "Youngspiration/PERSON", "smiled/O", "./O");

        assertThat(entities).singleElement().extracting(ResolvedEntity::type).isEqualTo(EntityType.PERSON);
    }

    @Test
    void shouldKeepTheFirstMentionTypeWithoutAClearMajority() {
        List<ResolvedEntity> entities = resolve(
                "Youngspiration/ORGANIZATION", "won/O", "./O",
                "Youngspiration/PERSON", "spoke/O", "./O",
                "Youngspiration/PERSON", "left/O", "./O");

        assertThat(entities).singleElement().extracting(ResolvedEntity::type).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void shouldPreferThePersonReadingOfAFullNameOnATie() {
        List<ResolvedEntity> entities = resolve(
                "DAB/O", "'s/O", "Starry/ORGANIZATION", "Lee/ORGANIZATION", "won/O", "./O",
                "Starry/PERSON", "Lee/PERSON", "left/O", "./O");

        assertThat(entities).singleElement().extracting(ResolvedEntity::type).isEqualTo(EntityType.PERSON);
    }

    @Test
    void shouldTrustAnExactlyLabelledMentionOverOneCutFromARunOnSpan() {
        List<ResolvedEntity> entities = resolve(
                "Claudia/ORGANIZATION", "Mo/ORGANIZATION", "of/ORGANIZATION", "Civic/ORGANIZATION", "Party/ORGANIZATION",
                BREAK, "Wong/ORGANIZATION", "Kwok/ORGANIZATION", "-/ORGANIZATION", "kin/ORGANIZATION", "of/ORGANIZATION",
                "FTU/ORGANIZATION", BREAK,
                "Paul/PERSON", "Tse/PERSON", "and/O", "Wong/PERSON", "Kwok/PERSON", "-/PERSON", "kin/PERSON", "won/O", "./O");

        assertThat(entities).filteredOn(e -> e.name().startsWith("Wong")).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(EntityType.PERSON);
                    assertThat(e.mentions()).hasSize(2);
                });
    }

    @Test
    void shouldNotJoinAPlaceToAPersonWithTheSameSurname() {
        List<ResolvedEntity> entities = resolve(
                "George/PERSON", "Washington/PERSON", "spoke/O", "./O",
                "He/O", "flew/O", "to/O", "Washington/LOCATION", "./O");

        assertThat(entities).extracting(ResolvedEntity::name, ResolvedEntity::type)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("George Washington", EntityType.PERSON),
                        org.assertj.core.groups.Tuple.tuple("Washington", EntityType.LOCATION));
    }

    @Test
    void shouldKeepTheAliasTableTypeForAnAliasEntity() {
        List<ResolvedEntity> entities = resolve(
                "Islamic/MISC", "State/MISC", "struck/O", "./O",
                "IS/ORGANIZATION", "fled/O", "./O");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Islamic State");
            assertThat(e.type()).isEqualTo(EntityType.ORGANIZATION);
        });
    }

    @Test
    void shouldTypeACountryAsAnOrganizationWhenTheTaggerReadsAMentionOfItAsOne() {
        List<ResolvedEntity> entities = resolve(
                "North/LOCATION", "Korea/LOCATION", "fired/O", "./O",
                "Seoul/LOCATION", "warned/O", "the/O", "DPRK/ORGANIZATION", "./O",
                "North/LOCATION", "Korea/LOCATION", "replied/O", "./O");

        assertThat(entities).filteredOn(e -> e.name().equals("North Korea")).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntityType.ORGANIZATION);
            assertThat(e.mentions()).extracting(m -> m.text()).containsExactly("North Korea", "DPRK", "North Korea");
        });
    }

    @Test
    void shouldKeepACountryAPlaceWhenTheTaggerReadsItOnlyAsAPlaceOrADemonym() {
        List<ResolvedEntity> entities = resolve(
                "North/LOCATION", "Korea/LOCATION", "fired/O", "./O",
                "North/MISC", "Korean/MISC", "troops/O", "left/O", "./O",
                "DPRK/LOCATION", "replied/O", "./O");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("North Korea");
            assertThat(e.type()).isEqualTo(EntityType.LOCATION);
            assertThat(e.mentions()).hasSize(3);
        });
    }

    @Test
    void shouldIgnoreAnOrganizationReadingOfACountryCutFromALongerLabelledRun() {
        List<ResolvedEntity> entities = resolve(
                "North/LOCATION", "Korea/LOCATION", "fired/O", "./O",
                "DPRK/ORGANIZATION", "-/ORGANIZATION", "backed/ORGANIZATION", "units/O", "left/O", "./O");

        assertThat(entities).filteredOn(e -> e.name().equals("North Korea")).singleElement()
                .extracting(ResolvedEntity::type).isEqualTo(EntityType.LOCATION);
    }

    @Test
    void shouldNotLetAPlaceReadingRetypeAnOrganizationEntry() {
        List<ResolvedEntity> entities = resolve(
                "Kremlin/LOCATION", "aides/O", "spoke/O", "./O",
                "Kremlin/ORGANIZATION", "denied/O", "it/O", "./O");

        assertThat(entities).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("Kremlin");
            assertThat(e.type()).isEqualTo(EntityType.ORGANIZATION);
        });
    }

    @Test
    void shouldTypeANameEndingInABusinessNounAsAnOrganizationWhenTheTaggerReadsItAsAPersons() {
        List<ResolvedEntity> entities = resolve(
                "Marden/PERSON", "Vale/PERSON", "Water/PERSON", "was/O", "fined/O", "./O",
                "Marden/PERSON", "Vale/PERSON", "Water/PERSON", "appealed/O", "./O");

        assertThat(entities).singleElement().extracting(ResolvedEntity::type).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void shouldKeepAPlaceWhoseNameEndsInABusinessNounAPlace() {
        List<ResolvedEntity> entities = resolve(
                "Troops/O", "left/O", "the/O", "West/LOCATION", "Bank/LOCATION", "./O");

        assertThat(entities).singleElement().extracting(ResolvedEntity::type).isEqualTo(EntityType.LOCATION);
    }

    /** "word/LABEL" tokens, one sentence each ending at "."; BREAK puts a line break before the next token. */
    private List<ResolvedEntity> resolve(String... labelled) {
        StringBuilder text = new StringBuilder();
        List<TaggedSentence> sentences = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        String separator = "";
        for (String item : labelled) {
            if (item.equals(BREAK)) {
                separator = "\n";
                continue;
            }
            int slash = item.lastIndexOf('/');
            String word = item.substring(0, slash);
            text.append(separator);
            int start = text.length();
            text.append(word);
            tokens.add(new Token(word, start, text.length(), item.substring(slash + 1)));
            separator = " ";
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
