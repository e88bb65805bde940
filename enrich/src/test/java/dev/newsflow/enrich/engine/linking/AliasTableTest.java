package dev.newsflow.enrich.engine.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.enrich.engine.NewsEngine.EntityType;
import dev.newsflow.enrich.engine.ner.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasTableTest {
    private static final AliasTable TABLE = AliasTable.builtIn();

    private static List<Token> tokens(String... words) {
        List<Token> out = new ArrayList<>();
        int pos = 0;
        for (String w : words) {
            out.add(new Token(w, pos, pos + w.length(), "O"));
            pos += w.length() + 1;
        }
        return out;
    }

    @Test
    void shouldFindAcronymsAndDemonyms() {
        List<AliasTable.Match> m = TABLE.find(tokens("British", "jets", "strike", "IS", "in", "Syria", "with", "EU", "support"));
        assertThat(m).extracting(x -> x.entry().canonical()).containsExactly("Britain", "Islamic State", "Syria", "European Union");
        assertThat(m.get(1).entry().type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(m.get(1).fullForm()).isFalse();
    }

    @Test
    void shouldPreferTheLongestForm() {
        List<AliasTable.Match> m = TABLE.find(tokens("the", "Islamic", "State", "of", "Iraq", "and", "the", "Levant", "said"));
        assertThat(m).hasSize(1);
        assertThat(m.get(0).from()).isEqualTo(1);
        assertThat(m.get(0).to()).isEqualTo(8);
        assertThat(m.get(0).fullForm()).isTrue();
    }

    @Test
    void shouldNotReadShoutedWordsAsAcronyms() {
        assertThat(TABLE.find(tokens("THIS", "IS", "WHO", "WE", "ARE"))).isEmpty();
        assertThat(TABLE.find(tokens("is", "Is", "who"))).isEmpty();
    }

    @Test
    void shouldAddAndReplaceEntriesFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aliases.tsv");
        Files.writeString(file, "# extra\nAcme Corporation\tORGANIZATION\tAcme Corporation|Acme Corp.\tACME\n"
                + "Islamic State\tORGANIZATION\tIslamic State\tDaesh\n");
        AliasTable table = AliasTable.builtInPlus(file);
        assertThat(table.size()).isEqualTo(TABLE.size() + 1);
        assertThat(table.find(tokens("ACME", "said"))).extracting(x -> x.entry().canonical()).containsExactly("Acme Corporation");
        assertThat(table.find(tokens("IS", "said"))).isEmpty();
    }

    @Test
    void shouldNameTheLineOfABadEntry() {
        assertThatThrownBy(() -> AliasTable.parse("Acme\tCOMPANY\tAcme\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1").hasMessageContaining("COMPANY");
    }
}
