package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flk.domain.hrs.TrainingRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure-Java classifiers score exactly what the Tribuo models they were exported from predict. */
class TribuoExportTest {

    private static final List<TrainingRow> TRAINING = SyntheticHrsData.rows(600, 11);
    private static final List<TrainingRow> SCORED = SyntheticHrsData.rows(300, 12);
    private static final List<Map<String, Double>> FEATURES = HrsTrainingData.features(TRAINING);
    private static final boolean[] LABELS = HrsTrainingData.labels(TRAINING);

    @Test
    void exportedLogisticRegressionScoresLikeTribuo() {
        assertMatchesTribuo(CandidateTraining.logistic(SyntheticHrsData.FEATURES, FEATURES, LABELS, 5));
    }

    @Test
    void exportedXgboostTreesScoreLikeTribuo() {
        CandidateTraining.Fitted boosted = CandidateTraining.boosted(SyntheticHrsData.FEATURES, FEATURES, LABELS, 5);

        assertThat(boosted.classifier().algorithm()).isEqualTo("tribuo-xgboost");
        assertMatchesTribuo(boosted);
    }

    @Test
    void exportedRandomForestFallbackScoresLikeTribuo() {
        CandidateTraining.Fitted forest = CandidateTraining.forest(SyntheticHrsData.FEATURES, FEATURES, LABELS, 5);

        assertThat(forest.classifier().algorithm()).isEqualTo("tribuo-random-forest");
        assertMatchesTribuo(forest);
    }

    @Test
    void xgboostNativeLibraryLoadsSoGradientBoostedTreesAreRealXgboost() {
        CandidateTraining.Fitted fitted =
                CandidateTraining.boostedOrForest(SyntheticHrsData.FEATURES, FEATURES, LABELS, 5);

        assertThat(fitted.classifier().algorithm()).isEqualTo("tribuo-xgboost");
    }

    private static void assertMatchesTribuo(CandidateTraining.Fitted fitted) {
        double spread = 0;
        for (TrainingRow row : SCORED) {
            double tribuo = fitted.tribuo().probabilityHallucinated(row.features());
            double pure = fitted.rawRisk(row.features());
            assertThat(pure).as("risk of %s", row.taskId()).isCloseTo(tribuo, within(1e-6));
            spread = Math.max(spread, Math.abs(tribuo - 0.5));
        }
        assertThat(spread).as("the model says something beyond 0.5").isGreaterThan(0.2);
    }
}
