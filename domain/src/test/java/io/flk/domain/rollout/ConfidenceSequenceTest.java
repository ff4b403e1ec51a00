package io.flk.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class ConfidenceSequenceTest {

    @Test
    void normalMixtureIntervalMatchesTheHandCalculation() {
        // V = 0.0004, tau² = 0.0025: V (V + tau²) / tau² = 0.000464; ln(0.0029 / 0.0004) = 1.98100;
        // 2 ln(1 / 0.05) = 5.99146; half width = sqrt(0.000464 * 7.97247) = 0.0608212.
        ConfidenceSequence sequence = ConfidenceSequence.normalMixture(0.1, 0.0004, 0.05, 0.05);

        assertThat(sequence.estimate()).isEqualTo(0.1);
        assertThat(sequence.standardError()).isCloseTo(0.02, within(1e-15));
        assertThat(sequence.lower()).isCloseTo(0.1 - 0.0608212, within(1e-7));
        assertThat(sequence.upper()).isCloseTo(0.1 + 0.0608212, within(1e-7));
    }

    @Test
    void alwaysValidIntervalIsWiderThanTheFixedSampleOneAndNarrowsWithMoreSamples() {
        double z = new NormalDistribution().inverseCumulativeProbability(1 - 0.05 / 2);
        double previous = Double.MAX_VALUE;
        for (double n = 100; n <= 100_000; n *= 10) {
            double variance = 0.25 / n;
            ConfidenceSequence sequence = ConfidenceSequence.normalMixture(0, variance, 0.05, 0.05);
            double halfWidth = sequence.upper();

            assertThat(halfWidth).as("the price of looking at every step, n = %s", n)
                    .isGreaterThan(z * Math.sqrt(variance));
            assertThat(halfWidth).isLessThan(previous);
            previous = halfWidth;
        }
    }

    @Test
    void verdictComparesTheWholeIntervalWithTheMargin() {
        assertThat(new ConfidenceSequence(0.2, 0.03, 0.11, 0.29).verdict(0.1)).isEqualTo(GateVerdict.FAIL);
        assertThat(new ConfidenceSequence(0.0, 0.03, -0.1, 0.1).verdict(0.1)).isEqualTo(GateVerdict.PASS);
        assertThat(new ConfidenceSequence(0.05, 0.02, -0.01, 0.11).verdict(0.1)).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(new ConfidenceSequence(0.2, 0.03, 0.1, 0.3).verdict(0.1))
                .as("a lower bound at the margin is not proof of harm").isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
    }

    @Test
    void zeroVarianceLeavesAPoint() {
        ConfidenceSequence sequence = ConfidenceSequence.normalMixture(0.3, 0, 0.05, 0.05);

        assertThat(sequence.lower()).isEqualTo(0.3);
        assertThat(sequence.upper()).isEqualTo(0.3);
    }
}
