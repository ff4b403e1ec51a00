package io.flk.domain.hrs.training;

import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.TrainingRow;
import java.util.List;

/**
 * @param features   the feature schema, or {@code null} for every feature of the rows
 * @param candidates tried in this order; ties of validation AUC go to the earlier one
 */
public record HrsTrainingSpec(List<TrainingRow> rows, List<String> features, long seed,
                              List<HrsCandidate> candidates) {

    public HrsTrainingSpec {
        rows = List.copyOf(rows);
        features = features == null ? null : List.copyOf(features);
        candidates = List.copyOf(candidates);
    }
}
