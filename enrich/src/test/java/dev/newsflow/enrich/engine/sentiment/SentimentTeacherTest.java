package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.eval.DevSets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentTeacherTest {
    private static final TargetFeatures FEATURES = new TargetFeatures(new VaderScorer(Lexicon.news()));
    private static final int FOLDS = 3;
    /** Stands in for MiniLM: each piece's state depends on its id alone (no transformer in a unit test). */
    private static final StaticVectors.Encoder ENCODER = ids -> {
        float[][] h = new float[ids.length][StaticVectors.DIM];
        for (int i = 0; i < ids.length; i++) {
            for (int j = 0; j < StaticVectors.DIM; j++) {
                h[i][j] = (float) Math.sin(ids[i] * 0.37 + j);
            }
        }
        return h;
    };

    private static List<DevSets.TargetSentence> corpus() {
        String[] names = {"Smith", "Jones", "Brown", "Garcia", "Miller", "Davis"};
        String[] objects = {"the plan", "the bill", "the deal", "the team"};
        String[][] verbs = {{"slammed", "-1"}, {"met", "0"}, {"praised", "1"}};
        List<DevSets.TargetSentence> out = new ArrayList<>();
        for (String name : names) {
            for (String object : objects) {
                for (String[] verb : verbs) {
                    String s = name + " " + verb[0] + " " + object + " on Monday.";
                    out.add(new DevSets.TargetSentence(s, s, List.of(new DevSets.Target(0, name.length(), Integer.parseInt(verb[1])))));
                }
            }
        }
        return out;
    }

    private static SentimentTeacher teacher(List<DevSets.TargetSentence> train, int[] foldOf) {
        return new SentimentTeacher(ENCODER, FEATURES, train, foldOf, FOLDS, TargetModelTrainer.Params.defaults(), new double[] {0.5});
    }

    @Test
    void shouldScoreEachSentenceOnlyWithTeachersThatNeverSawItsFoldOrTheStudentsHeldOutFold() {
        List<DevSets.TargetSentence> train = corpus();
        int[] foldOf = TargetModelTrainer.foldsOf(train.size(), FOLDS);
        // the same corpus with fold 0's labels changed: teachers that never saw fold 0 must not notice
        List<DevSets.TargetSentence> relabelled = new ArrayList<>();
        for (int s = 0; s < train.size(); s++) {
            DevSets.TargetSentence t = train.get(s);
            DevSets.Target target = t.targets().get(0);
            relabelled.add(foldOf[s] != 0 ? t : new DevSets.TargetSentence(t.id(), t.sentence(),
                    List.of(new DevSets.Target(target.start(), target.end(), (target.polarity() + 2) % 3 - 1))));
        }
        SentimentTeacher a = teacher(train, foldOf);
        SentimentTeacher b = teacher(relabelled, foldOf);

        List<double[][]> finalA = a.probabilities(-1);
        List<double[][]> finalB = b.probabilities(-1);
        List<double[][]> heldOutA = a.probabilities(0);
        List<double[][]> heldOutB = b.probabilities(0);
        List<double[][]> otherA = a.probabilities(1);
        List<double[][]> otherB = b.probabilities(1);
        boolean finalMoved = false;
        boolean otherMoved = false;
        for (int s = 0; s < train.size(); s++) {
            assertThat(finalA.get(s)).as("sentence %d", s).isNotNull();
            if (foldOf[s] == 0) {
                // the final model's targets for fold 0 come from the teacher fitted without fold 0
                assertThat(finalB.get(s)[0]).containsExactly(finalA.get(s)[0]);
                // student fold 0 is held out: none of its sentences is fitted, so none is labelled
                assertThat(heldOutA.get(s)).isNull();
            } else {
                finalMoved |= !java.util.Arrays.equals(finalA.get(s)[0], finalB.get(s)[0]);
                // for student fold 0, every teacher left fold 0 out
                assertThat(heldOutB.get(s)[0]).containsExactly(heldOutA.get(s)[0]);
            }
            if (foldOf[s] == 2) {
                // for student fold 1, fold 2 is scored by the teacher fitted on fold 0 alone
                otherMoved |= !java.util.Arrays.equals(otherA.get(s)[0], otherB.get(s)[0]);
            }
        }
        // the relabelling is visible to the teachers that saw fold 0, so the equalities above can fail
        assertThat(finalMoved).isTrue();
        assertThat(otherMoved).isTrue();
    }

    @Test
    void shouldFindTheNamesTheGoldTargetsLeaveOutButNotTheSentencesFirstWordDaysOrArticles() {
        String s = "Hillary Clinton blamed the Democratic National Committee, Facebook and The New York Times on Monday.";
        DevSets.TargetSentence sentence = new DevSets.TargetSentence("1", s, List.of(new DevSets.Target(0, 15, -1)));
        List<DevSets.Target> names = SentimentTeacher.otherNames(List.of(sentence)).get(0).targets();
        assertThat(names).extracting(t -> s.substring(t.start(), t.end()))
                .containsExactly("Democratic National Committee", "Facebook", "New York Times");
        DevSets.TargetSentence opening = new DevSets.TargetSentence("2", "Critics met Smith.", List.of(new DevSets.Target(12, 17, 0)));
        assertThat(SentimentTeacher.otherNames(List.of(opening)).get(0).targets()).isEmpty();
    }

    @Test
    void shouldLearnTheToyLabelsInItsOwnCrossValidation() {
        List<DevSets.TargetSentence> train = corpus();
        SentimentTeacher teacher = teacher(train, TargetModelTrainer.foldsOf(train.size(), FOLDS));
        assertThat(teacher.crossValidated().macroF1()).isGreaterThan(0.9);
        assertThat(teacher.alphas()).containsExactly(0.5);
    }
}
