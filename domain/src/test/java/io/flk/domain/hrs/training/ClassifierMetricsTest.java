package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.ModelMetrics.CurvePoint;
import io.flk.domain.hrs.ModelMetrics.ReliabilityBin;
import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

    /** Risks 0.9 (+), 0.8 (-), 0.7 (+), 0.3 (-), 0.2 (+), 0.1 (-). */
    private static final double[] RISK = {0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
    private static final boolean[] HALLUCINATED = {true, false, true, false, true, false};

    @Test
    void rocAucCountsOrderedPairs() {
        // Pairs (positive above negative): 0.9 beats 3, 0.7 beats 2, 0.2 beats 1 -> 6 of 9.
        assertThat(ClassifierMetrics.of(RISK, HALLUCINATED).rocAuc()).isCloseTo(6.0 / 9, within(1e-12));
    }

    @Test
    void averagePrecisionSumsPrecisionAtEachRecalledPositive() {
        // Positives reached at ranks 1, 3, 5 with precision 1, 2/3, 3/5; each adds a third of recall.
        double expected = (1 + 2.0 / 3 + 3.0 / 5) / 3;

        assertThat(ClassifierMetrics.of(RISK, HALLUCINATED).prAuc()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void brierIsTheMeanSquaredError() {
        double expected = (0.01 + 0.64 + 0.09 + 0.09 + 0.64 + 0.01) / 6;

        assertThat(ClassifierMetrics.of(RISK, HALLUCINATED).brier()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void eceWeighsEachNonEmptyBinGapByItsCount() {
        ModelMetrics metrics = ClassifierMetrics.of(RISK, HALLUCINATED);

        // Six bins of one row each: gaps 0.1, 0.8, 0.3, 0.3, 0.8, 0.1.
        assertThat(metrics.ece()).isCloseTo((0.1 + 0.8 + 0.3 + 0.3 + 0.8 + 0.1) / 6, within(1e-12));
        assertThat(metrics.reliability()).hasSize(6).first()
                .isEqualTo(new ReliabilityBin(0.1, 0.2, 1, 0.1, 0));
    }

    @Test
    void aRiskOfOneFallsInTheLastBinAndTiesEnterTheCurvesTogether() {
        ModelMetrics metrics = ClassifierMetrics.of(new double[] {1.0, 1.0, 0.0}, new boolean[] {true, false, false});

        assertThat(metrics.reliability()).extracting(ReliabilityBin::from).containsExactly(0.0, 0.9);
        assertThat(metrics.roc()).containsExactly(new CurvePoint(0, 0), new CurvePoint(0.5, 1), new CurvePoint(1, 1));
        assertThat(metrics.pr()).containsExactly(new CurvePoint(1, 0.5), new CurvePoint(1, 1.0 / 3));
        assertThat(metrics.rocAuc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void longCurvesAreDownsampledToAHundredAndOnePointsKeepingTheirEnds() {
        int n = 1000;
        double[] risk = new double[n];
        boolean[] hallucinated = new boolean[n];
        for (int i = 0; i < n; i++) {
            risk[i] = i / (double) n;
            hallucinated[i] = i % 3 == 0;
        }
        ModelMetrics metrics = ClassifierMetrics.of(risk, hallucinated);

        assertThat(metrics.roc()).hasSize(101);
        assertThat(metrics.roc().get(0)).isEqualTo(new CurvePoint(0, 0));
        assertThat(metrics.roc().get(100)).isEqualTo(new CurvePoint(1, 1));
        assertThat(metrics.pr()).hasSize(101);
        assertThat(metrics.rows()).isEqualTo(1000);
        assertThat(metrics.positives()).isEqualTo(334);
    }
}
