package dev.newsflow.sink.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityKeysTest {

    @Test
    void shouldNormalizeCaseWhiteSpaceAndCompatibilityForms() {
        assertThat(EntityKeys.key("  Vladimir\u00A0 PUTIN ", "PERSON")).isEqualTo("vladimir putin|PERSON");
        assertThat(EntityKeys.normalize("ＥＵ")).isEqualTo("eu");
    }

    @Test
    void shouldPartitionEveryTypeOfANameTogether() {
        for (int partitions = 1; partitions <= 12; partitions++) {
            assertThat(EntityKeys.partition("washington|PERSON", partitions))
                    .isEqualTo(EntityKeys.partition("washington|LOCATION", partitions))
                    .isEqualTo(EntityKeys.partition(EntityKeys.key("Washington", ""), partitions));
        }
    }

    @Test
    void shouldSpreadNamesOverPartitions() {
        long used = java.util.stream.IntStream.range(0, 100)
                .map(i -> EntityKeys.partition("entity " + i + "|MISC", 6)).distinct().count();
        assertThat(used).isEqualTo(6);
    }

    @Test
    void shouldKeyLinkedEntitiesByIdAndOthersByNameAndType() {
        assertThat(EntityKeys.key("Vladimir_Putin", "Putin", "PERSON")).isEqualTo("Vladimir_Putin");
        assertThat(EntityKeys.key(null, "Putin", "PERSON")).isEqualTo("putin|PERSON");
        assertThat(EntityKeys.key(" ", "Putin", "PERSON")).as("a blank id is no link").isEqualTo("putin|PERSON");
        assertThat(EntityKeys.key("a|b", "Putin", "PERSON")).as("no title holds '|'").isEqualTo("putin|PERSON");
        assertThat(EntityKeys.id("Vladimir_Putin")).isEqualTo("Vladimir_Putin");
        assertThat(EntityKeys.id("putin|PERSON")).isNull();
    }

    @Test
    void shouldFoldCaseAccentsUnderscoresAndSpacesInSurfaceForms() {
        assertThat(EntityKeys.surface(" François  HOLLANDE ")).isEqualTo("francois hollande");
        assertThat(EntityKeys.surface("Francois_Hollande")).isEqualTo("francois hollande");
        assertThat(EntityKeys.surface("Zürich")).isEqualTo(EntityKeys.surface("zurich"));
        assertThat(EntityKeys.lastToken("francois hollande")).isEqualTo("hollande");
        assertThat(EntityKeys.lastToken("hollande")).isNull();
    }
}
