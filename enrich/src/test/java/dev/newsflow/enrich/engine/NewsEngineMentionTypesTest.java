package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mention typed as what it is, with the real tagger: the tagger's correct types are kept. */
class NewsEngineMentionTypesTest {

    private static Annotation annotate(String text) {
        return SharedEngine.get().annotate(Document.of("t", text));
    }

    private static List<Mention> mentions(Annotation a) {
        return a.entities().stream().flatMap(e -> e.mentions().stream()).toList();
    }

    private static Mention mention(Annotation a, String text) {
        return mentions(a).stream().filter(m -> m.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no mention '" + text + "' in " + mentions(a)));
    }

    private static EntityAnnotation entityOf(Annotation a, Mention m) {
        return a.entities().stream().filter(e -> e.mentions().contains(m)).findFirst().orElseThrow();
    }

    @Test
    void shouldTypeADemonymMiscAndLinkItToItsCountry() {
        Annotation a = annotate("The French government protested. France recalled its ambassador from Syria, "
                + "and Syrian officials said nothing.");
        Mention french = mention(a, "French");
        assertThat(french.type()).isEqualTo(EntityType.MISC);
        assertThat(entityOf(a, french).name()).isEqualTo("France");
        assertThat(entityOf(a, french).type()).isEqualTo(EntityType.LOCATION);
        assertThat(mention(a, "France").type()).isEqualTo(EntityType.LOCATION);
        assertThat(mention(a, "Syrian").type()).isEqualTo(EntityType.MISC);
        assertThat(entityOf(a, mention(a, "Syrian")).name()).isEqualTo("Syria");
    }

    @Test
    void shouldTagDatelinesAndResultsWrittenInCapitals() {
        Annotation a = annotate("MOSCOW (Reuters) -\nANAHEIM AT BUFFALO\nRussian officials met the French envoy in Moscow "
                + "on Tuesday, the Kremlin said.");
        assertThat(mentions(a)).extracting(Mention::text).contains("MOSCOW", "BUFFALO");
    }

    @Test
    void shouldTagAWholeEnglishArticleThatOpensWithForeignNames() {
        // The first thousand characters alone read as Italian.
        String names = ("Squadra: Gianluigi Buffon, Alessandro Nesta, Fabio Cannavaro, Gennaro Gattuso, Andrea Pirlo, "
                + "Francesco Totti, Alessandro Del Piero, Filippo Inzaghi, Luca Toni, Gianluca Zambrotta, Mauro Camoranesi.\n")
                .repeat(6);
        String english = "The squad was named by the coach on Monday. It is the team that he wants to take to the "
                + "tournament in Germany, and he said that he was happy with the players who have been chosen for it. "
                + "Buffon will be the captain of the side, as he was in the last two years.\n";
        Annotation a = annotate(names + english.repeat(3));
        assertThat(a.skippedReason()).isNull();
        assertThat(a.language()).isEqualTo("en");
        assertThat(mentions(a)).extracting(Mention::text).contains("Francesco Totti", "Germany");
    }

    @Test
    void shouldTypeInstitutionsIndicesAndBattlesByTheirHeadWords() {
        Annotation a = annotate("The quake was recorded by the Canadian Geological Survey, and the Seismological "
                + "Institute of Chile counted 40 aftershocks. Prices rose 3 per cent, according to the Retail Index "
                + "of Consumer Prices. The park stands where the Battle of Kessow was fought.");

        assertThat(mention(a, "Canadian Geological Survey").type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(mention(a, "Seismological Institute of Chile").type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(mention(a, "Retail Index of Consumer Prices").type()).isEqualTo(EntityType.MISC);
        assertThat(mention(a, "Battle of Kessow").type()).isEqualTo(EntityType.MISC);
    }

    @Test
    void shouldTypeATownTheArticleCallsATownAPlaceInEveryMention() {
        Annotation a = annotate("Tarbes: Floods swept through the town of Tarbes on Sunday, and rescuers said the "
                + "water in Tarbes rose two metres overnight.");

        Mention first = mention(a, "Tarbes");
        assertThat(entityOf(a, first).type()).isEqualTo(EntityType.LOCATION);
        assertThat(entityOf(a, first).mentions()).extracting(Mention::type).containsOnly(EntityType.LOCATION);
    }
}
