package dev.newsflow.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatelinesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "colon | Moscow: Russia vowed today to cooperate. | Moscow | Russia vowed today to cooperate.",
            "agency and dash | PARIS (AFP) - The president said. | Paris | The president said.",
            "em dash | WASHINGTON \u2014 Senators voted. | Washington | Senators voted.",
            "date after place | LONDON, March 14 (Reuters) - Shares fell. | London | Shares fell.",
            "two words | New Delhi: Rains hit the city. | New Delhi | Rains hit the city.",
    })
    void shouldSplitTheDatelineFromTheBody(String behaviour, String body, String dateline, String rest) {
        Datelines.Split split = Datelines.split(body);

        assertThat(split.dateline()).isEqualTo(dateline);
        assertThat(split.body()).isEqualTo(rest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ordinary sentence | Russia vowed today to cooperate.",
            "update label | Update: The road has reopened.",
            "lower-case start | the minister said: nothing.",
            "quote | \"We are ready,\" Putin said.",
    })
    void shouldLeaveBodiesWithoutDatelineAlone(String behaviour, String body) {
        Datelines.Split split = Datelines.split(body);

        assertThat(split.dateline()).isNull();
        assertThat(split.body()).isEqualTo(body);
    }
}
