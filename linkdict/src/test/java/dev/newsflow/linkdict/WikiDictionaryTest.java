package dev.newsflow.linkdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.linkdict.WikiDictionary.Candidate;
import dev.newsflow.linkdict.WikiDictionary.TitleType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compactor and the reader on a small hand-written dictionary in the source's format. */
class WikiDictionaryTest {
    // Rows grouped by title, as in the source file: surface TAB title TAB share of the surface's links.
    private static final String ROWS = """
            Dave Cameron\tDavid_Cameron\t1.0
            David Cameron\tDavid_Cameron\t0.99
            Cameron\tCameron_(surname)\t0.4
            Cameron\tCameron\t0.368
            David\tDavid_(name)\t0.5
            Paris, Texas\tParis,_Texas\t1.0
            Paris\tParis\t0.94
            paris\tParis\t0.92
            PARIS\tParis\t0.9
            City of Light\tParis\t1.0
            Renzi\tRick_Renzi\t1.0
            Matteo Renzi\tMatteo_Renzi\t1.0
            Matteo\tMatteo_(given_name)\t1.0
            Rick\tRick_(given_name)\t1.0
            Renzi\tRenzi_(surname)\t1.0
            Washington State\tWashington_(state)\t1.0
            Washington DC\tWashington,_D.C.\t1.0
            D.C.\tWashington,_D.C.\t0.71
            US capital\tWashington,_D.C.\t1.0
            http://en.wikipedia.org/wiki/Washington\tWashington\t1.0
            Washington\tWashington\t0.64
            Images for Washington from Wikipedia.org\tWashington\t1.0
            NATO\tNATO\t0.98
            The North Atlantic Alliance\tNATO\t0.21
            Foo, Texas\tFoo,_Texas\t1.0
            Bar, Texas\tBar,_Texas\t1.0
            Labour\tLabour_Party_(UK)\t0.55
            Kremlin\tKremlin\t0.58
            """;

    private static WikiDictionary dictionary(WikiDictCompactor.Settings settings) throws IOException {
        WikiDictCompactor.Result r = WikiDictCompactor.compact(
                new ByteArrayInputStream(ROWS.getBytes(StandardCharsets.UTF_8)), settings);
        return WikiDictionary.read(new ByteArrayInputStream(r.bytes()));
    }

    private static final WikiDictCompactor.Settings LOOSE = new WikiDictCompactor.Settings(0.3, 1, 48);

    @Test
    void surfaceLinksToTheTitleMostOfItsLinksGoTo() throws IOException {
        List<Candidate> c = dictionary(LOOSE).candidates("Matteo Renzi");
        assertThat(c).extracting(Candidate::title).containsExactly("Matteo_Renzi");
        assertThat(c.get(0).prior()).isEqualTo(1.0);
    }

    @Test
    void qualifiedTitlesShareTheRestOfTheProbabilityBestFirst() throws IOException {
        List<Candidate> c = dictionary(LOOSE).candidates("Washington");
        assertThat(c).extracting(Candidate::title)
                .containsExactly("Washington", "Washington,_D.C.", "Washington_(state)");
        assertThat(c.get(0).prior()).isCloseTo(0.64, org.assertj.core.data.Offset.offset(0.01));
        // Washington,_D.C. has more anchor texts than Washington_(state): it gets more of the remaining 0.36.
        assertThat(c.get(1).prior()).isGreaterThan(c.get(2).prior());
        assertThat(c.stream().mapToDouble(Candidate::prior).sum()).isLessThanOrEqualTo(1.0001);
    }

    @Test
    void namePagesAreNeverCandidatesButTeachGivenNamesAndSurnames() throws IOException {
        WikiDictionary d = dictionary(LOOSE);
        assertThat(d.candidates("Cameron")).extracting(Candidate::title).containsExactly("Cameron");
        assertThat(d.type("Cameron_(surname)")).isNull();
        // "Matteo" has a given-name page and "Renzi" a surname page: Matteo_Renzi is a person.
        assertThat(d.type("Matteo_Renzi")).isEqualTo(TitleType.PERSON);
    }

    @Test
    void titlesTakeCoarseTypesFromQualifiersCommaPartsAndHeads() throws IOException {
        WikiDictionary d = dictionary(LOOSE);
        assertThat(d.type("Washington_(state)")).isEqualTo(TitleType.PLACE);
        assertThat(d.type("Labour_Party_(UK)")).isEqualTo(TitleType.ORGANIZATION);
        assertThat(d.type("Kremlin")).isEqualTo(TitleType.OTHER);
        assertThat(d.type("No_such_title")).isNull();
    }

    @Test
    void aCommaPartQualifyingManyTitlesMakesThemPlaces() throws IOException {
        WikiDictCompactor.Result r = WikiDictCompactor.compact(
                new ByteArrayInputStream(ROWS.getBytes(StandardCharsets.UTF_8)), LOOSE);
        // Three titles end in ",_Texas", under the 30 the build requires: no place from the comma part here.
        WikiDictionary d = WikiDictionary.read(new ByteArrayInputStream(r.bytes()));
        assertThat(d.type("Paris,_Texas")).isEqualTo(TitleType.OTHER);
        TitleTypes typer = new TitleTypes(java.util.Set.of(), java.util.Set.of(), java.util.Map.of("Texas", 3), 3);
        assertThat(typer.type("Paris,_Texas")).isEqualTo(TitleType.PLACE);
    }

    @Test
    void noiseSurfacesAndLowSharesArePrunedAtBuildTime() throws IOException {
        WikiDictionary d = dictionary(LOOSE);
        assertThat(d.candidates("http://en.wikipedia.org/wiki/Washington")).isEmpty();
        assertThat(d.candidates("Images for Washington from Wikipedia.org")).isEmpty();
        assertThat(d.candidates("paris")).isEmpty(); // no capital: not a name in running text
        assertThat(d.candidates("The North Atlantic Alliance")).isEmpty(); // 0.21 < 0.3
    }

    @Test
    void titlesWithTooFewSurfacesArePrunedAtBuildTime() throws IOException {
        WikiDictionary d = dictionary(new WikiDictCompactor.Settings(0.3, 2, 48));
        assertThat(d.candidates("Matteo Renzi")).isEmpty();
        assertThat(d.candidates("Dave Cameron")).extracting(Candidate::title).containsExactly("David_Cameron");
    }

    @Test
    void capitalsAndALeadingTheAreTriedInTheirOtherForms() throws IOException {
        WikiDictionary d = dictionary(LOOSE);
        assertThat(d.candidates("PARIS").get(0).title()).isEqualTo("Paris");
        assertThat(d.candidates("the Kremlin").get(0).title()).isEqualTo("Kremlin");
        assertThat(d.candidates("NATO").get(0).title()).isEqualTo("NATO");
        assertThat(d.candidates("  ")).isEmpty();
    }

    @Test
    void aFileThatIsNotADictionaryIsRefusedWithAPlainReason() {
        assertThatThrownBy(() -> WikiDictionary.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .hasMessageContaining("not a NewsFlow Wikipedia dictionary");
    }
}
