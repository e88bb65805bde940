package dev.newsflow.enrich.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Sentiment;
import dev.newsflow.enrich.engine.eval.DevSets;
import dev.newsflow.enrich.engine.ner.NerTagger;
import dev.newsflow.enrich.engine.sentiment.Lexicon;
import dev.newsflow.enrich.engine.sentiment.VaderScorer;
import java.util.List;
import dev.newsflow.enrich.engine.eval.Evaluation;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality floors on the development sets, a little under what the engine reaches, so that a
 * regression fails the build. The figures themselves are printed by EngineEvaluation (bench).
 */
class DevSetQualityTest {
    private static Map<String, Evaluation.Recall> gum;
    private static Evaluation.Confusion rw;
    private static Evaluation.Confusion mt;
    private static Evaluation.SampleCheck sample;
    private static Evaluation.Confusion rwVader;
    private static Evaluation.Confusion mtVader;
    private static Map<String, Evaluation.Recall> bareTagger;

    @BeforeAll
    static void evaluate() {
        NewsEngine engine = SharedEngine.get();
        List<DevSets.GoldArticle> gumSet = DevSets.gum(DevSets.lines(
                DevSetQualityTest.class.getResourceAsStream("/engine/gum-news-entities.jsonl"), "gum"));
        gum = Evaluation.gumRecall(engine, gumSet);
        bareTagger = Evaluation.gumRecallBareTagger(new NerTagger(), gumSet);
        List<DevSets.TargetSentence> rwSet = DevSets.newsMtsc(DevSets.lines(
                DevSetQualityTest.class.getResourceAsStream("/engine/newsmtsc-rw-dev.jsonl"), "rw"));
        List<DevSets.TargetSentence> mtSet = DevSets.newsMtsc(DevSets.lines(
                DevSetQualityTest.class.getResourceAsStream("/engine/newsmtsc-mt-dev.jsonl"), "mt"));
        rw = Evaluation.newsMtsc(engine, rwSet);
        mt = Evaluation.newsMtsc(engine, mtSet);
        VaderScorer vader = new VaderScorer(Lexicon.vader());
        rwVader = Evaluation.newsMtsc(rwSet, (s, t) -> Sentiment.of(vader.compound(s.sentence())).label());
        mtVader = Evaluation.newsMtsc(mtSet, (s, t) -> Sentiment.of(vader.compound(s.sentence())).label());
        sample = Evaluation.hollande(engine, SharedEngine.resource("hollande-moscow-coalition.txt"));
        System.out.print(Evaluation.report(gum, rw, mt, sample));
        System.out.print(Evaluation.recallTable("The bare tagger on GUM:", bareTagger));
        System.out.printf("VADER on the whole sentence: rw macro-F1 %.3f, mt %.3f%n", rwVader.macroF1(), mtVader.macroF1());
    }

    @Test
    void shouldFindMostGumEntitiesOfEachType() {
        // reached: ALL 0.988, LOCATION 1.000, ORGANIZATION 0.984, PERSON 0.981 (the bare tagger: the same)
        assertThat(gum.get("ALL").recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(gum.get("LOCATION").recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(gum.get("ORGANIZATION").recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(gum.get("PERSON").recall()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldMostlyAgreeWithGumOnEntityTypes() {
        // reached: typed recall 0.835 (the bare tagger 0.830; ORGANIZATION 0.789 against 0.772)
        assertThat(gum.get("ALL").typedRecall()).isGreaterThanOrEqualTo(0.83);
    }

    @Test
    void shouldTypeAtLeastAsManyGumEntitiesRightAsTheBareTaggerItWraps() {
        for (String type : List.of("ALL", "LOCATION", "ORGANIZATION", "PERSON")) {
            assertThat(gum.get(type).typed()).as(type).isGreaterThanOrEqualTo(bareTagger.get(type).typed());
        }
    }

    @Test
    void shouldReachTargetedSentimentFloorsOnNewsMtsc() {
        // reached: rw 0.737, mt 0.680 with the target model's SIF-weighted piece means (plain means 0.726, 0.686;
        // input-table vectors alone 0.715, 0.669; before static word vectors 0.709, 0.649; before clause scopes 0.704, 0.645)
        assertThat(rw.macroF1()).isGreaterThanOrEqualTo(0.725);
        assertThat(mt.macroF1()).isGreaterThanOrEqualTo(0.672);
    }

    @Test
    void shouldBeatTheLexiconBaselineOnTargetedSentiment() {
        // VADER on the whole sentence reaches about 0.51 (rw) and 0.53 (mt)
        assertThat(rw.macroF1()).isGreaterThan(rwVader.macroF1() + 0.15);
        assertThat(mt.macroF1()).isGreaterThan(mtVader.macroF1() + 0.09);
    }

    @Test
    void shouldPassTheHollandeSampleChecks() {
        assertThat(sample.passed()).as(sample.toString()).isTrue();
    }
}
