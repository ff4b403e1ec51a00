package io.flk.sagas.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.PromoteCanary;
import io.flk.domain.hrs.HrsModelCommands.RouteCanary;
import io.flk.domain.hrs.HrsModelCommands.WithdrawCanary;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.hrs.PromotionRefusal;
import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ConfirmRolloutStarted;
import io.flk.domain.rollout.RolloutCommands.JudgeRolloutStep;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutApproved;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutWindow;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.WithdrawPolicyCanary;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RolloutSagaTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final RolloutId R1 = RolloutId.of("ro-00000000-0000-0000-0000-000000000001");
    private static final RolloutLaneId MODEL_LANE = RolloutLaneId.of(ACME, RolloutComponent.HRS_MODEL);
    private static final RolloutLaneId POLICY_LANE = RolloutLaneId.of(ACME, RolloutComponent.ENSEMBLE_POLICY);
    private static final String VERSION = "2026-11-26.1";
    private static final EligibilityGates GATES = EligibilityGates.defaults();
    private static final RolloutTarget MODEL = RolloutTarget.model(VERSION, GATES);
    private static final StrategySettings ONE = new StrategySettings(1, 0.5, 200, FailureMode.FAIL_CLOSED);
    private static final EnsembleRules STRICTER = new EnsembleRules(Map.of(StrategyName.HRS, ONE,
            StrategyName.RAG_GROUNDING, ONE), 2, 0.7);
    private static final RolloutTarget POLICY = RolloutTarget.policy(new EnsemblePolicySpec(STRICTER, STRICTER, 0.1));
    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final Duration CHECK = PLAN.checkInterval();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final String CANARY_VERSION = "7";

    private SagaTestFixture<RolloutSaga> fixture;
    private WindowReadModel windows;
    private PromotionOutcome routeAnswer;
    private PromotionOutcome promoteAnswer;
    private RuntimeException policyRefusal;
    private RolloutOutcome judgeAnswer;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RolloutSaga.class);
        windows = new WindowReadModel();
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(windows).subscribe(queryBus);
        fixture.registerResource(DefaultQueryGateway.builder().queryBus(queryBus).build());
        routeAnswer = new PromotionOutcome(null, null, null, HrsRouting.bundledOnly(), 3L);
        promoteAnswer = new PromotionOutcome(null, null, null, HrsRouting.bundledOnly(), 8L);
        judgeAnswer = new RolloutOutcome(R1, null, null, RolloutStatus.RUNNING, 1, 0.05, 4L);
        fixture.setCallbackBehavior((command, metaData) -> answer(command));
    }

    @Test
    void anApprovedModelRolloutRoutesTheCanaryAtTheInitialShareAndConfirmsTheStart() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(approved(MODEL))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new RouteCanary(HrsLineId.of(ACME), R1, VERSION, 0.05, GATES, RolloutSaga.ACTOR, T0),
                        new ConfirmRolloutStarted(MODEL_LANE, R1, VERSION, T0));
    }

    @Test
    void aCanaryTheHrsLineRefusesAbortsTheRollout() {
        routeAnswer = new PromotionOutcome(null, PromotionRefusal.NOT_REGISTERED,
                "version " + VERSION + " is not registered for tenant acme", HrsRouting.bundledOnly(), 3L);
        fixture.givenNoPriorActivity()
                .whenPublishingA(approved(MODEL))
                .expectDispatchedCommands(
                        new RouteCanary(HrsLineId.of(ACME), R1, VERSION, 0.05, GATES, RolloutSaga.ACTOR, T0),
                        new AbortRollout(MODEL_LANE, R1, RolloutSaga.ACTOR, "the HRS line refused the canary: "
                                + "NOT_REGISTERED version " + VERSION + " is not registered for tenant acme", T0));
    }

    @Test
    void aPolicyRolloutRunsUnderTheCandidatesVersion() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(approved(POLICY))
                .expectDispatchedCommands(
                        new RoutePolicyCanary(PolicyId.of(ACME), R1, POLICY.candidatePolicy(), 0.05,
                                RolloutSaga.ACTOR, T0),
                        new ConfirmRolloutStarted(POLICY_LANE, R1, CANARY_VERSION, T0));
    }

    @Test
    void aCandidatePolicyThePolicyRefusesAbortsTheRollout() {
        policyRefusal = new BusinessRuleViolation("canary-exists", "another canary already runs on this policy");
        fixture.givenNoPriorActivity()
                .whenPublishingA(approved(POLICY))
                .expectDispatchedCommands(
                        new RoutePolicyCanary(PolicyId.of(ACME), R1, POLICY.candidatePolicy(), 0.05,
                                RolloutSaga.ACTOR, T0),
                        new AbortRollout(POLICY_LANE, R1, RolloutSaga.ACTOR, "the ensemble-policy component refused "
                                + "the canary: another canary already runs on this policy", T0));
    }

    /** The lane's previous rollout ended, but its saga has not withdrawn that rollout's canary yet. */
    @Test
    void aStartRefusedWhileTheLanesPreviousCanaryIsRoutedIsTriedAgainASecondLater() {
        policyRefusal = previousCanaryStillRouted();
        fixture.givenCurrentTime(T0)
                .whenPublishingA(approved(POLICY))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RoutePolicyCanary(PolicyId.of(ACME), R1, POLICY.candidatePolicy(),
                        0.05, RolloutSaga.ACTOR, T0))
                .expectScheduledDeadlineWithName(T0.plusSeconds(1), RolloutSaga.START_RETRY);
    }

    @Test
    void aModelCanaryRefusedWhileTheLanesPreviousCanaryIsRoutedIsTriedAgainToo() {
        routeAnswer = new PromotionOutcome(null, PromotionRefusal.ROLLOUT_IN_PROGRESS, "rollout ro-1 routes "
                + "version 2026-11-25.1 as its canary; complete or abort it first", HrsRouting.bundledOnly(), 3L);
        fixture.givenCurrentTime(T0)
                .whenPublishingA(approved(MODEL))
                .expectDispatchedCommands(new RouteCanary(HrsLineId.of(ACME), R1, VERSION, 0.05, GATES,
                        RolloutSaga.ACTOR, T0))
                .expectScheduledDeadlineWithName(T0.plusSeconds(1), RolloutSaga.START_RETRY);
    }

    @Test
    void aRetriedStartRoutesTheCanaryOnceThePreviousOneLeft() throws Exception {
        Instant retry = T0.plusSeconds(1);
        policyRefusal = previousCanaryStillRouted();
        ContinuedGivenState waiting = fixture.givenCurrentTime(T0)
                .andThenAggregate(POLICY_LANE.toString()).published(approved(POLICY));
        policyRefusal = null;
        waiting.whenTimeElapses(Duration.ofSeconds(1))
                .expectTriggeredDeadlinesWithName(RolloutSaga.START_RETRY)
                .expectDispatchedCommands(
                        new RoutePolicyCanary(PolicyId.of(ACME), R1, POLICY.candidatePolicy(), 0.05,
                                RolloutSaga.ACTOR, retry),
                        new ConfirmRolloutStarted(POLICY_LANE, R1, CANARY_VERSION, retry));
    }

    /** 1, 2, 4, 8 and 16 s, then the check interval (30 s): tries at 1, 3, 7, 15, 31 and 61 s. */
    @Test
    void retriesBackOffUpToTheCheckInterval() throws Exception {
        policyRefusal = previousCanaryStillRouted();
        fixture.givenCurrentTime(T0)
                .andThenAggregate(POLICY_LANE.toString()).published(approved(POLICY))
                .andThenTimeElapses(Duration.ofSeconds(31))
                .whenTimeElapses(Duration.ofSeconds(30))
                .expectDispatchedCommands(new RoutePolicyCanary(PolicyId.of(ACME), R1, POLICY.candidatePolicy(),
                        0.05, RolloutSaga.ACTOR, T0.plusSeconds(61)))
                .expectScheduledDeadlineWithName(T0.plusSeconds(91), RolloutSaga.START_RETRY);
    }

    /** Tries at 31 s and every 30 s after: the one at 1771 s still waits, the one at 1801 s is past 30 min. */
    @Test
    void aStartStillRefusedOnceMaxStepDurationPassedAbortsTheRollout() throws Exception {
        policyRefusal = previousCanaryStillRouted();
        fixture.givenCurrentTime(T0)
                .andThenAggregate(POLICY_LANE.toString()).published(approved(POLICY))
                .andThenTimeElapses(Duration.ofSeconds(1771))
                .whenTimeElapses(CHECK)
                .expectDispatchedCommands(
                        new RoutePolicyCanary(PolicyId.of(ACME), R1, POLICY.candidatePolicy(), 0.05,
                                RolloutSaga.ACTOR, T0.plus(PLAN.maxStepDuration()).plusSeconds(1)),
                        new AbortRollout(POLICY_LANE, R1, RolloutSaga.ACTOR, "the ensemble-policy component refused "
                                + "the canary: " + previousCanaryStillRouted().getMessage(),
                                T0.plus(PLAN.maxStepDuration()).plusSeconds(1)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theFirstLookAtAStepComesOneCheckIntervalAfterItStarted() {
        Instant now = T0.plus(CHECK);
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenTimeElapses(CHECK)
                .expectTriggeredDeadlinesWithName(RolloutSaga.STEP_CHECK)
                .expectDispatchedCommands(new JudgeRolloutStep(MODEL_LANE, R1, 1, 1, window(T0, now), now))
                .expectScheduledDeadlineWithName(now.plus(CHECK), RolloutSaga.STEP_CHECK);
        assertThat(windows.asked).containsExactly(new FetchRolloutWindow(ACME, RolloutComponent.HRS_MODEL, VERSION,
                T0, now, T0, PLAN.latency().maxP95Ratio(), PLAN.errorBudget().sloLatencyMillis() * 1_000));
    }

    @Test
    void everyLookCarriesTheNextEvaluationNumber() throws Exception {
        Instant now = T0.plus(CHECK.multipliedBy(2));
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .andThenTimeElapses(CHECK)
                .whenTimeElapses(CHECK)
                .expectDispatchedCommands(new JudgeRolloutStep(MODEL_LANE, R1, 1, 2, window(T0, now), now));
    }

    @Test
    void theShortWindowIsTheLastMinutesOfALongStep() {
        Instant now = T0.plus(PLAN.maxStepDuration());
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenTimeElapses(PLAN.maxStepDuration());
        FetchRolloutWindow last = windows.asked.get(windows.asked.size() - 1);
        assertThat(last.to()).isEqualTo(now);
        assertThat(last.shortFrom()).isEqualTo(now.minus(PLAN.errorBudget().shortWindow()));
    }

    @Test
    void aLookAfterWhichTheRolloutNoLongerRunsSchedulesNoOther() {
        judgeAnswer = new RolloutOutcome(R1, null, null, RolloutStatus.ROLLED_BACK, 1, 0.05, 5L);
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenTimeElapses(CHECK)
                .expectDispatchedCommands(new JudgeRolloutStep(MODEL_LANE, R1, 1, 1, window(T0, T0.plus(CHECK)),
                        T0.plus(CHECK)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFailedQueryLosesNoDecisionAndLooksAgainAtTheNextInterval() {
        windows.down = true;
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenTimeElapses(CHECK)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(T0.plus(CHECK.multipliedBy(2)), RolloutSaga.STEP_CHECK);
    }

    @Test
    void aLookAfterAFailedOneCarriesTheEvaluationNumberTheLaneHasNotSeen() throws Exception {
        windows.down = true;
        Instant now = T0.plus(CHECK.multipliedBy(2));
        ContinuedGivenState afterAFailedLook = fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .andThenTimeElapses(CHECK);
        windows.down = false;
        afterAFailedLook.whenTimeElapses(CHECK)
                .expectDispatchedCommands(new JudgeRolloutStep(MODEL_LANE, R1, 1, 1, window(T0, now), now));
    }

    @Test
    void aNewShareIsRoutedAndItsStepLookedAtFromItsStart() {
        Instant changed = T0.plus(CHECK.multipliedBy(10));
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenAggregate(MODEL_LANE.toString()).publishes(shareChanged(0.05, 0.2, changed))
                .expectDispatchedCommands(
                        new RouteCanary(HrsLineId.of(ACME), R1, VERSION, 0.2, GATES, RolloutSaga.ACTOR, changed))
                .expectScheduledDeadlineWithName(changed.plus(CHECK), RolloutSaga.STEP_CHECK);
    }

    @Test
    void aPausedRolloutIsNotLookedAt() {
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started(),
                        new RolloutPaused(ACME, R1, RolloutComponent.HRS_MODEL, "carol", "incident", T0))
                .whenTimeElapses(Duration.ofHours(1))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aResumedRolloutIsLookedAtAgainFromItsFreshStep() {
        Instant at = T0.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started(),
                        new RolloutPaused(ACME, R1, RolloutComponent.HRS_MODEL, "carol", "incident", T0))
                .whenAggregate(MODEL_LANE.toString()).publishes(resumed(2, at))
                .expectScheduledDeadlineWithName(at.plus(CHECK), RolloutSaga.STEP_CHECK);
    }

    @Test
    void aCompletedRolloutPromotesItsCanaryAndEnds() {
        Instant at = T0.plus(Duration.ofHours(2));
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenAggregate(MODEL_LANE.toString()).publishes(
                        new RolloutCompleted(ACME, R1, RolloutComponent.HRS_MODEL, MODEL, VERSION, 7, at))
                .expectDispatchedCommands(new PromoteCanary(HrsLineId.of(ACME), R1, RolloutSaga.ACTOR, at))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPromotionTheHrsLineRefusesStillEndsTheRollout() {
        Instant at = T0.plus(Duration.ofHours(2));
        promoteAnswer = new PromotionOutcome(null, PromotionRefusal.ARTIFACT_REFUSED,
                "the artifact of version " + VERSION + " was refused: sha256-mismatch", HrsRouting.bundledOnly(), 9L);
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenAggregate(MODEL_LANE.toString()).publishes(
                        new RolloutCompleted(ACME, R1, RolloutComponent.HRS_MODEL, MODEL, VERSION, 7, at))
                .expectDispatchedCommands(new PromoteCanary(HrsLineId.of(ACME), R1, RolloutSaga.ACTOR, at))
                .expectActiveSagas(0);
    }

    @Test
    void aRolledBackRolloutWithdrawsItsCanaryAndEnds() {
        Instant at = T0.plus(CHECK.multipliedBy(3));
        String reason = "error budget burns fast: canary 80.0x, control 0.1x";
        fixture.givenCurrentTime(T0)
                .andThenAggregate(MODEL_LANE.toString()).published(approved(MODEL), started())
                .whenAggregate(MODEL_LANE.toString()).publishes(new RolloutRolledBack(ACME, R1,
                        RolloutComponent.HRS_MODEL, MODEL, VERSION, 1, 0.05, null, reason, at))
                .expectDispatchedCommands(new WithdrawCanary(HrsLineId.of(ACME), R1, RolloutSaga.ACTOR, reason, at))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void anAbortedPolicyRolloutWithdrawsItsCandidateAndEnds() {
        fixture.givenCurrentTime(T0)
                .andThenAggregate(POLICY_LANE.toString()).published(approved(POLICY))
                .whenAggregate(POLICY_LANE.toString()).publishes(new RolloutAborted(ACME, R1,
                        RolloutComponent.ENSEMBLE_POLICY, POLICY, CANARY_VERSION, "carol", "customer complaint", T0))
                .expectDispatchedCommands(new WithdrawPolicyCanary(PolicyId.of(ACME), R1, RolloutSaga.ACTOR,
                        "customer complaint", T0))
                .expectActiveSagas(0);
    }

    private Object answer(Object command) {
        if (command instanceof RouteCanary) {
            return routeAnswer;
        }
        if (command instanceof PromoteCanary) {
            return promoteAnswer;
        }
        if (command instanceof RoutePolicyCanary) {
            if (policyRefusal != null) {
                throw policyRefusal;
            }
            return Long.valueOf(CANARY_VERSION);
        }
        if (command instanceof JudgeRolloutStep) {
            return judgeAnswer;
        }
        return null;
    }

    /** What the ensemble policy answers while the canary of the lane's previous rollout is still routed. */
    private static BusinessRuleViolation previousCanaryStillRouted() {
        return new BusinessRuleViolation("rollout-in-progress", "a rollout of policy version 6 is in progress: "
                + "abort it first");
    }

    private static RolloutApproved approved(RolloutTarget target) {
        return new RolloutApproved(ACME, R1, target.component(), target, PLAN, "alice", "bob", "looks fine", T0);
    }

    private static RolloutStarted started() {
        return new RolloutStarted(ACME, R1, RolloutComponent.HRS_MODEL, MODEL, VERSION, 0.05, T0);
    }

    private static RolloutShareChanged shareChanged(double from, double to, Instant at) {
        return new RolloutShareChanged(ACME, R1, RolloutComponent.HRS_MODEL, RolloutAction.ADVANCE, 1, 2, from, to,
                VERSION, "every gate passed", at);
    }

    private static RolloutResumed resumed(int step, Instant at) {
        return new RolloutResumed(ACME, R1, RolloutComponent.HRS_MODEL, step, 0.05, "carol", "incident over", at);
    }

    /** What the read model below answers for a window; its numbers do not matter to the saga. */
    private static RolloutWindow window(Instant from, Instant to) {
        return new RolloutWindow(from, to, from, 1_000_000, null, ArmStats.EMPTY, ArmStats.EMPTY);
    }

    /** Stands in for the rollout-samples read model; {@code down} is a database that is gone. */
    static final class WindowReadModel {

        final List<FetchRolloutWindow> asked = new ArrayList<>();
        boolean down;

        @QueryHandler
        RolloutWindow handle(FetchRolloutWindow query) {
            if (down) {
                throw new IllegalStateException("database gone");
            }
            asked.add(query);
            return window(query.from(), query.to());
        }
    }
}
