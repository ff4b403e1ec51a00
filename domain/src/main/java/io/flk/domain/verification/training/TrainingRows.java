package io.flk.domain.verification.training;

import io.flk.domain.verification.AnswerFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Labelled answers turned into feature rows, in an order that does not depend on how they were passed. */
final class TrainingRows {

    private TrainingRows() {
    }

    static List<LabelledAnswer> sorted(List<LabelledAnswer> answers) {
        List<LabelledAnswer> copy = new ArrayList<>(answers);
        copy.sort(Comparator.comparing(answer -> answer.input().taskId()));
        return copy;
    }

    static List<Map<String, Double>> features(List<LabelledAnswer> answers) {
        return answers.stream().<Map<String, Double>>map(answer -> AnswerFeatures.extract(answer.input())).toList();
    }

    static boolean[] labels(List<LabelledAnswer> answers) {
        boolean[] labels = new boolean[answers.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = answers.get(i).hallucinated();
        }
        return labels;
    }

    /** Adds rows (id, label, exact feature values) and the classifier's output on each to the version hash. */
    static void describe(ModelVersion version, List<LabelledAnswer> answers, List<Map<String, Double>> rows,
                         TribuoBinary classifier) {
        for (int i = 0; i < answers.size(); i++) {
            version.add(answers.get(i).input().taskId()).add(answers.get(i).hallucinated() ? 1 : 0);
            rows.get(i).forEach((name, value) -> version.add(name).add(value));
            version.add(classifier.probabilityHallucinated(rows.get(i)));
        }
    }
}
