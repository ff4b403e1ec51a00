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
        return LatencyGateJudge.judge(GATE, window(canary, control), 0.05);
    }

    @Test
    void passesWhenClearlyFewerThanFivePercentOfCanaryTasksAreOverTheBound() {
        GateResult result = judge(latency(1_000, 10, 5_100), CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.estimate()).isCloseTo(-0.04, within(1e-12));
        assertThat(result.upper()).isCloseTo(-0.0292963, within(1e-6));
        assertThat(result.canaryValue()).isEqualTo(5_100.0);
        assertThat(result.controlValue()).isEqualTo(5_000.0);
        assertThat(result.margin()).isZero();
    }

    @Test
    void failsWhenTheCanaryTailIsProvenHeavierThanTheBoundAllows() {
        // q = 0.3, V = 0.3 * 0.7 / 100 = 0.0021, tau = 0.05: half width
        // sqrt(0.0021 * 0.0046 / 0.0025 * (ln(0.0046 / 0.0021) + 2 ln 20)) = 0.161805.
        GateResult result = judge(latency(100, 30, 9_000), CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.estimate()).isCloseTo(0.25, within(1e-12));
        assertThat(result.lower()).isCloseTo(0.25 - 0.161805, within(1e-6));
        assertThat(result.detail()).contains("30 of 100 canary tasks", "6000 µs", "1.2 × the control p95 5000 µs");
    }

    @Test
    void aTailRightAtFivePercentIsNotEnoughData() {
        GateResult result = judge(latency(100, 5, 5_000), CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(result.estimate()).isCloseTo(0, within(1e-12));
    }

    @Test
    void needsTwentyCanaryTasksAndAControlWhateverTheyShow() {
        GateResult tooFew = judge(latency(19, 19, 50_000), CONTROL);
        GateResult noControl = judge(latency(1_000, 900, 50_000), ArmStats.EMPTY);

        assertThat(tooFew.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(tooFew.estimate()).isNull();
        assertThat(tooFew.detail()).contains("needs 20 canary tasks");
        assertThat(noControl.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(noControl.estimate()).isNull();
    }
}
