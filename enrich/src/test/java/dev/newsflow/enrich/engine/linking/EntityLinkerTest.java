package dev.newsflow.enrich.engine.linking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.linking.EntityLinker.Link;
import dev.newsflow.enrich.engine.linking.EntityLinker.Signals;
import dev.newsflow.linkdict.WikiDictCompactor;
import dev.newsflow.linkdict.WikiDictionary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Disambiguation cases (surnames, namesakes, acronyms, demonyms, ambiguous cities) on a small
 * dictionary written here in the source's format (surface, title, share of the surface's links),
 * so each case shows one signal at work.
 */
class EntityLinkerTest {
    private static final String ROWS = """
            David Cameron\tDavid_Cameron\t0.99
            Cameron\tCameron\t0.368
            James Cameron\tJames_Cameron\t1.0
            Paris Hilton\tParis_Hilton\t1.0
            Paris\tParis\t0.94
            City of Light\tParis\t1.0
            Paris, Texas\tParis,_Texas\t1.0
            Paris, Ontario\tParis,_Ontario\t1.0
            Washington\tWashington\t0.64
            George Washington\tGeorge_Washington\t0.97
            Washington DC\tWashington,_D.C.\t1.0
            DC\tWashington,_D.C.\t0.5
            Washington State\tWashington_(state)\t1.0
            NATO\tNATO\t0.98
            North Atlantic Treaty Organization\tNATO\t1.0
            Islamic State\tIslamic_State_of_Iraq\t0.9
            IS\tIceland\t0.4
            Russia\tRussia\t0.95
            Russian\tRussian_language\t0.57
            Jordan\tJordan\t0.7
            Michael Jordan\tMichael_Jordan\t0.98
            Jordan River\tJordan_River\t1.0
            Renzi\tRick_Renzi\t1.0
            Matteo Renzi\tMatteo_Renzi\t1.0
            Matteo\tMatteo_(given_name)\t1.0
            Renzi\tRenzi_(surname)\t1.0
            Kessow\tKessow_Rovers_F.C.\t0.9
            Tarnby\tTarnby_River\t1.0
            Quellport\tQuellport\t1.0
            """;

    private static final WikiDictionary DICTIONARY = dictionary();

    private static WikiDictionary dictionary() {
        try {
            byte[] bytes = WikiDictCompactor.compact(new ByteArrayInputStream(ROWS.getBytes(StandardCharsets.UTF_8)),
                    new WikiDictCompactor.Settings(0.3, 1, 48)).bytes();
            return WikiDictionary.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entity whose mentions are the given texts, found in order in the text. */
    private static ResolvedEntity entity(String text, String name, EntityType type, String... mentions) {
        List<Mention> out = new ArrayList<>();
        int from = 0;
        for (String m : mentions) {
            int at = text.indexOf(m, from);
            if (at < 0) {
                at = text.indexOf(m);
            }
            boolean demonym = type != EntityType.MISC && m.endsWith("n") && !m.equals(name) && !name.contains(m);
            out.add(new Mention(at, at + m.length(), m, demonym ? EntityType.MISC : type));
            from = at + m.length();
        }
        return new ResolvedEntity(name, type, out);
    }

    private static Link linkOne(EntityLinker linker, String text, ResolvedEntity e) {
        return linker.link(text, List.of(e)).get(0);
    }

    @Test
    void aSurnameAfterTheFullNameLinksToThePersonNotTheSurnamePage() {
        String text = "David Cameron set out his case. Cameron said Britain should act. Cameron also offered a base.";
        ResolvedEntity e = entity(text, "David Cameron", EntityType.PERSON, "David Cameron", "Cameron", "Cameron");
        Link link = linkOne(new EntityLinker(DICTIONARY), text, e);
        assertThat(link.id()).isEqualTo("David_Cameron");
        assertThat(link.confidence()).isGreaterThan(0.9);
        // Looked up by its most frequent form alone, the same entity goes to the page titled Cameron, under the threshold.
        assertThat(linkOne(new EntityLinker(DICTIONARY, Signals.ALL.without("fullForm"), 0.5), text, e)).isNull();
        assertThat(linkOne(new EntityLinker(DICTIONARY, Signals.ALL.without("fullForm").without("threshold"), 0.5), text, e).id())
                .isEqualTo("Cameron");
    }

    @Test
    void aLoneSurnameTheDictionaryGivesToANamesakeStaysWithTheFullNameTheArticleUses() {
        String text = "Italian Prime Minister Matteo Renzi offered only vague support. Renzi met Hollande in Paris.";
        ResolvedEntity matteo = entity(text, "Matteo Renzi", EntityType.PERSON, "Matteo Renzi", "Renzi");
        assertThat(linkOne(new EntityLinker(DICTIONARY), text, matteo).id()).isEqualTo("Matteo_Renzi");
    }

    @Test
    void namesakesOfDifferentTypesGoToTheirOwnTitles() {
        String text = "Paris Hilton flew to Paris. Michael Jordan visited Jordan.";
        EntityLinker linker = new EntityLinker(DICTIONARY);
        List<Link> links = linker.link(text, List.of(
                entity(text, "Paris Hilton", EntityType.PERSON, "Paris Hilton"),
                entity(text, "Paris", EntityType.LOCATION, "Paris"),
                entity(text, "Michael Jordan", EntityType.PERSON, "Michael Jordan"),
                entity(text, "Jordan", EntityType.LOCATION, "Jordan")));
        assertThat(links).extracting(Link::id).containsExactly("Paris_Hilton", "Paris", "Michael_Jordan", "Jordan");
    }

    @Test
    void aPersonNeverLinksToAPlaceTitle() {
        // "Washington" as a person: the place titles (D.C., the state) are not candidates; only the untyped page stays.
        String text = "Washington said the vote would pass.";
        ResolvedEntity person = entity(text, "Washington", EntityType.PERSON, "Washington");
        EntityLinker typed = new EntityLinker(DICTIONARY, Signals.ALL.without("threshold"), 0.5);
        assertThat(linkOne(typed, text, person).id()).isEqualTo("Washington");
        ResolvedEntity place = entity("Washington State", "Washington State", EntityType.PERSON, "Washington State");
        assertThat(linkOne(typed, "Washington State", place)).isNull();
        EntityLinker untyped = new EntityLinker(DICTIONARY, Signals.ALL.without("threshold").without("types"), 0.5);
        assertThat(linkOne(untyped, "Washington State", place).id()).isEqualTo("Washington_(state)");
    }

    @Test
    void anAcronymResolvesThroughTheArticlesLongForm() {
        String text = "The Islamic State group claimed it. Strikes against IS continued. IS lost ground.";
        ResolvedEntity is = entity(text, "Islamic State", EntityType.ORGANIZATION, "Islamic State", "IS", "IS");
        assertThat(linkOne(new EntityLinker(DICTIONARY), text, is).id()).isEqualTo("Islamic_State_of_Iraq");
        String nato = "The North Atlantic Treaty Organization met. NATO said so.";
        ResolvedEntity e = entity(nato, "North Atlantic Treaty Organization", EntityType.ORGANIZATION,
                "North Atlantic Treaty Organization", "NATO");
        assertThat(linkOne(new EntityLinker(DICTIONARY), nato, e).id()).isEqualTo("NATO");
    }

    @Test
    void aDemonymMentionOfACountryLinksTheCountryAndALoneDemonymNeverTheLanguage() {
        String text = "Russia vowed to cooperate. A Russian jetliner was bombed.";
        ResolvedEntity russia = entity(text, "Russia", EntityType.LOCATION, "Russia", "Russian");
        assertThat(russia.mentions().get(1).type()).isEqualTo(EntityType.MISC);
        assertThat(linkOne(new EntityLinker(DICTIONARY), text, russia).id()).isEqualTo("Russia");
        ResolvedEntity alone = entity("A Russian jetliner.", "Russian", EntityType.MISC, "Russian");
        assertThat(linkOne(new EntityLinker(DICTIONARY), "A Russian jetliner.", alone)).isNull();
    }

    @Test
    void anAmbiguousCityFollowsTheArticlesWords() {
        String texas = "Paris is a city in Lamar County, Texas. The Paris mayor spoke to Texas reporters.";
        String france = "Hollande met Renzi in Paris, the French capital.";
        EntityLinker linker = new EntityLinker(DICTIONARY);
        assertThat(linkOne(linker, texas, entity(texas, "Paris", EntityType.LOCATION, "Paris", "Paris")).id())
                .isEqualTo("Paris,_Texas");
        assertThat(linkOne(linker, france, entity(france, "Paris", EntityType.LOCATION, "Paris")).id()).isEqualTo("Paris");
        EntityLinker noContext = new EntityLinker(DICTIONARY, Signals.ALL.without("context"), 0.5);
        assertThat(linkOne(noContext, texas, entity(texas, "Paris", EntityType.LOCATION, "Paris", "Paris")).id())
                .isEqualTo("Paris");
    }

    @Test
    void aNameTheDictionaryDoesNotKnowStaysUnlinked() {
        String text = "Norrvik Systems cut 400 jobs.";
        assertThat(linkOne(new EntityLinker(DICTIONARY), text,
                entity(text, "Norrvik Systems", EntityType.ORGANIZATION, "Norrvik Systems"))).isNull();
    }

    @Test
    void theBaselineTakesTheSurfacesMostFrequentTitle() {
        assertThat(EntityLinker.mostFrequentTitle(DICTIONARY, "Cameron").id()).isEqualTo("Cameron");
        assertThat(EntityLinker.mostFrequentTitle(DICTIONARY, "Unknown Name")).isNull();
    }

    @Test
    void theTitlesTypeSaysWhetherAnEntityIsAnOrganizationOrAPlace() {
        EntityLinker linker = new EntityLinker(DICTIONARY);
        String text = "Kessow beat the visitors. Boats sailed up the Tarnby to Quellport.";
        Link club = linkOne(linker, text, entity(text, "Kessow", EntityType.LOCATION, "Kessow"));
        Link river = linkOne(linker, text, entity(text, "Tarnby", EntityType.ORGANIZATION, "Tarnby"));
        Link town = linkOne(linker, text, entity(text, "Quellport", EntityType.ORGANIZATION, "Quellport"));

        assertThat(linker.typeOfTitle(club)).isEqualTo(EntityType.ORGANIZATION);
        assertThat(linker.typeOfTitle(river)).isEqualTo(EntityType.LOCATION);
        // a title of no clear type (a bare name) says nothing, nor does no link
        assertThat(linker.typeOfTitle(town)).isNull();
        assertThat(linker.typeOfTitle(null)).isNull();
    }
}
