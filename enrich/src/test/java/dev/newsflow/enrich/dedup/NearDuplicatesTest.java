package dev.newsflow.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.enrich.dedup.DuplicatePairs.Kind;
import dev.newsflow.enrich.dedup.DuplicatePairs.Pair;
import dev.newsflow.enrich.dedup.DuplicatePairs.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {
    private final NearDuplicates detector = NearDuplicates.defaults();

    @Test
    void shouldIgnoreCaseLineBreaksQuoteStylesAndPunctuationInShingles() {
        String a = "The “harbour” authority voted on Tuesday — to close the old ferry terminal.";
        String b = "the \"harbour\" authority\nvoted on TUESDAY -- to close the old ferry\r\n\r\nterminal";

        assertThat(Shingles.of(a)).isEqualTo(Shingles.of(b)).hasSize(9);
    }

    @Test
    void shouldMeasureSimilarityAsSharedOverTheShorterSet() {
        int[] big = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] contained = {2, 3, 4, 5};

        assertThat(NearDuplicates.similarity(contained, big)).isEqualTo(1.0);
        assertThat(NearDuplicates.jaccard(contained, big)).isEqualTo(0.5);
        assertThat(NearDuplicates.similarity(new int[] {1, 9}, big)).isEqualTo(0.5);
        assertThat(NearDuplicates.similarity(new int[0], big)).isZero();
    }

    @Test
    void shouldLeaveTextsTooShortToCompareOutOfMatching() {
        NearDuplicates.Fingerprint tiny = detector.fingerprint("Ferry to close, the harbour authority says.");

        assertThat(tiny.comparable()).isFalse();
        assertThat(detector.matches(tiny, tiny)).isFalse();
    }

    @Test
    void shouldGiveTheSameBandKeysToTheSameTextAndFewToAnUnrelatedOne() throws IOException {
        List<Source> gum = gum();
        NearDuplicates.Fingerprint a = detector.fingerprint(gum.get(0).text());
        NearDuplicates.Fingerprint again = detector.fingerprint(gum.get(0).text());
        NearDuplicates.Fingerprint other = detector.fingerprint(gum.get(1).text());

        assertThat(a.bandKeys()).hasSize(NearDuplicates.DEFAULT_BANDS).isEqualTo(again.bandKeys());
        assertThat(detector.matches(a, again)).isTrue();
        assertThat(detector.matches(a, other)).isFalse();
    }

    @Test
    void shouldVerifyLongTextsOnACappedSampleOfTheSameShingles() {
        List<String> words = java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> "word" + i).toList();
        NearDuplicates.Fingerprint fingerprint = detector.fingerprint(String.join(" ", words));
        NearDuplicates.Fingerprint shorter = detector.fingerprint(String.join(" ", words.subList(0, 800)));

        assertThat(fingerprint.rate()).isEqualTo(16);
        assertThat(fingerprint.sample().length).isBetween(NearDuplicates.SAMPLE_CAP / 4, NearDuplicates.SAMPLE_CAP * 2);
        assertThat(java.util.Arrays.stream(fingerprint.sample()).allMatch(h -> (h & 15) == 0)).isTrue();
        assertThat(shorter.rate()).isEqualTo(8);
        assertThat(NearDuplicates.verifiedSimilarity(shorter, fingerprint)).isGreaterThan(0.9);
        assertThat(detector.fingerprint("a few words only, far fewer than the cap of the sample").rate()).isEqualTo(1);
    }

    /**
     * Floors on a slice: the pair set generated from the 22 Wikinews articles of GUM (CC BY, in
     * the test resources). The whole-set figures come from bench/run.sh DuplicateEvaluation.
     */
    @Test
    void shouldHoldPrecisionAndRecallFloorsOnPairsBuiltFromWikinewsArticles() throws IOException {
        List<Pair> pairs = DuplicatePairs.generate(gum(), 16);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        Map<Kind, Integer> matched = new EnumMap<>(Kind.class);
        for (Pair pair : pairs) {
            boolean match = detector.matches(detector.fingerprint(pair.first()), detector.fingerprint(pair.second()));
            if (match) {
                matched.merge(pair.kind(), 1, Integer::sum);
            }
            if (pair.copy() && match) {
                tp++;
            } else if (pair.copy()) {
                fn++;
            } else if (match) {
                fp++;
            }
        }
        double precision = (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);

        assertThat(pairs).hasSizeGreaterThan(200);
        assertThat(precision).as("precision; matched per kind %s", matched).isGreaterThanOrEqualTo(0.97);
        assertThat(recall).as("recall; matched per kind %s", matched).isGreaterThanOrEqualTo(0.95);
        assertThat(matched.getOrDefault(Kind.HEADLINE, 0)).isEqualTo(22);
        assertThat(matched.getOrDefault(Kind.NEAREST_OTHER, 0)).isZero();
    }

    static List<Source> gum() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Source> sources = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                NearDuplicatesTest.class.getResourceAsStream("/engine/gum-news-entities.jsonl")), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                List<String> paragraphs = Arrays.stream(node.get("text").asText().split("\n"))
                        .map(String::strip).filter(p -> !p.isEmpty()).toList();
                // The first two lines are the headline and the date: the body starts after them.
                sources.add(new Source(node.get("id").asText(), "wikinews", paragraphs.subList(2, paragraphs.size())));
            }
        }
        return sources;
    }
}
