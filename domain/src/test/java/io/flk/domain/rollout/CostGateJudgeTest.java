package io.flk.domain.rollout;

import static io.flk.domain.rollout.TestArms.costs;
import static io.flk.domain.rollout.TestArms.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostGateJudgeTest {

    private static final RolloutPlan.CostGate GATE = RolloutPlan.CostGate.defaults();

    private static GateResult judge(ArmStats canary, ArmStats control) {
        return CostGateJudge.judge(GATE, window(canary, control), 0.05).result();
    }

    @Test
    void deltaMethodVarianceOfCostPerTrustedTaskMatchesTheHandCalculation() {
        // Costs 1, 2, 3, 4 with the third task untrusted: R = 10 / 3, Var(c) = 1.25, Var(t) = 0.1875,
        // Cov(c, t) = 7/4 - 2.5 * 0.75 = -0.125; Var(R) = (1.25 + 2 R 0.125 + R² 0.1875) / (4 * 0.75²) = 1.85185,
        // Var(R) / R² = 1/6.
        ArmStats arm = new ArmStats(4, 0, 0, 0, null, 0, 0, 0, 3, 10, 30, 7);

        assertThat(CostGateJudge.relativeVariance(arm)).isCloseTo(1 / 6.0, within(1e-12));
    }

    @Test
    void withEqualCostsOnlyTheTrustedShareVaries() {
        assertThat(CostGateJudge.relativeVariance(costs(1_000, 800, 0.01))).as("(1 - 0.8) / (1000 * 0.8)")
                .isCloseTo(0.00025, within(1e-12));
    }

    @Test
    void passesWhenTheCanaryCostsTheSamePerTrustedTask() {
        GateResult result = judge(costs(10_000, 9_000, 0.01), costs(10_000, 9_000, 0.01));

        assertThat(result.verdict()).isEqualTo(GateVerdict.PASS);
        assertThat(result.estimate()).isCloseTo(0, within(1e-12));
        assertThat(result.margin()).isCloseTo(Math.log(1.1), within(1e-12));
        assertThat(result.canaryValue()).isCloseTo(0.01 / 0.9, within(1e-12));
    }

    @Test
    void failsWhenTheCanaryIsProvenMoreExpensiveThanTheRatio() {
        GateResult result = judge(costs(2_000, 1_800, 0.015), costs(10_000, 9_000, 0.01));

        assertThat(result.verdict()).isEqualTo(GateVerdict.FAIL);
        assertThat(result.estimate()).isCloseTo(Math.log(1.5), within(1e-12));
    }

    @Test
    void needsThirtyTrustedTasksAndSomeCostInEachArm() {
        GateResult tooFew = judge(costs(100, 29, 0.05), costs(10_000, 9_000, 0.01));
        GateResult free = judge(costs(100, 90, 0), costs(10_000, 9_000, 0.01));

        assertThat(tooFew.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(tooFew.estimate()).isNull();
        assertThat(tooFew.detail()).contains("needs 30 trusted tasks");
        assertThat(free.verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(free.detail()).contains("no cost");
    }
}
