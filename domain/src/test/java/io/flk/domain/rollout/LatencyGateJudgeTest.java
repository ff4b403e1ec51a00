package io.flk.domain.rollout;

import static io.flk.domain.rollout.TestArms.latency;
import static io.flk.domain.rollout.TestArms.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyGateJudgeTest {

    private static final RolloutPlan.LatencyGate GATE = new RolloutPlan.LatencyGate(1.2);
    private static final ArmStats CONTROL = latency(5_000, 0, 5_000);

    private static GateResult judge(ArmStats canary, ArmStats control) {
        return LatencyGateJudge.judge(GATE, window(canary, control), 0.05).result();
    }

    @Test
    void passesWhenClearlyFewerThanFivePercentOfCanaryTasksAreOverTheBound() {
        GateResult result = judge(latency(1_000, 10, 5_100), CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.estimate()).isCloseTo(-0.04, within(1e-12));
        // V = 0.01 * 0.99 / 1000 + 0.05 * 0.95 / 5000 = 1.94e-5: the canary's share and the control p95's own error.
        assertThat(result.upper()).isCloseTo(-0.0254302, within(1e-6));
        assertThat(result.canaryValue()).isEqualTo(5_100.0);
        assertThat(result.controlValue()).isEqualTo(5_000.0);
        assertThat(result.margin()).isZero();
    }

    @Test
    void failsWhenTheCanaryTailIsProvenHeavierThanTheBoundAllows() {
        // q = 0.3, V = 0.3 * 0.7 / 100 + 0.05 * 0.95 / 5000 = 0.0021095, tau = 0.05: half width
        // sqrt(0.0021095 * 0.0046095 / 0.0025 * (ln(0.0046095 / 0.0021095) + 2 ln 20)) = 0.162309.
        GateResult result = judge(latency(100, 30, 9_000), CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.estimate()).isCloseTo(0.25, within(1e-12));
        assertThat(result.lower()).isCloseTo(0.25 - 0.162309, within(1e-6));
        assertThat(result.detail()).contains("30 of 100 canary tasks", "6000 µs",
                "1.2 × the control p95 5000 µs over 5000 tasks");
    }

    @Test
    void aTailRightAtFivePercentIsNotEnoughData() {
        GateResult result = judge(latency(100, 5, 5_000), CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(result.estimate()).isCloseTo(0, within(1e-12));
    }

    @Test
    void aControlOfAFewDozenTasksLeavesTheBoundTooUncertainToPass() {
        GateResult result = judge(latency(1_000, 10, 5_100), latency(40, 0, 5_000));

        assertThat(result.estimate()).isCloseTo(-0.04, within(1e-12));
        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
    }

    @Test
    void needsTwentyTasksInEachArmWhateverTheyShow() {
        GateResult tooFew = judge(latency(19, 19, 50_000), CONTROL);
        GateResult smallControl = judge(latency(1_000, 900, 50_000), latency(19, 0, 5_000));
        GateResult noControl = judge(latency(1_000, 900, 50_000), ArmStats.EMPTY);

        assertThat(tooFew.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(tooFew.estimate()).isNull();
        assertThat(tooFew.detail()).contains("needs 20 tasks in each arm");
        assertThat(smallControl.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(smallControl.estimate()).isNull();
        assertThat(noControl.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
    }
}
