package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetFeaturesTest {
    private static final TargetFeatures FEATURES = new TargetFeatures(new VaderScorer(Lexicon.news()));

    private static Map<String, Double> toward(String sentence, String target) {
        int start = sentence.indexOf(target);
        return FEATURES.extract(sentence, start, start + target.length());
    }

    @Test
    void shouldMarkWordsInANegationScopeUpToThePunctuation() {
        Map<String, Double> f = toward("Smith is not honest, and Jones is honest.", "Smith");
        assertThat(f).containsKey("c=!honest").doesNotContainKey("c=honest");
        assertThat(f).containsKey("s=honest").containsKey("s=!honest");
        assertThat(f).containsKey("neg_vc-");
    }

    @Test
    void shouldFlipTheTargetClauseValenceUnderNegation() {
        assertThat(toward("Smith is honest.", "Smith")).containsKey("vc+");
        assertThat(toward("Smith is not honest.", "Smith")).containsKey("vc-").doesNotContainKey("vc+");
    }

    @Test
    void shouldTellWhichTargetIsNegated() {
        String s = "Voters did not trust Smith, but Jones won.";
        assertThat(toward(s, "Smith")).containsKey("target_negated");
        assertThat(toward(s, "Jones")).doesNotContainKey("target_negated");
    }

    @Test
    void shouldRecogniseTheTargetAsTheSpeakerOfReportedSpeech() {
        assertThat(toward("According to Smith, the plan is a disaster.", "Smith")).containsKey("speech=according");
        assertThat(toward("Smith said the plan is a disaster.", "Smith")).containsKey("speech=x_said")
                .containsKey("speech_vs-");
        assertThat(toward("The plan is a disaster, said Smith.", "Smith")).containsKey("speech=said_x");
        assertThat(toward("The plan by Smith is a disaster.", "Smith")).doesNotContainKeys("speech=according",
                "speech=x_said", "speech=said_x");
    }

    @Test
    void shouldSeparateTheAgentFromThePatientOfANegativeVerb() {
        String s = "Smith attacked Jones.";
        assertThat(toward(s, "Smith")).containsKey("agent_vr-").doesNotContainKey("patient_vl-");
        assertThat(toward(s, "Jones")).containsKey("patient_vl-").doesNotContainKey("agent_vr-");
    }

    @Test
    void shouldReadAPassiveSubjectAsThePatientAndTheByPhraseAsTheAgent() {
        String s = "Smith was criticized by Jones.";
        assertThat(toward(s, "Smith")).containsKey("patient_pass_vr-").doesNotContainKey("agent_vr-");
        assertThat(toward(s, "Jones")).containsKey("agent_by_vl-");
    }

    @Test
    void shouldKeepTheTargetsSideOfAContrastApartFromTheOtherSide() {
        String s = "Smith is brilliant, but Jones is a liar.";
        assertThat(toward(s, "Jones")).containsKeys("contrast_after", "contrast_same-", "contrast_other+");
        assertThat(toward(s, "Smith")).containsKeys("contrast_before", "contrast_same+", "contrast_other-");
    }

    @Test
    void shouldAttributeValenceToTheNearestName() {
        String s = "Yesterday Smith met Jones, the lying senator.";
        assertThat(toward(s, "Smith")).containsKeys("other_names=1", "v_own0", "v_foreign-");
        assertThat(toward(s, "Jones")).containsKeys("other_names=1", "v_own-", "v_foreign0");
        assertThat(toward("Smith is a liar.", "Smith")).containsKey("other_names=0").doesNotContainKey("v_foreign-");
    }

    @Test
    void shouldWeighNearerWordsMoreInTheDistanceWeightedFeatures() {
        Map<String, Double> f = toward("Smith met the angry mob near the old bridge.", "Smith");
        assertThat(f.get("Rq=mob")).isGreaterThan(f.get("Rq=bridge"));
        assertThat(toward("Smith is a disaster.", "Smith").get("vd-"))
                .isGreaterThan(toward("Smith met the people who say that the plan is a disaster.", "Smith").get("vd-"));
    }

    @Test
    void shouldLeaveTheTargetsOwnWordsOut() {
        Map<String, Double> f = toward("Honest Abe met the press.", "Honest Abe");
        assertThat(f.keySet()).noneMatch(k -> k.endsWith("=honest") || k.endsWith("=abe"));
    }
}
