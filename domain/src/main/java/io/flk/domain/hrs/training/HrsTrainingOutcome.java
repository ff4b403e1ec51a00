package io.flk.domain.hrs.training;

import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.ModelMetrics;
import java.util.List;

/**
 * A finished training: the artifact to register, the model read back from it, and everything its
 * registration records.
 */
public record HrsTrainingOutcome(HrsArtifact artifact, TrainedHrsModel model, String algorithm, String calibration,
                                 List<CandidateResult> candidates, ModelMetrics metrics, List<String> featureSchema,
                                 int trainingRows, int validationRows, int testRows, String dataDigest) {

    public HrsTrainingOutcome {
        candidates = List.copyOf(candidates);
        featureSchema = List.copyOf(featureSchema);
    }
}
