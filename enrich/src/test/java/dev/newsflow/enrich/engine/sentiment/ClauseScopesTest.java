package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClauseScopesTest {

    /** The scopes of a sentence as text, joined by " | ". */
    private static String scopes(String sentence) {
        List<TargetFeatures.Tok> toks = TargetFeatures.tokens(sentence);
        int[] starts = ClauseScopes.starts(toks);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < starts.length; k++) {
            int from = toks.get(starts[k]).start();
            int to = k + 1 < starts.length ? toks.get(starts[k + 1]).start() : sentence.length();
            out.add(sentence.substring(from, to).trim());
        }
        return String.join(" | ", out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            contrast with while      # Critics slammed Trump for his handling of the crisis, while Biden was praised. # Critics slammed Trump for his handling of the crisis, | while Biden was praised.
            contrast with but        # Biden was praised, but Trump was slammed. # Biden was praised, | but Trump was slammed.
            contrast with whereas    # Smith won the election, whereas Jones suffered a defeat. # Smith won the election, | whereas Jones suffered a defeat.
            fronted subordinate      # Although Smith was praised, Jones was mocked. # Although Smith was praised, | Jones was mocked.
            semicolon                # Smith won the vote; Jones lost his seat. # Smith won the vote; | Jones lost his seat.
            two full clauses on and  # Smith was cheered and Jones was mocked. # Smith was cheered | and Jones was mocked.
            names joined by and      # Smith and Jones were praised for their courage. # Smith and Jones were praised for their courage.
            objects joined by and    # Voters applauded Smith and Jones for their courage. # Voters applauded Smith and Jones for their courage.
            short side stays joined  # Smith lost, but bravely. # Smith lost, but bravely.
            participle after a comma # Ireland won the title on Saturday, beating Scotland 27-24. # Ireland won the title on Saturday, | beating Scotland 27-24.
            preposition in -ing      # Smith spoke on Monday, during a rally in Ohio. # Smith spoke on Monday, during a rally in Ohio.
            no clause break          # Smith said Jones was a corrupt liar. # Smith said Jones was a corrupt liar.
            """)
    void shouldSplitASentenceIntoTheClausesThatGovernItsNames(String name, String sentence, String expected) {
        assertThat(scopes(sentence)).isEqualTo(expected);
    }
}
