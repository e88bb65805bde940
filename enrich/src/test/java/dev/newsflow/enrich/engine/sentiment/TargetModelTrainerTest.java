package dev.newsflow.enrich.engine.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrich.engine.NewsEngine.Label;
import dev.newsflow.enrich.engine.eval.DevSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TargetModelTrainerTest {
    private static final TargetFeatures FEATURES = new TargetFeatures(new VaderScorer(Lexicon.news()));

    /** Sentences whose target's label follows the verb: praised / met / slammed, with varied names and objects. */
    private static List<DevSets.TargetSentence> toyCorpus() {
        String[] names = {"Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore"};
        String[] objects = {"the plan", "the bill", "the board", "the deal", "the team"};
        String[][] verbs = {{"slammed", "-1"}, {"met", "0"}, {"praised", "1"}};
        List<DevSets.TargetSentence> out = new ArrayList<>();
        for (String name : names) {
            for (String object : objects) {
                for (String[] verb : verbs) {
                    String s = name + " " + verb[0] + " " + object + " on Monday.";
                    out.add(new DevSets.TargetSentence(s, s,
                            List.of(new DevSets.Target(0, name.length(), Integer.parseInt(verb[1])))));
                }
            }
        }
        return out;
    }

    @Test
    void shouldMinimiseAConvexQuadraticWithLbfgs() {
        double[] x = {0, 0};
        double value = Lbfgs.minimize((w, grad) -> {
            grad[0] = 2 * (w[0] - 3);
            grad[1] = 8 * (w[1] + 1);
            return (w[0] - 3) * (w[0] - 3) + 4 * (w[1] + 1) * (w[1] + 1);
        }, x, 5, 100, 1e-12);
        assertThat(x[0]).isCloseTo(3.0, Offset.offset(1e-4));
        assertThat(x[1]).isCloseTo(-1.0, Offset.offset(1e-4));
        assertThat(value).isCloseTo(0.0, Offset.offset(1e-6));
    }

    @Test
    void shouldLearnTheLabelsOfAToyCorpusAndGeneraliseToAnUnseenName() {
        TargetModelTrainer trainer = new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults().withL2(1e-3));
        TargetModel model = new TargetModel(FEATURES, trainer.train(toyCorpus()));
        assertThat(model.score("Taylor praised the plan on Monday.", 0, 6).label()).isEqualTo(Label.POSITIVE);
        assertThat(model.score("Taylor slammed the plan on Monday.", 0, 6).label()).isEqualTo(Label.NEGATIVE);
        assertThat(model.score("Taylor met the plan on Monday.", 0, 6).label()).isEqualTo(Label.NEUTRAL);
    }

    @Test
    void shouldShrinkWeightsAsTheL2PenaltyGrows() {
        List<DevSets.TargetSentence> corpus = toyCorpus();
        Map<String, double[]> weak = new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults().withL2(1e-3)).train(corpus);
        Map<String, double[]> strong = new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults().withL2(1e-1)).train(corpus);
        assertThat(norm(strong)).isLessThan(norm(weak));
    }

    @Test
    void shouldChooseTheL2StrengthFromTheGridByCrossValidation() {
        TargetModelTrainer trainer = new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults());
        TargetModelTrainer.Params chosen = trainer.select(toyCorpus(), 3);
        assertThat(TargetModelTrainer.L2_GRID).contains(chosen.l2());
    }

    @Test
    void shouldTrainTheSameWeightsTwice() {
        TargetModelTrainer trainer = new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults());
        Map<String, double[]> first = trainer.train(toyCorpus());
        Map<String, double[]> second = trainer.train(toyCorpus());
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((k, v) -> assertThat(second.get(k)).as(k).containsExactly(v));
    }

    @Test
    void shouldFitTheHardLabelWeightsWhenTheTargetIsTheOneHotLabel() {
        List<TargetModelTrainer.Example> hard = flatten(new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults())
                .examples(toyCorpus()));
        List<TargetModelTrainer.Example> oneHot = new ArrayList<>();
        List<TargetModelTrainer.Example> noTeacher = new ArrayList<>();
        for (TargetModelTrainer.Example e : hard) {
            double[] target = new double[3];
            target[e.y()] = 1;
            oneHot.add(new TargetModelTrainer.Example(e.x(), e.y(), target));
            // a teacher that weighs nothing leaves the label alone, whatever it says
            noTeacher.add(e.mixed(new double[] {1, 0, 0}, 0));
        }
        TargetModelTrainer.Params p = TargetModelTrainer.Params.defaults();
        Map<String, double[]> expected = TargetModelTrainer.fit(hard, p);
        for (Map<String, double[]> w : List.of(TargetModelTrainer.fit(oneHot, p), TargetModelTrainer.fit(noTeacher, p))) {
            assertThat(w.keySet()).isEqualTo(expected.keySet());
            expected.forEach((k, v) -> assertThat(w.get(k)).as(k).containsExactly(v));
        }
    }

    @Test
    void shouldMoveTheStudentTowardTheTeachersProbabilities() {
        List<TargetModelTrainer.Example> hard = flatten(new TargetModelTrainer(FEATURES, TargetModelTrainer.Params.defaults())
                .examples(toyCorpus()));
        // a teacher that reads every "met" sentence (neutral by label) as fairly positive
        List<TargetModelTrainer.Example> taught = new ArrayList<>();
        for (TargetModelTrainer.Example e : hard) {
            taught.add(e.y() == 1 ? e.mixed(new double[] {0.05, 0.35, 0.6}, 0.5) : e.mixed(new double[] {1, 0, 0}, 0));
        }
        assertThat(taught.get(1).target()).containsExactly(new double[] {0.025, 0.675, 0.3}, Offset.offset(1e-12));
        TargetModelTrainer.Params p = TargetModelTrainer.Params.defaults();
        TargetModel student = new TargetModel(FEATURES, TargetModelTrainer.fit(taught, p));
        TargetModel plain = new TargetModel(FEATURES, TargetModelTrainer.fit(hard, p));
        String met = "Taylor met the plan on Monday.";
        double[] studentP = student.sentenceProbabilities(met, 0, 6);
        double[] plainP = plain.sentenceProbabilities(met, 0, 6);
        assertThat(studentP[2]).isGreaterThan(plainP[2] + 0.1);
        // the label still wins: the mixed target puts 0.675 on neutral
        assertThat(student.score(met, 0, 6).label()).isEqualTo(Label.NEUTRAL);
        // examples the teacher left alone keep their labels
        assertThat(student.score("Taylor slammed the plan on Monday.", 0, 6).label()).isEqualTo(Label.NEGATIVE);
    }

    private static List<TargetModelTrainer.Example> flatten(List<List<TargetModelTrainer.Example>> groups) {
        List<TargetModelTrainer.Example> out = new ArrayList<>();
        groups.forEach(out::addAll);
        return out;
    }

    private static double norm(Map<String, double[]> weights) {
        double sum = 0;
        for (Map.Entry<String, double[]> e : weights.entrySet()) {
            if (!e.getKey().equals("bias")) {
                for (double v : e.getValue()) {
                    sum += v * v;
                }
            }
        }
        return sum;
    }
}
