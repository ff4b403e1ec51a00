package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.TrainingRow;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.evaluation.RocAuc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HrsTrainerTest {

    private static final List<HrsCandidate> BOTH =
            List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.GRADIENT_BOOSTED_TREES);
    private static final SyntheticHrsData SYNTHETIC = SyntheticHrsData.generate(5000, 2024);
    private static final long SEED = 42;

    @Test
    void recoversMostOfWhatTheTrueProbabilitiesKnowAndIsCalibrated() {
        HrsTrainingOutcome outcome = HrsTrainer.train(new HrsTrainingSpec(SYNTHETIC.rows(), null, SEED, BOTH),
                (s, i, n, d) -> { });
        List<TrainingRow> test = HrsTrainingData.split(SYNTHETIC.rows(), SEED).test();
        double[] truth = test.stream().mapToDouble(SYNTHETIC::trueProbability).toArray();
        double trueAuc = RocAuc.of(truth, HrsTrainingData.labels(test));
        ModelMetrics metrics = outcome.metrics();

        assertThat(metrics.rows()).isEqualTo(test.size()).isEqualTo(outcome.testRows());
        assertThat(metrics.rocAuc()).as("test AUC against the true probabilities' %.4f", trueAuc)
                .isGreaterThanOrEqualTo(0.85).isGreaterThan(trueAuc - 0.03);
        assertThat(metrics.ece()).isLessThanOrEqualTo(0.05);
        assertThat(outcome.candidates()).filteredOn(CandidateResult::chosen).singleElement()
                .extracting(CandidateResult::candidate).isEqualTo("gradient-boosted-trees");
    }

    @Test
    void reportsEachStageWithItsNumbersAndRecordsTheOutcome() {
        List<String> progress = new ArrayList<>();
        List<TrainingRow> rows = SYNTHETIC.rows().subList(0, 1000);

        HrsTrainingOutcome outcome = HrsTrainer.train(new HrsTrainingSpec(rows, null, SEED, BOTH),
                (stage, step, steps, detail) -> progress.add(step + "/" + steps + " " + stage + ": " + detail));

        assertThat(progress).hasSize(5);
        assertThat(progress.get(0)).startsWith("1/5 split: ").contains("8 features");
        assertThat(progress.get(1)).startsWith("2/5 candidate:logistic-regression: tribuo-logistic-regression "
                + "validation AUC 0.");
        assertThat(progress.get(2)).startsWith("3/5 candidate:gradient-boosted-trees: tribuo-xgboost validation AUC");
        assertThat(progress.get(3)).startsWith("4/5 calibration: ").contains("platt 0.", "isotonic 0.");
        assertThat(progress.get(4)).startsWith("5/5 evaluation: " + outcome.artifact().modelVersion() + " test AUC");
        assertThat(outcome.trainingRows() + outcome.validationRows() + outcome.testRows()).isEqualTo(1000);
        assertThat(outcome.featureSchema()).isEqualTo(SyntheticHrsData.FEATURES);
        assertThat(outcome.calibration()).isIn("platt", "isotonic");
        assertThat(outcome.dataDigest()).isEqualTo(HrsTrainingData.dataDigest(rows));
        assertThat(outcome.candidates()).extracting(CandidateResult::algorithm)
                .containsExactly("tribuo-logistic-regression", "tribuo-xgboost");
    }

    @Test
    void anExplicitFeatureListLimitsTheSchema() {
        HrsTrainingOutcome outcome = HrsTrainer.train(new HrsTrainingSpec(SYNTHETIC.rows().subList(0, 600),
                List.of("signal.b", "signal.a"), SEED, List.of(HrsCandidate.LOGISTIC_REGRESSION)), (s, i, n, d) -> { });

        assertThat(outcome.featureSchema()).containsExactly("signal.a", "signal.b");
        assertThat(outcome.model().featureSchema()).containsExactly("signal.a", "signal.b");
    }

    @Test
    void noCandidateIsRefused() {
        assertThatThrownBy(() -> HrsTrainer.train(new HrsTrainingSpec(SYNTHETIC.rows(), null, SEED, List.of()),
                (s, i, n, d) -> { }))
                .isInstanceOf(InvalidValue.class).extracting("field").isEqualTo("candidates");
    }

    @Test
    void mlpIsUnavailableAndSaysWhyBeforeAnythingTrains() {
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> HrsTrainer.train(new HrsTrainingSpec(SYNTHETIC.rows(), null, SEED,
                List.of(HrsCandidate.LOGISTIC_REGRESSION, HrsCandidate.MLP)),
                (stage, step, steps, detail) -> progress.add(stage)))
                .isInstanceOf(CandidateUnavailable.class).hasMessageContaining("TensorFlow")
                .extracting("field").isEqualTo("candidates");
        assertThat(progress).isEmpty();
    }

    @Test
    void aWindowThatFailsValidationIsRefusedBeforeTraining() {
        assertThatThrownBy(() -> HrsTrainer.train(new HrsTrainingSpec(List.of(), null, SEED, BOTH),
                (s, i, n, d) -> { }))
                .isInstanceOf(InvalidValue.class).extracting("field").isEqualTo("window");
    }
}
