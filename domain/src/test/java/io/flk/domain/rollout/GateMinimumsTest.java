package io.flk.domain.rollout;

import static io.flk.domain.rollout.TestArms.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the numbers, a gate below its minimum data neither passes nor fails, and reports no estimate. */
class GateMinimumsTest {

    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final Random RANDOM = new Random(11);

    /** Any arm: {@code tasks} tasks with random shares of every kind of trouble. */
    private static ArmStats randomArm(long tasks, long labelled, long trusted) {
        long bad = (long) (RANDOM.nextDouble() * tasks);
        double cost = tasks * RANDOM.nextDouble();
        return new ArmStats(tasks, bad, tasks / 2, bad / 2, 1_000.0 + RANDOM.nextInt(100_000),
                (long) (RANDOM.nextDouble() * tasks), labelled, (long) (RANDOM.nextDouble() * labelled), trusted,
                cost, cost * cost, cost * RANDOM.nextDouble());
    }

    private static void assertNoVerdict(GateEvaluation evaluation) {
        assertThat(evaluation.result().verdict()).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(evaluation.result().estimate()).isNull();
        assertThat(evaluation.harm()).isNull();
    }

    @Test
    void noGateJudgesBelowItsMinimum() {
        for (int i = 0; i < 2_000; i++) {
            ArmStats big = randomArm(10_000 + RANDOM.nextInt(10_000), 5_000, 8_000);
            ArmStats fewTasks = randomArm(RANDOM.nextInt((int) LatencyGateJudge.MIN_TASKS), 5_000, 8_000);
            ArmStats fewLabels = randomArm(10_000, RANDOM.nextInt((int) PLAN.containment().minLabelledHallucinations()),
                    8_000);
            ArmStats fewTrusted = randomArm(10_000, 5_000, RANDOM.nextInt((int) CostGateJudge.MIN_TRUSTED));

            assertNoVerdict(LatencyGateJudge.judge(PLAN.latency(), window(fewTasks, big), PLAN.alpha()));
            assertNoVerdict(LatencyGateJudge.judge(PLAN.latency(), window(big, fewTasks), PLAN.alpha()));
            assertNoVerdict(ContainmentGateJudge.judge(PLAN.containment(), window(fewLabels, big), PLAN.alpha()));
            assertNoVerdict(ContainmentGateJudge.judge(PLAN.containment(), window(big, fewLabels), PLAN.alpha()));
            assertNoVerdict(CostGateJudge.judge(PLAN.cost(), window(fewTrusted, big), PLAN.alpha()));
            assertNoVerdict(CostGateJudge.judge(PLAN.cost(), window(big, fewTrusted), PLAN.alpha()));
            assertNoVerdict(ErrorBudgetGateJudge.judge(PLAN.errorBudget(), window(big, ArmStats.EMPTY), PLAN.alpha()));
        }
    }
}
