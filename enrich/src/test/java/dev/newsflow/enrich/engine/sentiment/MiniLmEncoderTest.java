package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trainer's transformer runs give the same states, hence the same distilled vectors, on every run. */
class MiniLmEncoderTest {
    @Test
    void shouldGiveOneStateOf384PerInputPieceTheSameOnEveryRun() {
        Map<String, Integer> vocabulary = StaticVectors.vocabulary();
        long[] ids = {101, vocabulary.get("praised"), vocabulary.get("the"), vocabulary.get("plan"), 102};
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            float[][] first = encoder.states(ids);
            float[][] second = encoder.states(ids);
            assertThat(first).hasNumberOfRows(5);
            assertThat(first[0]).hasSize(StaticVectors.DIM);
            for (int i = 0; i < first.length; i++) {
                assertThat(second[i]).containsExactly(first[i]);
            }
            // contextual: "praised" reads differently before "the plan" than alone
            float[] alone = encoder.states(new long[] {101, vocabulary.get("praised"), 102})[1];
            assertThat(alone).isNotEqualTo(first[1]);
        }
    }

    @Test
    void shouldDistilTheSameCorpusVectorsTwice() {
        List<String> sentences = List.of("Critics slammed the mayor.", "The mayor was praised for the plan.");
        StaticVectors.Table fallback = StaticVectors.Table.miniLm();
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
                StaticVectors.CorpusStates states = new StaticVectors.CorpusStates(encoder, StaticVectors.vocabulary(), sentences,
                        new int[] {0, 0}, 1);
                runs[run] = states.table(fallback, 2, -1).vectors().get("mayor");
            }
        }
        assertThat(runs[1]).containsExactly(runs[0]);
        assertThat(runs[0]).isNotEqualTo(fallback.vectors().get("mayor"));
    }
}
