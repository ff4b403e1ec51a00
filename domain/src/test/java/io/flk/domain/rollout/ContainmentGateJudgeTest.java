package io.flk.domain.rollout;

import static io.flk.domain.rollout.TestArms.labels;
import static io.flk.domain.rollout.TestArms.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ContainmentGateJudgeTest {

    private static final RolloutPlan.ContainmentGate GATE = RolloutPlan.ContainmentGate.defaults();

    private static GateResult judge(ArmStats canary, ArmStats control) {
        return ContainmentGateJudge.judge(GATE, window(canary, control), 0.05).result();
    }

    @Test
    void passesWhenTheCanaryIsProvenNoWorseThanTheMargin() {
        GateResult result = judge(labels(2_000, 1_800), labels(2_000, 1_800));

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.upper()).isCloseTo(0.0295278, within(1e-6));
        assertThat(result.canaryValue()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void failsWhenTheCanaryCatchesClearlyFewerHallucinations() {
        // V = 0.6 * 0.4 / 100 + 0.9 * 0.1 / 1000 = 0.00249, tau = 0.05: half width 0.182299.
        GateResult result = judge(labels(100, 60), labels(1_000, 900));

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.estimate()).isCloseTo(0.3, within(1e-12));
        assertThat(result.lower()).isCloseTo(0.3 - 0.182299, within(1e-6));
        assertThat(result.detail()).contains("60 of 100", "900 of 1000");
    }

    @Test
    void waitsForTheMinimumLabelsInEachArm() {
        GateResult result = judge(labels(19, 5), labels(1_000, 900));

        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(result.estimate()).isNull();
        assertThat(result.canaryValue()).isCloseTo(5 / 19.0, within(1e-12));
        assertThat(result.detail()).contains("needs 20 in each arm");
    }

    @Test
    void aPerfectRecordOnTheMinimumLabelsIsNotYetProof() {
        GateResult result = judge(labels(20, 20), labels(20, 20));

        assertThat(result.estimate()).isZero();
        assertThat(result.upper()).as("floored variance, not a point").isGreaterThan(0.05);
        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
    }

    @Test
    void anEstimateBeyondTheMarginWithoutProofIsReported() {
        GateResult result = judge(labels(30, 21), labels(300, 270));

        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(result.estimate()).isCloseTo(0.2, within(1e-12)).isGreaterThan(result.margin());
    }
}
