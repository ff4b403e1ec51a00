package io.flk.domain.hrs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {

    @Test
    void poolsAdjacentViolatorsIntoBlockMeans() {
        // Labels 0, 1, 0, 1 at risks 0.1..0.4: the middle pair violates order and pools to 0.5 at 0.25.
        IsotonicCalibration isotonic = IsotonicCalibration.fit(new double[] {0.4, 0.1, 0.3, 0.2},
                new boolean[] {true, false, false, true});

        assertThat(isotonic.knots()).containsExactly(0.1, 0.25, 0.4);
        assertThat(isotonic.values()).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void interpolatesBetweenKnotsAndClampsOutsideThem() {
        IsotonicCalibration isotonic = new IsotonicCalibration(new double[] {0.2, 0.6}, new double[] {0.1, 0.5});

        assertThat(isotonic.calibrate(0.4)).isCloseTo(0.3, within(1e-12));
        assertThat(isotonic.calibrate(0.0)).isEqualTo(0.1);
        assertThat(isotonic.calibrate(0.9)).isEqualTo(0.5);
        assertThat(isotonic.calibrate(0.6)).isEqualTo(0.5);
    }

    @Test
    void equalRawRisksShareOneKnot() {
        IsotonicCalibration isotonic = IsotonicCalibration.fit(new double[] {0.3, 0.3, 0.3, 0.7},
                new boolean[] {true, false, false, true});

        assertThat(isotonic.knots()).containsExactly(0.3, 0.7);
        assertThat(isotonic.values()[0]).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void aPerfectlySeparatedSetGivesTwoKnots() {
        IsotonicCalibration isotonic = IsotonicCalibration.fit(new double[] {0.1, 0.2, 0.8, 0.9},
                new boolean[] {false, false, true, true});

        assertThat(isotonic.values()).containsExactly(0.0, 1.0);
        assertThat(isotonic.calibrate(0.5)).isCloseTo(0.5, within(1e-12));
    }
}
