package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A company named in full, then by the first word(s) of its name, with the real tagger. */
class NewsEngineOrganizationNamesTest {

    private static List<EntityAnnotation> entities(String text) {
        return SharedEngine.get().annotate(new Document("orgs", null, text, "en", List.of())).entities();
    }

    private static EntityAnnotation entity(List<EntityAnnotation> entities, String name) {
        Optional<EntityAnnotation> found = entities.stream().filter(e -> e.name().equals(name)).findFirst();
        assertThat(found).as("entity %s in %s", name, entities.stream().map(EntityAnnotation::name).toList()).isPresent();
        return found.get();
    }

    private static List<String> mentionTexts(EntityAnnotation e) {
        return e.mentions().stream().map(Mention::text).toList();
    }

    @Test
    void shouldJoinACompanysShortNameToItsFullName() {
        // the tagger labels the short "Norrvik" PERSON
        List<EntityAnnotation> entities = entities("Stockholm: Norrvik Systems, the Swedish maker of workplace software, "
                + "said on Tuesday it would cut about 1,200 jobs. Chief executive Johanna Lindqvist said the assistant, "
                + "called Compass, could draft reports. Norrvik said Compass met the European Union (EU) rules on "
                + "artificial intelligence.");

        EntityAnnotation norrvik = entity(entities, "Norrvik Systems");
        assertThat(norrvik.type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(mentionTexts(norrvik)).containsExactly("Norrvik Systems", "Norrvik");
        assertThat(entities).extracting(EntityAnnotation::name).doesNotContain("Norrvik");
    }

    @Test
    void shouldJoinAShortNameLeavingOffSeveralDesignators() {
        List<EntityAnnotation> entities = entities("Toyota Motor Corp raised its profit forecast on Wednesday. "
                + "Toyota said a weaker yen had lifted earnings.");

        assertThat(mentionTexts(entity(entities, "Toyota Motor Corp"))).containsExactly("Toyota Motor Corp", "Toyota");
    }

    @Test
    void shouldTypeACompanyAsAnOrganizationWhenTheTaggerReadsItsNameAsAPersons() {
        // the tagger labels "Marden Vale Water" and three of the four "Marden Vale" PERSON
        List<EntityAnnotation> entities = entities("London: The High Court ruled on Wednesday that Marden Vale Water was "
                + "liable for repeated sewage flooding of hundreds of homes in Kent. \"For years Marden Vale told us it "
                + "was the weather,\" said Daniel Hughes. The judge also ordered Marden Vale to complete £60 million of "
                + "upgrades. Marden Vale, which is owned by a consortium of Canadian and Australian investors, said it "
                + "was \"disappointed\".");

        EntityAnnotation company = entity(entities, "Marden Vale Water");
        assertThat(company.type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(mentionTexts(company)).containsExactly("Marden Vale Water", "Marden Vale", "Marden Vale", "Marden Vale");
        assertThat(entity(entities, "Kent").type()).isEqualTo(EntityType.LOCATION);
    }

    @Test
    void shouldNotJoinAPlaceToAnOrganizationNamedAfterIt() {
        List<EntityAnnotation> entities = entities("Alaska Airlines cancelled 200 flights on Monday as snowstorms swept "
                + "across Alaska. Roads in Alaska were closed.");

        assertThat(mentionTexts(entity(entities, "Alaska Airlines"))).containsExactly("Alaska Airlines");
        EntityAnnotation alaska = entity(entities, "Alaska");
        assertThat(alaska.type()).isEqualTo(EntityType.LOCATION);
        assertThat(mentionTexts(alaska)).containsExactly("Alaska", "Alaska");
    }

    @Test
    void shouldNotJoinAPersonsSurnameToTheCompanyNamedAfterThem() {
        List<EntityAnnotation> entities = entities("James Dyson founded Dyson Ltd in 1991. "
                + "Dyson said he was proud of the new factory.");

        assertThat(mentionTexts(entity(entities, "Dyson Ltd"))).containsExactly("Dyson Ltd");
        assertThat(mentionTexts(entity(entities, "James Dyson"))).containsExactly("James Dyson", "Dyson");
    }

    @Test
    void shouldKeepASurnameApartFromTheCompanyEvenWhenTheTaggerLabelsItAnOrganization() {
        // the tagger labels "Ford, 67," ORGANIZATION: its label does not tell the person from the company
        List<EntityAnnotation> entities = entities("Bill Ford, the chairman of Ford Motor Company, will retire next year. "
                + "Ford, 67, told reporters he was proud of his family's company.");

        assertThat(mentionTexts(entity(entities, "Ford Motor Company"))).containsExactly("Ford Motor Company");
    }

    @Test
    void shouldNotJoinANameAfterAPersonalTitleToACompany() {
        List<EntityAnnotation> entities = entities("Dyson Ltd opened a factory in Singapore. "
                + "Mr Dyson said the plant would make motors.");

        assertThat(mentionTexts(entity(entities, "Dyson Ltd"))).containsExactly("Dyson Ltd");
    }

    @Test
    void shouldNotJoinAShortNameThatCouldBeEitherOfTwoCompanies() {
        List<EntityAnnotation> entities = entities("Norrvik Systems and Norrvik Energy, two companies founded by the "
                + "same family, reported results on Monday. Norrvik said sales had risen.");

        assertThat(mentionTexts(entity(entities, "Norrvik Systems"))).containsExactly("Norrvik Systems");
        assertThat(mentionTexts(entity(entities, "Norrvik Energy"))).containsExactly("Norrvik Energy");
    }
}
