package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Annotation;
import dev.newsflow.enrich.engine.NewsEngine.Document;
import dev.newsflow.enrich.engine.NewsEngine.EntityAnnotation;
import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Entities on the Hollande sample article: joining, aliases, offsets, junk. */
class NewsEngineEntitiesTest {
    private static String text;
    private static Annotation annotation;

    @BeforeAll
    static void annotateSample() {
        text = SharedEngine.resource("hollande-moscow-coalition.txt");
        annotation = SharedEngine.get().annotate(new Document("hollande", "Hollande takes his coalition bid to Moscow",
                text, null, List.of()));
    }

    private static EntityAnnotation entity(String name) {
        Optional<EntityAnnotation> found = annotation.entities().stream().filter(e -> e.name().equals(name)).findFirst();
        assertThat(found).as("entity %s in %s", name, annotation.entities().stream().map(EntityAnnotation::name).toList())
                .isPresent();
        return found.get();
    }

    private static List<String> mentionTexts(EntityAnnotation e) {
        return e.mentions().stream().map(Mention::text).toList();
    }

    @Test
    void shouldJoinSurnameMentionsToTheFullName() {
        EntityAnnotation hollande = entity("Francois Hollande");
        assertThat(hollande.type()).isEqualTo(EntityType.PERSON);
        assertThat(mentionTexts(hollande)).containsExactly("Francois Hollande", "Hollande", "Hollande", "Hollande",
                "Hollande", "Hollande");
        assertThat(mentionTexts(entity("David Cameron"))).containsExactly("David Cameron", "Cameron", "Cameron");
        assertThat(mentionTexts(entity("Vladimir Putin"))).contains("Vladimir Putin", "Putin");
    }

    @Test
    void shouldJoinNameWithParticleWrittenInOtherCase() {
        assertThat(mentionTexts(entity("Ursula von der Leyen"))).containsExactly("Ursula von der Leyen", "Von der Leyen");
    }

    @Test
    void shouldJoinIsMentionsToIslamicState() {
        EntityAnnotation is = annotation.entities().stream().filter(e -> e.name().startsWith("Islamic State"))
                .findFirst().orElseThrow();
        assertThat(is.type()).isEqualTo(EntityType.ORGANIZATION);
        long isMentions = is.mentions().stream().filter(m -> m.text().equals("IS")).count();
        assertThat(isMentions).isEqualTo(text.split("\\bIS\\b", -1).length - 1);
        assertThat(annotation.entities()).noneMatch(e -> e.name().contains("claimed"));
    }

    @Test
    void shouldJoinDemonymsAndAcronymsToTheirEntity() {
        assertThat(mentionTexts(entity("Britain"))).contains("Britain", "British");
        assertThat(mentionTexts(entity("France"))).contains("France", "French");
        assertThat(mentionTexts(entity("European Union"))).containsExactly("EU");
        assertThat(mentionTexts(entity("United States"))).containsExactly("US");
    }

    @Test
    void shouldFindEveryPersonPlaceAndOrganization() {
        assertThat(annotation.entities()).extracting(EntityAnnotation::name).contains("Francois Hollande", "Vladimir Putin",
                "David Cameron", "Ursula von der Leyen", "Matteo Renzi", "Barack Obama", "Kremlin", "Moscow", "Paris",
                "Egypt", "Iraq", "Syria", "Cyprus", "Berlin", "Germany", "Mali", "Washington", "Russia");
    }

    @Test
    void shouldGiveOffsetsThatIndexTheOriginalText() {
        for (EntityAnnotation e : annotation.entities()) {
            for (Mention m : e.mentions()) {
                assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
            }
        }
        assertThat(annotation.sentences()).allSatisfy(s -> assertThat(s.end()).isGreaterThan(s.start()));
    }

    @Test
    void shouldNotMakeEntitiesOfPageJunk() {
        int junkStart = text.indexOf("COMMERCIAL BREAK");
        int junkEnd = text.indexOf("READING") + "READING".length();
        assertThat(annotation.entities()).flatExtracting(EntityAnnotation::mentions)
                .noneMatch(m -> m.start() < junkEnd && m.end() > junkStart);
        assertThat(annotation.sentences()).noneMatch(s -> s.start() < junkEnd && s.end() > junkStart);
    }

    @Test
    void shouldRankTheArticlesSubjectMostSalient() {
        assertThat(annotation.entities().get(0).name()).isEqualTo("Francois Hollande");
        double total = annotation.entities().stream().mapToDouble(EntityAnnotation::salience).sum();
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(entity("Francois Hollande").salience()).isGreaterThan(entity("Mali").salience());
    }

    @Test
    void shouldDropPronouns() {
        assertThat(annotation.entities()).flatExtracting(EntityAnnotation::mentions).extracting(Mention::text)
                .doesNotContain("He", "She", "he", "she", "It", "They");
    }
}
