package io.flk.domain.rollout;

import static io.flk.domain.rollout.TestArms.burn;
import static io.flk.domain.rollout.TestArms.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorBudgetGateJudgeTest {

    /** Budget 1 %: fast burn 14.4× is a 14.4 % bad share, slow burn 6× is 6 %. */
    private static final RolloutPlan.ErrorBudgetGate GATE = RolloutPlan.ErrorBudgetGate.defaults();
    private static final ArmStats HEALTHY_CONTROL = burn(10_000, 10, 2_500, 2);

    private static GateResult judge(ArmStats canary, ArmStats control) {
        return ErrorBudgetGateJudge.judge(GATE, window(canary, control), 0.05).result();
    }

    @Test
    void fastBurnNeedsBothCanaryWindowsOverTheFastRateWhileTheControlIsNot() {
        ArmStats burning = burn(100, 50, 20, 10);

        assertThat(ErrorBudgetGateJudge.fastBurn(GATE, window(burning, HEALTHY_CONTROL))).isTrue();
        assertThat(ErrorBudgetGateJudge.fastBurn(GATE, window(burning, burn(1_000, 200, 200, 40))))
                .as("an outage burning both arms is not the canary's doing").isFalse();
        assertThat(ErrorBudgetGateJudge.fastBurn(GATE, window(burn(100, 50, 20, 1), HEALTHY_CONTROL)))
                .as("the short window has recovered").isFalse();
        assertThat(ErrorBudgetGateJudge.fastBurn(GATE, window(burn(100, 50, 9, 9), HEALTHY_CONTROL)))
                .as("nine tasks in the short window are too few").isFalse();
        assertThat(ErrorBudgetGateJudge.fastBurn(GATE, window(burning, ArmStats.EMPTY))).isTrue();
    }

    @Test
    void passesWhenTheCanaryBurnsLikeItsControl() {
        GateResult result = judge(burn(2_000, 2, 500, 1), burn(20_000, 20, 5_000, 5));

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.canaryValue()).as("0.1 % bad over a 1 % budget").isCloseTo(0.1, within(1e-12));
        assertThat(result.controlValue()).isCloseTo(0.1, within(1e-12));
        assertThat(result.margin()).isCloseTo(0.01, within(1e-12));
        assertThat(result.upper()).isCloseTo(0.0024876, within(1e-6));
    }

    @Test
    void failsWhenProvenWorseByABudgetAndBurningSlowlyInBothWindows() {
        GateResult result = judge(burn(1_000, 100, 200, 20), HEALTHY_CONTROL);

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.estimate()).isCloseTo(0.099, within(1e-12));
        assertThat(result.lower()).isCloseTo(0.0650280, within(1e-6));
        assertThat(result.canaryValue()).isCloseTo(10, within(1e-9));
    }

    @Test
    void provenWorseButBelowTheSlowBurnRateIsNotAFailure() {
        GateResult result = judge(burn(10_000, 500, 2_500, 125), burn(10_000, 10, 2_500, 2));

        assertThat(result.lower()).isGreaterThan(result.margin());
        assertThat(result.canaryValue()).isCloseTo(5, within(1e-9));
        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(result.detail()).contains("not burning at the slow rate");
    }

    @Test
    void needsTasksInBothArms() {
        GateResult result = judge(burn(500, 0, 100, 0), ArmStats.EMPTY);

        assertThat(result.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(result.estimate()).isNull();
    }
}
