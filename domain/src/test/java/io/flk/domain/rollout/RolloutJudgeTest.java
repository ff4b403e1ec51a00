package io.flk.domain.rollout;

import static io.flk.domain.rollout.TestArms.FROM;
import static io.flk.domain.rollout.TestArms.arm;
import static io.flk.domain.rollout.TestArms.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutJudgeTest {

    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final ArmStats CONTROL = arm(20_000, 0.001, 0, 3_000, 0.9, 0.01);
    /** Like its control on every gate but containment, which has no labels yet. */
    private static final ArmStats HEALTHY = arm(2_000, 0.001, 0.01, 0, 0.9, 0.01);

    private static RolloutJudgement judge(RolloutPlan plan, double share, Duration elapsed, ArmStats canary) {
        return RolloutJudge.judge(plan, new RolloutProgress(2, share, FROM, FROM.plus(elapsed)),
                window(canary, CONTROL));
    }

    private static RolloutJudgement judge(RolloutPlan plan, ArmStats canary) {
        return judge(plan, 0.3, Duration.ofMinutes(5), canary);
    }

    private static GateVerdict verdict(RolloutJudgement judgement, GateKind gate) {
        return judgement.gates().stream().filter(g -> g.gate() == gate).findFirst().orElseThrow().verdict();
    }

    @Test
    void fastBurnRollsBackAtOnceBeforeTheStepHasItsSamples() {
        ArmStats burning = new ArmStats(40, 20, 40, 20, 5_000.0, 0, 0, 0, 34, 0.4, 0.004, 0.34);

        RolloutJudgement judgement = judge(PLAN, 0.05, Duration.ofSeconds(30), burning);

        assertThat(judgement.fastBurn()).isTrue();
        assertThat(judgement.action()).isEqualTo(RolloutAction.ROLLBACK);
        assertThat(judgement.decidingGate()).isEqualTo(GateKind.ERROR_BUDGET);
        assertThat(judgement.shareBefore()).isEqualTo(0.05);
        assertThat(judgement.shareAfter()).isZero();
        assertThat(judgement.reason()).contains("fast error-budget burn", "50×", "20 bad of 40");
    }

    @Test
    void aGateProvenFailedRollsBackBeforeTheStepHasItsSamples() {
        RolloutJudgement judgement = judge(PLAN, arm(150, 0.001, 0.4, 0, 0.9, 0.01));

        assertThat(judgement.fastBurn()).isFalse();
        assertThat(judgement.action()).isEqualTo(RolloutAction.ROLLBACK);
        assertThat(judgement.decidingGate()).isEqualTo(GateKind.LATENCY);
        assertThat(judgement.shareAfter()).isZero();
        assertThat(judgement.reason()).contains("LATENCY gate failed", "60 of 150 canary tasks");
    }

    @Test
    void holdsBelowTheStepsSamplesAndStillReportsEveryGate() {
        RolloutPlan plan = TestPlans.defaults().minSamplesPerStep(5_000).build();

        RolloutJudgement judgement = judge(plan, HEALTHY);

        assertThat(judgement.action()).isEqualTo(RolloutAction.HOLD);
        assertThat(judgement.shareAfter()).isEqualTo(0.3);
        assertThat(judgement.decidingGate()).isNull();
        assertThat(judgement.gates()).extracting(GateResult::gate).containsExactly(GateKind.ERROR_BUDGET,
                GateKind.LATENCY, GateKind.COST, GateKind.CONTAINMENT);
        assertThat(verdict(judgement, GateKind.ERROR_BUDGET)).isEqualTo(GateVerdict.PASS);
        assertThat(judgement.reason()).contains("2000 of the 5000 canary tasks");
    }

    @Test
    void theFirstFailingGateInPriorityOrderDecides() {
        ArmStats slowAndExpensive = arm(2_000, 0.001, 0.4, 0, 0.9, 0.02);
        RolloutPlan costFirst = TestPlans.defaults().priority(GateKind.COST, GateKind.ERROR_BUDGET, GateKind.LATENCY,
                GateKind.CONTAINMENT).build();

        assertThat(judge(PLAN, slowAndExpensive).decidingGate()).isEqualTo(GateKind.LATENCY);
        assertThat(judge(costFirst, slowAndExpensive).decidingGate()).isEqualTo(GateKind.COST);
        assertThat(judge(costFirst, slowAndExpensive).action()).isEqualTo(RolloutAction.ROLLBACK);
    }

    @Test
    void priorityAdvancesOnTheFirstConclusiveGateWhileLaterGatesStillWait() {
        RolloutJudgement judgement = judge(PLAN, HEALTHY);

        assertThat(verdict(judgement, GateKind.CONTAINMENT)).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(judgement.action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(judgement.decidingGate()).isEqualTo(GateKind.ERROR_BUDGET);
        assertThat(judgement.reason()).contains("ERROR_BUDGET gate passed first");
    }

    @Test
    void allOfWaitsForEveryGateAndAdvancesOnceAllPass() {
        RolloutPlan allOf = TestPlans.defaults().combination(Combination.ALL_OF).build();
        ArmStats labelled = arm(2_000, 0.001, 0.01, 3_000, 0.9, 0.01);

        RolloutJudgement waiting = judge(allOf, HEALTHY);
        RolloutJudgement advancing = judge(allOf, labelled);

        assertThat(waiting.action()).isEqualTo(RolloutAction.HOLD);
        assertThat(waiting.reason()).contains("no gate is conclusive yet");
        assertThat(advancing.gates()).extracting(GateResult::verdict).containsOnly(GateVerdict.PASS);
        assertThat(advancing.action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(advancing.decidingGate()).isNull();
        assertThat(advancing.reason()).contains("every gate passed");
    }

    @Test
    void shrinksWhileAnInconclusiveGateLeansBeyondItsMarginButNotBelowTheMinimumStep() {
        RolloutPlan allOf = TestPlans.defaults().combination(Combination.ALL_OF).build();
        // harm 0.9 - 0.6 = 0.3, standard error sqrt(0.24 / 40 + 0.09 / 3000) = 0.0794: 3.1 beyond the margin.
        ArmStats worseContainment = arm(2_000, 0.001, 0.01, 40, 0.6, 0.01);

        RolloutJudgement shrinking = judge(allOf, 0.3, Duration.ofMinutes(5), worseContainment);
        RolloutJudgement floored = judge(allOf, 0.08, Duration.ofMinutes(5), worseContainment);
        RolloutJudgement atMinimum = judge(allOf, 0.05, Duration.ofMinutes(5), worseContainment);

        assertThat(verdict(shrinking, GateKind.CONTAINMENT)).isEqualTo(GateVerdict.NOT_ENOUGH_DATA);
        assertThat(shrinking.action()).isEqualTo(RolloutAction.SHRINK);
        assertThat(shrinking.decidingGate()).isEqualTo(GateKind.CONTAINMENT);
        assertThat(shrinking.shareAfter()).isCloseTo(0.15, within(1e-12));
        assertThat(shrinking.reason()).contains("CONTAINMENT estimate 0.3", "margin 0.05", "1.645 standard errors");
        assertThat(floored.shareAfter()).isCloseTo(0.05, within(1e-12));
        assertThat(atMinimum.action()).isEqualTo(RolloutAction.HOLD);
        assertThat(atMinimum.decidingGate()).isEqualTo(GateKind.CONTAINMENT);
    }

    @Test
    void anEstimateJustPastItsMarginIsNoiseAndHolds() {
        RolloutPlan allOf = TestPlans.defaults().combination(Combination.ALL_OF).build();
        // harm 0.06 past the margin 0.05 by 0.01, standard error sqrt(0.84 * 0.16 / 100 + 0.09 / 3000) = 0.0405.
        ArmStats slightlyWorse = arm(2_000, 0.001, 0.01, 100, 0.84, 0.01);

        RolloutJudgement judgement = judge(allOf, slightlyWorse);

        assertThat(judgement.gates().get(3).estimate()).isGreaterThan(judgement.gates().get(3).margin());
        assertThat(judgement.action()).isEqualTo(RolloutAction.HOLD);
        assertThat(judgement.decidingGate()).isNull();
    }

    @Test
    void atTheCapAnInconclusiveStepAdvancesByTheMinimumStepWhenNoGateLeansBeyondItsMargin() {
        RolloutPlan allOf = TestPlans.defaults().combination(Combination.ALL_OF).build();

        RolloutJudgement judgement = judge(allOf, 0.3, Duration.ofMinutes(30), HEALTHY);

        assertThat(judgement.action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(judgement.shareAfter()).isCloseTo(0.35, within(1e-12));
        assertThat(judgement.reason()).contains("minimum step", "cap of 30 min");
    }

    @Test
    void atTheCapAGateLeaningBeyondItsMarginRollsBackInsteadOfAdvancing() {
        RolloutPlan allOf = TestPlans.defaults().combination(Combination.ALL_OF).build();

        RolloutJudgement judgement = judge(allOf, 0.3, Duration.ofMinutes(31), arm(2_000, 0.001, 0.01, 40, 0.6, 0.01));

        assertThat(judgement.action()).isEqualTo(RolloutAction.ROLLBACK);
        assertThat(judgement.decidingGate()).isEqualTo(GateKind.CONTAINMENT);
        assertThat(judgement.shareAfter()).isZero();
    }

    @Test
    void atTheCapAPausingPlanHoldsForAnOperatorAndARollingBackPlanRollsBack() {
        TestPlans allOf = TestPlans.defaults().combination(Combination.ALL_OF);

        RolloutJudgement paused = judge(allOf.onInconclusive(InconclusiveAction.PAUSE).build(), 0.3,
                Duration.ofMinutes(30), HEALTHY);
        RolloutJudgement rolledBack = judge(allOf.onInconclusive(InconclusiveAction.ROLLBACK).build(), 0.3,
                Duration.ofMinutes(30), HEALTHY);

        assertThat(paused.action()).isEqualTo(RolloutAction.HOLD);
        assertThat(paused.shareAfter()).isEqualTo(0.3);
        assertThat(paused.reason()).contains("paused for an operator");
        assertThat(rolledBack.action()).isEqualTo(RolloutAction.ROLLBACK);
        assertThat(rolledBack.decidingGate()).isNull();
    }

    @Test
    void atTheCapAStepIsJudgedEvenBelowItsSamples() {
        ArmStats few = arm(150, 0.001, 0.01, 0, 0.9, 0.01);

        RolloutJudgement before = judge(PLAN, 0.3, Duration.ofMinutes(29), few);
        RolloutJudgement atCap = judge(PLAN, 0.3, Duration.ofMinutes(30), few);

        assertThat(before.action()).isEqualTo(RolloutAction.HOLD);
        assertThat(atCap.action()).isEqualTo(RolloutAction.ADVANCE);
    }

    @Test
    void strongerEvidenceAdvancesByALargerStepWithinTheConfiguredBounds() {
        // 3 % slow at n = 2000: latency upper bound -0.0072, strength 0.0072 / 0.05 = 0.14, the weakest passed gate.
        RolloutJudgement nearThreshold = judge(PLAN, arm(2_000, 0.001, 0.03, 0, 0.9, 0.01));
        RolloutJudgement clearlyHealthy = judge(PLAN, arm(200_000, 0.001, 0, 0, 0.9, 0.01));

        assertThat(nearThreshold.action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(clearlyHealthy.action()).isEqualTo(RolloutAction.ADVANCE);
        double span = PLAN.maxStep() - PLAN.minStep();
        assertThat(nearThreshold.shareAfter() - 0.3).isBetween(PLAN.minStep(), PLAN.minStep() + 0.25 * span);
        assertThat(nearThreshold.reason()).contains("weakest: LATENCY");
        assertThat(clearlyHealthy.shareAfter() - 0.3).isBetween(PLAN.minStep() + 0.75 * span, PLAN.maxStep());
    }

    @Test
    void anAdvanceThatWouldLeaveTheControlLessThanTheMinimumStepCompletes() {
        double by = judge(PLAN, 0.5, Duration.ofMinutes(5), HEALTHY).shareAfter() - 0.5;
        double halfAStepShort = 1 - by - PLAN.minStep() / 2;
        double twoStepsShort = 1 - by - 2 * PLAN.minStep();

        RolloutJudgement completing = judge(PLAN, halfAStepShort, Duration.ofMinutes(5), HEALTHY);
        RolloutJudgement stepping = judge(PLAN, twoStepsShort, Duration.ofMinutes(5), HEALTHY);

        assertThat(completing.action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(completing.shareAfter()).isEqualTo(1.0);
        assertThat(completing.reason()).contains("would be below the minimum step");
        assertThat(stepping.shareAfter()).isCloseTo(twoStepsShort + by, within(1e-12));
        assertThat(stepping.reason()).doesNotContain("below the minimum step");
    }

    @Test
    void advancingPastTheWholeTrafficCompletesAtOne() {
        RolloutJudgement judgement = judge(PLAN, 0.9, Duration.ofMinutes(5), HEALTHY);

        assertThat(judgement.action()).isEqualTo(RolloutAction.ADVANCE);
        assertThat(judgement.shareAfter()).isEqualTo(1.0);
    }
}
