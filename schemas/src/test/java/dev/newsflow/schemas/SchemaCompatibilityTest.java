package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.schemas.avro.Article;
import dev.newsflow.schemas.avro.EnrichedArticle;
import dev.newsflow.sink.avro.AliasEvent;
import dev.newsflow.sink.avro.EntityAliases;
import dev.newsflow.sink.avro.EntityArticle;
import dev.newsflow.sink.avro.EntityEvent;
import dev.newsflow.sink.avro.EntityIndex;
import dev.newsflow.sink.avro.EntitySentimentWindow;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds each current schema against its released versions. To change a schema, add the
 * field with a default, then release it as the next {@code history/<Name>/vN.avsc}.
 */
class SchemaCompatibilityTest {

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("Article", Article.getClassSchema()),
                Arguments.of("EnrichedArticle", EnrichedArticle.getClassSchema()),
                // The sink's output topics (news.entities.*), and its internal repartition and store records,
                // which a rolling upgrade or a restore reads back in an older version.
                Arguments.of("EntityIndex", EntityIndex.getClassSchema()),
                Arguments.of("EntityEvent", EntityEvent.getClassSchema()),
                Arguments.of("AliasEvent", AliasEvent.getClassSchema()),
                Arguments.of("EntityAliases", EntityAliases.getClassSchema()),
                Arguments.of("EntityArticle", EntityArticle.getClassSchema()),
                Arguments.of("EntitySentimentWindow", EntitySentimentWindow.getClassSchema()));
    }

    @ParameterizedTest(name = "{0}: current reads every released version and each reads current")
    @MethodSource("schemas")
    void shouldBeCompatibleBothWaysWithEveryReleasedVersion(String name, Schema current) {
        List<Schema> released = SchemaHistory.versions(name);
        assertThat(released).as("released versions of %s", name).isNotEmpty();
        for (Schema old : released) {
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                    .as("current %s reads records written by %s", name, old)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
                    .as("released %s reads records written by current", name)
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{0}: the current schema is released")
    @MethodSource("schemas")
    void shouldHaveCurrentSchemaReleasedAsNewestVersion(String name, Schema current) {
        List<Schema> released = SchemaHistory.versions(name);
        Schema newest = released.get(released.size() - 1);

        assertThat(SchemaNormalization.parsingFingerprint64(newest))
                .as("%s changed: copy src/main/avro/%s.avsc to history/%s/v%d.avsc", name, name, name, released.size() + 1)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }
}
