package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class DictionaryAliasesTest {

    @Test
    void resolvesASurnameNoArticleUsedThroughTheBundledDictionaryOnceLoaded() {
        AliasCandidates aliases = DictionaryAliases.of(new SinkConfig(Map.of()));

        assertThat(aliases).isInstanceOf(DictionaryAliases.class);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(((DictionaryAliases) aliases)::ready);
        assertThat(aliases.titles("Putin")).contains("Vladimir_Putin");
        assertThat(aliases.titles("NATO")).first().isEqualTo("NATO");
        assertThat(aliases.titles("Qzxv Wqpl")).isEmpty();
    }

    @Test
    void findsNothingWhenTheDictionaryIsTurnedOff() {
        AliasCandidates aliases = DictionaryAliases.of(new SinkConfig(Map.of(SinkConfig.ENTITY_ALIAS_DICTIONARY, "false")));

        assertThat(aliases).isSameAs(AliasCandidates.NONE);
        assertThat(aliases.titles("Putin")).isEmpty();
    }
}
