package io.flk.commands.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.Combination;
import io.flk.domain.rollout.GateKind;
import io.flk.domain.rollout.InconclusiveAction;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ApproveRollout;
import io.flk.domain.rollout.RolloutCommands.ConfirmRolloutStarted;
import io.flk.domain.rollout.RolloutCommands.JudgeRolloutStep;
import io.flk.domain.rollout.RolloutCommands.PauseRollout;
import io.flk.domain.rollout.RolloutCommands.RejectRollout;
import io.flk.domain.rollout.RolloutCommands.RequestRollout;
import io.flk.domain.rollout.RolloutCommands.ResumeRollout;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutApproved;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutRefused;
import io.flk.domain.rollout.RolloutEvent.RolloutRejected;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutJudge;
import io.flk.domain.rollout.RolloutJudgement;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutProgress;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutLaneTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final RolloutComponent MODEL = RolloutComponent.HRS_MODEL;
    private static final RolloutLaneId LANE = RolloutLaneId.of(ACME, MODEL);
    private static final RolloutId R1 = RolloutId.of("ro-00000000-0000-0000-0000-000000000001");
    private static final RolloutId R2 = RolloutId.of("ro-00000000-0000-0000-0000-000000000002");
    private static final String VERSION = "2026-11-26.1";
    private static final RolloutTarget TARGET = RolloutTarget.model(VERSION, EligibilityGates.defaults());
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant STARTED = T0.plusSeconds(600);
    private static final Duration CHECK = Duration.ofSeconds(30);
    private static final Duration CAP = Duration.ofMinutes(30);
    /** Two fast gates only, so that the windows below leave the gate logic no room for doubt. */
    private static final RolloutPlan PLAN = plan(InconclusiveAction.ADVANCE_MIN_STEP);
    private static final long SLO_MICROS = PLAN.errorBudget().sloLatencyMillis() * 1_000;

    private FixtureConfiguration<RolloutLane> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RolloutLane.class);
    }

    @Test
    void aRequestWaitsForASecondPrincipal() {
        fixture.givenNoPriorActivity()
                .when(new RequestRollout(LANE, R1, TARGET, PLAN, "alice", "better calibrated", T0))
                .expectEvents(requested(R1))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.PENDING_APPROVAL, 0, 0,
                        0L));
    }

    @Test
    void aSecondRolloutWhileOneIsPendingIsRefusedAndRecorded() {
        String detail = "rollout " + R1 + " is PENDING_APPROVAL on " + LANE + "; it must end before another starts";
        fixture.given(requested(R1))
                .when(new RequestRollout(LANE, R2, TARGET, PLAN, "bob", "mine first", T0.plusSeconds(5)))
                .expectEvents(new RolloutRefused(ACME, R2, MODEL, RolloutRefusal.ROLLOUT_IN_PROGRESS, detail, "bob",
                        T0.plusSeconds(5)))
                .expectResultMessagePayload(new RolloutOutcome(R2, RolloutRefusal.ROLLOUT_IN_PROGRESS, detail, null, 0,
                        0, 1L));
    }

    @Test
    void aSecondRolloutWhileOneIsRunningIsRefused() {
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new RequestRollout(LANE, R2, TARGET, PLAN, "bob", "mine first", T0))
                .expectEvents(new RolloutRefused(ACME, R2, MODEL, RolloutRefusal.ROLLOUT_IN_PROGRESS, "rollout " + R1
                        + " is RUNNING on " + LANE + "; it must end before another starts", "bob", T0));
    }

    @Test
    void anotherRolloutMayBeRequestedOnceTheLastEnded() {
        fixture.given(requested(R1), new RolloutRejected(ACME, R1, MODEL, "bob", "not now", T0))
                .when(new RequestRollout(LANE, R2, TARGET, PLAN, "alice", "better calibrated", T0))
                .expectEvents(requested(R2))
                .expectResultMessagePayload(new RolloutOutcome(R2, null, null, RolloutStatus.PENDING_APPROVAL, 0, 0,
                        2L));
    }

    @Test
    void aPlanWithImpossibleBoundsStartsNothing() {
        RolloutPlan impossible = new RolloutPlan(0.05, 0.3, 0.1, 200, CHECK, CAP, 0.05, Combination.PRIORITY,
                PLAN.priority(), InconclusiveAction.ADVANCE_MIN_STEP, PLAN.latency(), PLAN.errorBudget(), null, null);
        fixture.givenNoPriorActivity()
                .when(new RequestRollout(LANE, R1, TARGET, impossible, "alice", "faster", T0))
                .expectException(InvalidValue.class)
                .expectExceptionMessage("minStep 0.3 is greater than maxStep 0.1")
                .expectNoEvents();
    }

    @Test
    void aModelRolloutDoesNotBelongToThePolicyLane() {
        fixture.givenNoPriorActivity()
                .when(new RequestRollout(RolloutLaneId.of(ACME, RolloutComponent.ENSEMBLE_POLICY), R1, TARGET, PLAN,
                        "alice", "faster", T0))
                .expectException(InvalidValue.class)
                .expectNoEvents();
    }

    @Test
    void aRolloutIdIsNeverReused() {
        fixture.given(requested(R1), new RolloutRejected(ACME, R1, MODEL, "bob", "not now", T0))
                .when(new RequestRollout(LANE, R1, TARGET, PLAN, "alice", "again", T0))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cannotApproveOwnRollout() {
        String detail = "alice requested rollout " + R1 + " and cannot also approve it";
        fixture.given(requested(R1))
                .when(new ApproveRollout(LANE, R1, "alice", true, "looks fine", T0))
                .expectEvents(new RolloutRefused(ACME, R1, MODEL, RolloutRefusal.SELF_APPROVAL, detail, "alice", T0))
                .expectResultMessagePayload(new RolloutOutcome(R1, RolloutRefusal.SELF_APPROVAL, detail,
                        RolloutStatus.PENDING_APPROVAL, 0, 0, 1L));
    }

    @Test
    void cannotApproveWithoutTheApproverRole() {
        fixture.given(requested(R1))
                .when(new ApproveRollout(LANE, R1, "carol", false, "looks fine", T0))
                .expectEvents(new RolloutRefused(ACME, R1, MODEL, RolloutRefusal.SELF_APPROVAL,
                        "carol does not hold the approver role", "carol", T0));
    }

    @Test
    void aSecondPrincipalApprovesAndTheCanaryStarts() {
        fixture.given(requested(R1))
                .when(new ApproveRollout(LANE, R1, "bob", true, "looks fine", T0.plusSeconds(60)))
                .expectEvents(approved(R1))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.STARTING, 0, 0, 1L));
    }

    @Test
    void approvingAnUnknownRolloutIsRefused() {
        String detail = "no rollout " + R2 + " on " + LANE;
        fixture.given(requested(R1))
                .when(new ApproveRollout(LANE, R2, "bob", true, "looks fine", T0))
                .expectEvents(new RolloutRefused(ACME, R2, MODEL, RolloutRefusal.UNKNOWN_ROLLOUT, detail, "bob", T0))
                .expectResultMessagePayload(new RolloutOutcome(R2, RolloutRefusal.UNKNOWN_ROLLOUT, detail, null, 0, 0,
                        1L));
    }

    @Test
    void approvingTwiceIsRefused() {
        String detail = "rollout " + R1 + " is STARTING and cannot be approved";
        fixture.given(requested(R1), approved(R1))
                .when(new ApproveRollout(LANE, R1, "dave", true, "me too", T0))
                .expectEvents(new RolloutRefused(ACME, R1, MODEL, RolloutRefusal.WRONG_STATE, detail, "dave", T0));
    }

    @Test
    void anEarlierRolloutIsAnsweredWithTheStatusItEndedIn() {
        String detail = "rollout " + R1 + " is REJECTED and cannot be approved";
        fixture.given(requested(R1), new RolloutRejected(ACME, R1, MODEL, "bob", "not now", T0), requested(R2))
                .when(new ApproveRollout(LANE, R1, "bob", true, "changed my mind", T0))
                .expectEvents(new RolloutRefused(ACME, R1, MODEL, RolloutRefusal.WRONG_STATE, detail, "bob", T0))
                .expectResultMessagePayload(new RolloutOutcome(R1, RolloutRefusal.WRONG_STATE, detail,
                        RolloutStatus.REJECTED, 0, 0, 3L));
    }

    @Test
    void theRequesterMayRejectTheirOwnRollout() {
        fixture.given(requested(R1))
                .when(new RejectRollout(LANE, R1, "alice", "wrong version", T0))
                .expectEvents(new RolloutRejected(ACME, R1, MODEL, "alice", "wrong version", T0))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.REJECTED, 0, 0, 1L));
    }

    @Test
    void anApprovedRolloutCannotBeRejected() {
        fixture.given(requested(R1), approved(R1))
                .when(new RejectRollout(LANE, R1, "alice", "too late", T0))
                .expectEvents(wrongState(RolloutStatus.STARTING, "rejected", "alice", T0));
    }

    @Test
    void theConfirmedStartRunsTheFirstStepAtTheInitialShare() {
        fixture.given(requested(R1), approved(R1))
                .when(new ConfirmRolloutStarted(LANE, R1, VERSION, STARTED))
                .expectEvents(started(R1))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 1, 0.05, 2L));
    }

    @Test
    void confirmingTheStartAgainChangesNothing() {
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new ConfirmRolloutStarted(LANE, R1, VERSION, STARTED.plusSeconds(3)))
                .expectNoEvents()
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 1, 0.05, 2L));
    }

    @Test
    void anUnapprovedRolloutCannotStart() {
        fixture.given(requested(R1))
                .when(new ConfirmRolloutStarted(LANE, R1, VERSION, STARTED))
                .expectEvents(wrongState(RolloutStatus.PENDING_APPROVAL, "started", RolloutLane.GATES, STARTED))
                .expectResultMessagePayload(new RolloutOutcome(R1, RolloutRefusal.WRONG_STATE, "rollout " + R1
                        + " is PENDING_APPROVAL and cannot be started", RolloutStatus.PENDING_APPROVAL, 0, 0, 1L));
    }

    @Test
    void aHealthyStepWithEnoughSamplesAdvances() {
        Instant at = STARTED.plus(CHECK.multipliedBy(10));
        RolloutWindow window = healthy(STARTED, at);
        RolloutJudgement judgement = judged(PLAN, new RolloutProgress(1, 0.05, STARTED, at), window,
                RolloutAction.ADVANCE);
        assertThat(judgement.shareAfter()).isGreaterThan(0.05).isLessThan(1);
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new JudgeRolloutStep(LANE, R1, 1, 1, window, at))
                .expectEvents(new RolloutStepJudged(ACME, R1, MODEL, 1, 1, window, judgement, at),
                        new RolloutShareChanged(ACME, R1, MODEL, RolloutAction.ADVANCE, 1, 2, 0.05,
                                judgement.shareAfter(), VERSION, judgement.reason(), at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 2,
                        judgement.shareAfter(), 4L));
    }

    @Test
    void advancingToAllTrafficCompletesTheRollout() {
        Instant stepStart = STARTED.plus(CAP);
        Instant at = stepStart.plus(CHECK.multipliedBy(10));
        RolloutWindow window = healthy(stepStart, at);
        RolloutJudgement judgement = judged(PLAN, new RolloutProgress(6, 0.95, stepStart, at), window,
                RolloutAction.ADVANCE);
        assertThat(judgement.shareAfter()).isEqualTo(1.0);
        fixture.given(requested(R1), approved(R1), started(R1), shareChanged(1, 6, 0.05, 0.95, stepStart))
                .when(new JudgeRolloutStep(LANE, R1, 6, 7, window, at))
                .expectEvents(new RolloutStepJudged(ACME, R1, MODEL, 6, 7, window, judgement, at),
                        new RolloutShareChanged(ACME, R1, MODEL, RolloutAction.ADVANCE, 6, 7, 0.95, 1.0, VERSION,
                                judgement.reason(), at),
                        new RolloutCompleted(ACME, R1, MODEL, TARGET, VERSION, 7, at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.COMPLETED, 7, 1.0, 6L));
    }

    @Test
    void aMuchSlowerCanaryIsRolledBackByTheGates() {
        Instant at = STARTED.plus(CHECK.multipliedBy(10));
        RolloutWindow window = slow(STARTED, at);
        RolloutJudgement judgement = judged(PLAN, new RolloutProgress(1, 0.05, STARTED, at), window,
                RolloutAction.ROLLBACK);
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new JudgeRolloutStep(LANE, R1, 1, 1, window, at))
                .expectEvents(new RolloutStepJudged(ACME, R1, MODEL, 1, 1, window, judgement, at),
                        new RolloutRolledBack(ACME, R1, MODEL, TARGET, VERSION, 1, 0.05, judgement.decidingGate(),
                                judgement.reason(), at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.ROLLED_BACK, 1, 0.05,
                        4L));
    }

    @Test
    void tooFewSamplesHoldTheStep() {
        Instant at = STARTED.plus(CHECK);
        RolloutWindow window = sparse(STARTED, at);
        RolloutJudgement judgement = judged(PLAN, new RolloutProgress(1, 0.05, STARTED, at), window,
                RolloutAction.HOLD);
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new JudgeRolloutStep(LANE, R1, 1, 1, window, at))
                .expectEvents(new RolloutStepJudged(ACME, R1, MODEL, 1, 1, window, judgement, at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 1, 0.05, 3L));
    }

    @Test
    void anInconclusiveStepAtItsCapPausesWhenThePlanSaysSo() {
        RolloutPlan pausing = plan(InconclusiveAction.PAUSE);
        Instant at = STARTED.plus(CAP);
        RolloutWindow window = sparse(STARTED, at);
        RolloutJudgement judgement = judged(pausing, new RolloutProgress(1, 0.05, STARTED, at), window,
                RolloutAction.HOLD);
        fixture.given(new RolloutRequested(ACME, R1, MODEL, TARGET, pausing, "alice", "better calibrated", T0),
                        new RolloutApproved(ACME, R1, MODEL, TARGET, pausing, "alice", "bob", "looks fine", T0),
                        started(R1))
                .when(new JudgeRolloutStep(LANE, R1, 1, 1, window, at))
                .expectEvents(new RolloutStepJudged(ACME, R1, MODEL, 1, 1, window, judgement, at),
                        new RolloutPaused(ACME, R1, MODEL, RolloutLane.GATES, judgement.reason(), at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.PAUSED, 1, 0.05, 4L));
    }

    @Test
    void aLookRepeatedAfterARestartIsNotJudgedTwice() {
        Instant at = STARTED.plus(CHECK);
        RolloutWindow window = sparse(STARTED, at);
        RolloutJudgement hold = new RolloutJudgement(List.of(), false, RolloutAction.HOLD, null, 0.05, 0.05,
                "not enough canary tasks");
        fixture.given(requested(R1), approved(R1), started(R1),
                        new RolloutStepJudged(ACME, R1, MODEL, 1, 1, window, hold, at))
                .when(new JudgeRolloutStep(LANE, R1, 1, 1, window, at.plusSeconds(2)))
                .expectNoEvents()
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 1, 0.05, 3L));
    }

    @Test
    void aLookAtAStepThatMovedOnIsIgnored() {
        Instant stepStart = STARTED.plus(CHECK.multipliedBy(10));
        fixture.given(requested(R1), approved(R1), started(R1), shareChanged(1, 2, 0.05, 0.2, stepStart))
                .when(new JudgeRolloutStep(LANE, R1, 1, 2, sparse(STARTED, stepStart), stepStart))
                .expectNoEvents()
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 2, 0.2, 3L));
    }

    @Test
    void aPausedRolloutIsNotJudged() {
        Instant at = STARTED.plus(CHECK);
        fixture.given(requested(R1), approved(R1), started(R1), paused("carol", at))
                .when(new JudgeRolloutStep(LANE, R1, 1, 1, sparse(STARTED, at), at))
                .expectNoEvents();
    }

    @Test
    void anOperatorPausesARunningRollout() {
        Instant at = STARTED.plus(CHECK);
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new PauseRollout(LANE, R1, "carol", "incident elsewhere", at))
                .expectEvents(paused("carol", at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.PAUSED, 1, 0.05, 3L));
    }

    @Test
    void aPausedRolloutCannotBePausedAgain() {
        Instant at = STARTED.plus(CHECK);
        fixture.given(requested(R1), approved(R1), started(R1), paused("carol", at))
                .when(new PauseRollout(LANE, R1, "carol", "again", at))
                .expectEvents(wrongState(RolloutStatus.PAUSED, "paused", "carol", at));
    }

    @Test
    void resumingStartsAFreshStepAtTheSameShare() {
        Instant pausedAt = STARTED.plus(CHECK.multipliedBy(20));
        Instant at = pausedAt.plus(Duration.ofHours(1));
        fixture.given(requested(R1), approved(R1), started(R1), shareChanged(1, 2, 0.05, 0.2, STARTED.plus(CHECK)),
                        paused("carol", pausedAt))
                .when(new ResumeRollout(LANE, R1, "carol", "incident over", at))
                .expectEvents(new RolloutResumed(ACME, R1, MODEL, 3, 0.2, "carol", "incident over", at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 3, 0.2, 5L));
    }

    @Test
    void aRunningRolloutCannotBeResumed() {
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new ResumeRollout(LANE, R1, "carol", "go on", STARTED))
                .expectEvents(wrongState(RolloutStatus.RUNNING, "resumed", "carol", STARTED));
    }

    @Test
    void aRunningRolloutIsAbortedWithItsCanary() {
        Instant at = STARTED.plus(CHECK);
        fixture.given(requested(R1), approved(R1), started(R1))
                .when(new AbortRollout(LANE, R1, "carol", "customer complaint", at))
                .expectEvents(new RolloutAborted(ACME, R1, MODEL, TARGET, VERSION, "carol", "customer complaint", at))
                .expectResultMessagePayload(new RolloutOutcome(R1, null, null, RolloutStatus.ABORTED, 1, 0.05, 3L));
    }

    @Test
    void aRolloutStillStartingIsAbortedWithoutACanary() {
        fixture.given(requested(R1), approved(R1))
                .when(new AbortRollout(LANE, R1, "rollout-saga", "the HRS line refused the canary", T0))
                .expectEvents(new RolloutAborted(ACME, R1, MODEL, TARGET, null, "rollout-saga",
                        "the HRS line refused the canary", T0));
    }

    @Test
    void aPendingRolloutCanBeAborted() {
        fixture.given(requested(R1))
                .when(new AbortRollout(LANE, R1, "carol", "superseded", T0))
                .expectEvents(new RolloutAborted(ACME, R1, MODEL, TARGET, null, "carol", "superseded", T0));
    }

    @Test
    void aCompletedRolloutCannotBeAborted() {
        fixture.given(requested(R1), approved(R1), started(R1),
                        new RolloutCompleted(ACME, R1, MODEL, TARGET, VERSION, 7, STARTED.plus(CAP)))
                .when(new AbortRollout(LANE, R1, "carol", "too late", STARTED.plus(CAP)))
                .expectEvents(wrongState(RolloutStatus.COMPLETED, "aborted", "carol", STARTED.plus(CAP)));
    }

    /** The gate logic's own answer, checked to be the unambiguous one each window is built for. */
    private static RolloutJudgement judged(RolloutPlan plan, RolloutProgress progress, RolloutWindow window,
                                           RolloutAction expected) {
        RolloutJudgement judgement = RolloutJudge.judge(plan, progress, window);
        assertThat(judgement.action()).as(judgement.reason()).isEqualTo(expected);
        return judgement;
    }

    private static RolloutPlan plan(InconclusiveAction onInconclusive) {
        return new RolloutPlan(0.05, 0.05, 0.25, 200, CHECK, CAP, 0.05, Combination.ALL_OF,
                List.of(GateKind.ERROR_BUDGET, GateKind.LATENCY), onInconclusive, RolloutPlan.LatencyGate.defaults(),
                RolloutPlan.ErrorBudgetGate.defaults(), null, null);
    }

    /** 5,000 canary tasks as fast and as reliable as 50,000 control tasks. */
    private static RolloutWindow healthy(Instant from, Instant to) {
        return window(from, to, arm(5_000, 5, 100_000, 50), arm(50_000, 50, 100_000, 0));
    }

    /** The canary takes five seconds where the control takes a tenth: most of its tasks miss the SLO. */
    private static RolloutWindow slow(Instant from, Instant to) {
        return window(from, to, arm(5_000, 4_500, 5_000_000, 4_800), arm(50_000, 50, 100_000, 0));
    }

    /** Ten canary tasks, far below the plan's 200 per step. */
    private static RolloutWindow sparse(Instant from, Instant to) {
        return window(from, to, arm(10, 0, 100_000, 0), arm(50_000, 50, 100_000, 0));
    }

    private static RolloutWindow window(Instant from, Instant to, ArmStats canary, ArmStats control) {
        double bound = control.latencyP95Micros() * PLAN.latency().maxP95Ratio();
        return new RolloutWindow(from, to, to.minus(PLAN.errorBudget().shortWindow()), SLO_MICROS, bound, canary,
                control);
    }

    /** One fifth of the window's tasks and of its bad ones fall in the short window. */
    private static ArmStats arm(long tasks, long bad, double p95Micros, long overBound) {
        return new ArmStats(tasks, bad, tasks / 5, bad / 5, p95Micros, overBound, 0, 0, tasks, tasks * 0.01,
                tasks * 0.0001, tasks * 0.01);
    }

    private static RolloutRefused wrongState(RolloutStatus status, String done, String actor, Instant at) {
        return new RolloutRefused(ACME, R1, MODEL, RolloutRefusal.WRONG_STATE,
                "rollout " + R1 + " is " + status + " and cannot be " + done, actor, at);
    }

    private static RolloutRequested requested(RolloutId rolloutId) {
        return new RolloutRequested(ACME, rolloutId, MODEL, TARGET, PLAN, "alice", "better calibrated", T0);
    }

    private static RolloutApproved approved(RolloutId rolloutId) {
        return new RolloutApproved(ACME, rolloutId, MODEL, TARGET, PLAN, "alice", "bob", "looks fine",
                T0.plusSeconds(60));
    }

    private static RolloutStarted started(RolloutId rolloutId) {
        return new RolloutStarted(ACME, rolloutId, MODEL, TARGET, VERSION, 0.05, STARTED);
    }

    private static RolloutShareChanged shareChanged(int fromStep, int toStep, double fromShare, double toShare,
                                                    Instant at) {
        return new RolloutShareChanged(ACME, R1, MODEL, RolloutAction.ADVANCE, fromStep, toStep, fromShare, toShare,
                VERSION, "every gate passed", at);
    }

    private static RolloutPaused paused(String actor, Instant at) {
        return new RolloutPaused(ACME, R1, MODEL, actor, "incident elsewhere", at);
    }
}
