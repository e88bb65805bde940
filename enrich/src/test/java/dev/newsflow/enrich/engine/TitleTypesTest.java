package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.NewsEngine.Mention;
import dev.newsflow.enrich.engine.linking.ResolvedEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The title-types rule: an entity retyped as its Wikipedia title's coarse type says. */
class TitleTypesTest {
    private static final String TEXT = "Kessow won. Kessow fans cheered. Kessowian flags flew.";

    private static ResolvedEntity kessow(EntityType type) {
        return new ResolvedEntity("Kessow", type, List.of(new Mention(0, 6, "Kessow", type),
                new Mention(12, 18, "Kessow", type), new Mention(33, 42, "Kessowian", EntityType.MISC)));
    }

    @Test
    void shouldRetypeAPlaceTheTitleNamesAnOrganizationWithTheMentionsThatCarriedItsType() {
        ResolvedEntity retyped = CoreNlpNewsEngine.byTitle(kessow(EntityType.LOCATION), EntityType.ORGANIZATION);

        assertThat(retyped.type()).isEqualTo(EntityType.ORGANIZATION);
        // the demonym-like MISC mention keeps its own type
        assertThat(retyped.mentions()).extracting(Mention::type)
                .containsExactly(EntityType.ORGANIZATION, EntityType.ORGANIZATION, EntityType.MISC);
        assertThat(TEXT.substring(33, 42)).isEqualTo("Kessowian");
    }

    @Test
    void shouldRetypeAMiscEntityTheTitleNamesAPlace() {
        ResolvedEntity retyped = CoreNlpNewsEngine.byTitle(kessow(EntityType.MISC), EntityType.LOCATION);

        assertThat(retyped.type()).isEqualTo(EntityType.LOCATION);
        assertThat(retyped.mentions()).extracting(Mention::type)
                .containsExactly(EntityType.LOCATION, EntityType.LOCATION, EntityType.LOCATION);
    }

    @Test
    void shouldNeverRetypeAPersonNorAnEntityWhoseTitleSaysNothing() {
        ResolvedEntity person = kessow(EntityType.PERSON);
        ResolvedEntity place = kessow(EntityType.LOCATION);

        assertThat(CoreNlpNewsEngine.byTitle(person, EntityType.ORGANIZATION)).isSameAs(person);
        assertThat(CoreNlpNewsEngine.byTitle(place, null)).isSameAs(place);
        assertThat(CoreNlpNewsEngine.byTitle(place, EntityType.LOCATION)).isSameAs(place);
    }
}
