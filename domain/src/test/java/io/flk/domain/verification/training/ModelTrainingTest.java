package io.flk.domain.verification.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.flk.domain.verification.AnswerFeatures;
import io.flk.domain.verification.strategy.MicroVoteModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {

    private static final List<LabelledAnswer> ANSWERS = HaluEvalQa.bundled();
    private static final List<LabelledAnswer> TRAIN = HaluEvalQa.split(ANSWERS, DatasetSplit.TRAIN);
    private static final List<LabelledAnswer> CALIBRATION = HaluEvalQa.split(ANSWERS, DatasetSplit.CALIBRATION);
    private static final List<LabelledAnswer> PROBES = HaluEvalQa.split(ANSWERS, DatasetSplit.EVALUATION)
            .subList(0, 40);

    @Test
    void theSameDataAndSeedGiveTheSameMicroVoteVersionAndPredictionsWhateverTheOrder() {
        MicroVoteModel first = MicroVoteTrainer.train(TRAIN, 7);
        MicroVoteModel second = MicroVoteTrainer.train(reversed(TRAIN), 7);

        assertThat(second.version()).isEqualTo(first.version()).matches("mv-[0-9a-f]{12}");
        for (LabelledAnswer probe : PROBES) {
            Map<String, Double> features = AnswerFeatures.extract(probe.input());
            assertThat(second.probabilityGrounded(features)).isEqualTo(first.probabilityGrounded(features));
        }
    }

    @Test
    void anotherSeedGivesAnotherMicroVoteVersion() {
        assertThat(MicroVoteTrainer.train(TRAIN, 8).version()).isNotEqualTo(MicroVoteTrainer.train(TRAIN, 7).version());
    }

    @Test
    void theSameDataAndSeedGiveTheSameHrsVersionAndRisks() {
        CalibratedLogisticHrs first = CalibratedLogisticHrs.train(TRAIN, CALIBRATION, 7);
        CalibratedLogisticHrs second = CalibratedLogisticHrs.train(reversed(TRAIN), reversed(CALIBRATION), 7);

        assertThat(second.version()).isEqualTo(first.version()).matches("hrs-[0-9a-f]{12}");
        for (LabelledAnswer probe : PROBES) {
            Map<String, Double> features = AnswerFeatures.extract(probe.input());
            assertThat(second.risk(features)).isEqualTo(first.risk(features)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void hrsRiskIsCalibratedOnHeldOutAnswers() {
        CalibratedLogisticHrs hrs = CalibratedLogisticHrs.train(TRAIN, CALIBRATION, 7);
        List<LabelledAnswer> evaluation = HaluEvalQa.split(ANSWERS, DatasetSplit.EVALUATION);
        double brier = 0;
        for (LabelledAnswer answer : evaluation) {
            double error = hrs.risk(AnswerFeatures.extract(answer.input())) - (answer.hallucinated() ? 1 : 0);
            brier += error * error;
        }
        // Measured 0.070 (seed 7) on support shares only; a constant 0.5 scores 0.25. (It was 0.007 while the
        // model also saw answer sizes, a spurious signal in HaluEval, whose right answers are short spans.)
        assertThat(brier / evaluation.size()).isLessThan(0.09);
    }

    @Test
    void plattScalingRecoversTheSlopeAndOffsetOfAMiscalibratedScore() {
        Random random = new Random(11);
        int n = 20_000;
        double[] raw = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian() * 2;
            raw[i] = PlattScaling.sigmoid(z);
            positive[i] = random.nextDouble() < PlattScaling.sigmoid(0.5 * z - 1);
        }

        PlattScaling platt = PlattScaling.fit(raw, positive);

        assertThat(platt.a()).isCloseTo(0.5, offset(0.05));
        assertThat(platt.b()).isCloseTo(-1, offset(0.05));
    }

    /**
     * Small calibration sets whose every hallucinated answer outranks every grounded one, as the first HRS training
     * of a quiet tenant holds. Undamped Newton steps diverged on nearly all of them: to a step function ({@code a}
     * above 100) on most, and on one in fifteen to an {@code a} below -1e8, which turned the model upside down.
     */
    @Test
    void plattScalingOfSmallSeparatedSetsKeepsTheScoresInOrderAndReachesTheOptimum() {
        Random random = new Random(5);
        for (int set = 0; set < 2_000; set++) {
            int n = 10 + random.nextInt(60);
            double[] raw = new double[n];
            boolean[] positive = new boolean[n];
            double margin = 1 + random.nextDouble() * 6;
            for (int i = 0; i < n; i++) {
                positive[i] = i == 0 || (i > 1 && random.nextDouble() < 0.2);
                double z = margin + random.nextDouble() * 12;
                raw[i] = PlattScaling.sigmoid(positive[i] ? z : -z);
            }

            PlattScaling platt = PlattScaling.fit(raw, positive);

            assertThat(platt.a()).as("set %d", set).isPositive().isLessThan(100);
            assertThat(platt.calibrate(0.9)).as("set %d", set).isGreaterThan(platt.calibrate(0.1));
            assertThat(smoothedLogLossGradient(platt, raw, positive)).as("set %d", set).isLessThan(1e-4);
        }
    }

    @Test
    void plattScalingOfOneClassOnlyLeavesScoresAlone() {
        assertThat(PlattScaling.fit(new double[] {0.2, 0.9}, new boolean[] {true, true}))
                .isEqualTo(PlattScaling.identity());
    }

    /** The larger component of the log-loss gradient at the fit, against Platt's smoothed targets. */
    private static double smoothedLogLossGradient(PlattScaling platt, double[] raw, boolean[] positive) {
        int positives = 0;
        for (boolean label : positive) {
            positives += label ? 1 : 0;
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (positive.length - positives + 2.0);
        double gradientA = 0;
        double gradientB = 0;
        for (int i = 0; i < raw.length; i++) {
            double error = platt.calibrate(raw[i]) - (positive[i] ? high : low);
            gradientA += error * PlattScaling.logit(raw[i]);
            gradientB += error;
        }
        return Math.max(Math.abs(gradientA), Math.abs(gradientB));
    }

    private static List<LabelledAnswer> reversed(List<LabelledAnswer> answers) {
        List<LabelledAnswer> copy = new ArrayList<>(answers);
        Collections.reverse(copy);
        return copy;
    }
}
