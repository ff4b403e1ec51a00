package io.flk.commands.rollout.fleet;

import static io.flk.commands.DomainErrors.invalid;
import static io.flk.commands.DomainErrors.violation;

import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetMember;
import io.flk.domain.rollout.fleet.FleetMemberOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.AbortFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.ApproveFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.PauseFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RecordFleetMemberEnded;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RejectFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RequestFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.ResumeFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetMemberEnded;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutAborted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutApproved;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutCompleted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutHalted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutPaused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRefused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRejected;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRequested;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutResumed;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveBakeStarted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveReleased;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.rollout.fleet.FleetRolloutOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetRolloutTest {

    private static final FleetRolloutId FLEET = FleetRolloutId.of("fro-00000000-0000-0000-0000-000000000001");
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final TenantId INITECH = TenantId.of("initech");
    private static final List<TenantId> TENANTS = List.of(ACME, GLOBEX, INITECH);
    private static final RolloutTarget TARGET = RolloutTarget.policy(DefaultPolicies.spec());
    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant APPROVED = T0.plusSeconds(60);
    private static final Instant LATER = T0.plusSeconds(3_600);
    private static final Duration BAKE = Duration.ofMinutes(30);

    private FixtureConfiguration<FleetRollout> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FleetRollout.class);
    }

    @Test
    void aRequestWaitsForASecondPrincipalWithItsWavesNoLargerThanTheFleet() {
        fixture.givenNoPriorActivity()
                .when(request(TARGET, PLAN, TENANTS, 5))
                .expectEvents(requested(3));
    }

    @Test
    void aWaveSizeWithinTheFleetIsKept() {
        fixture.givenNoPriorActivity()
                .when(request(TARGET, PLAN, TENANTS, 2))
                .expectEvents(requested(2));
    }

    @Test
    void aModelVersionBelongsToOneTenantAndIsNotRolledOutToAFleet() {
        fixture.givenNoPriorActivity()
                .when(request(RolloutTarget.model("2026-11-26.1", EligibilityGates.defaults()), PLAN, TENANTS, 2))
                .expectException(invalid("component"))
                .expectNoEvents();
    }

    @Test
    void aFleetOfNoTenantsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request(TARGET, PLAN, List.of(), 2))
                .expectException(invalid("tenants"))
                .expectNoEvents();
    }

    @Test
    void aTenantNamedTwiceIsRefusedWhereItIsRepeated() {
        fixture.givenNoPriorActivity()
                .when(request(TARGET, PLAN, List.of(ACME, ACME, GLOBEX), 2))
                .expectException(invalid("tenants[1]"))
                .expectNoEvents();
    }

    @Test
    void aTenantLeftOutIsRefusedWhereItIsMissing() {
        fixture.givenNoPriorActivity()
                .when(request(TARGET, PLAN, Arrays.asList(ACME, null, GLOBEX), 2))
                .expectException(invalid("tenants[1]"))
                .expectNoEvents();
    }

    @Test
    void aWaveOfNoTenantsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(request(TARGET, PLAN, TENANTS, 0))
                .expectException(invalid("waveSize"))
                .expectNoEvents();
    }

    @Test
    void aPlanWithImpossibleBoundsStartsNothing() {
        RolloutPlan impossible = new RolloutPlan(0.05, 0.3, 0.1, 200, PLAN.checkInterval(), PLAN.maxStepDuration(),
                0.05, PLAN.combination(), PLAN.priority(), PLAN.onInconclusive(), PLAN.latency(), PLAN.errorBudget(),
                PLAN.containment(), PLAN.cost());
        fixture.givenNoPriorActivity()
                .when(request(TARGET, impossible, TENANTS, 2))
                .expectException(invalid("minStep"))
                .expectNoEvents();
    }

    @Test
    void aSecondPrincipalApprovesAndTheFirstWaveIsReleased() {
        fixture.given(requested(2))
                .when(new ApproveFleetRollout(FLEET, "bob", true, "looks fine", APPROVED))
                .expectEvents(approved(), wave(1, APPROVED, ACME, GLOBEX))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 2L));
    }

    @Test
    void cannotApproveOwnFleetRollout() {
        String detail = "alice requested fleet rollout " + FLEET + " and cannot also approve it";
        fixture.given(requested(2))
                .when(new ApproveFleetRollout(FLEET, "alice", true, "looks fine", APPROVED))
                .expectEvents(new FleetRolloutRefused(FLEET, RolloutRefusal.SELF_APPROVAL, detail, "alice", APPROVED))
                .expectResultMessagePayload(new FleetRolloutOutcome(FLEET, RolloutRefusal.SELF_APPROVAL, detail,
                        FleetRolloutStatus.PENDING_APPROVAL, 1L));
    }

    @Test
    void cannotApproveWithoutTheApproverRole() {
        String detail = "carol does not hold the approver role";
        fixture.given(requested(2))
                .when(new ApproveFleetRollout(FLEET, "carol", false, "looks fine", APPROVED))
                .expectEvents(new FleetRolloutRefused(FLEET, RolloutRefusal.SELF_APPROVAL, detail, "carol", APPROVED))
                .expectResultMessagePayload(new FleetRolloutOutcome(FLEET, RolloutRefusal.SELF_APPROVAL, detail,
                        FleetRolloutStatus.PENDING_APPROVAL, 1L));
    }

    @Test
    void approvingTwiceIsRefusedAndReleasesNoOtherWave() {
        String detail = "fleet rollout " + FLEET + " is RUNNING and cannot be approved";
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(new ApproveFleetRollout(FLEET, "dave", true, "me too", LATER))
                .expectEvents(new FleetRolloutRefused(FLEET, RolloutRefusal.WRONG_STATE, detail, "dave", LATER))
                .expectResultMessagePayload(new FleetRolloutOutcome(FLEET, RolloutRefusal.WRONG_STATE, detail,
                        FleetRolloutStatus.RUNNING, 3L));
    }

    @Test
    void aRejectedFleetRolloutCannotBeApproved() {
        fixture.given(requested(2), rejected())
                .when(new ApproveFleetRollout(FLEET, "bob", true, "changed my mind", LATER))
                .expectEvents(wrongState(FleetRolloutStatus.REJECTED, "approved", "bob"));
    }

    @Test
    void theRequesterMayRejectTheirOwnFleetRollout() {
        fixture.given(requested(2))
                .when(new RejectFleetRollout(FLEET, "alice", "wrong candidate", APPROVED))
                .expectEvents(rejected())
                .expectResultMessagePayload(accepted(FleetRolloutStatus.REJECTED, 1L));
    }

    @Test
    void anApprovedFleetRolloutCannotBeRejected() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(new RejectFleetRollout(FLEET, "alice", "too late", LATER))
                .expectEvents(wrongState(FleetRolloutStatus.RUNNING, "rejected", "alice"));
    }

    @Test
    void aPendingFleetRolloutIsAbortedWithNoRolloutToAbort() {
        fixture.given(requested(2))
                .when(new AbortFleetRollout(FLEET, "carol", "superseded", APPROVED))
                .expectEvents(new FleetRolloutAborted(FLEET, "carol", "superseded", List.of(), APPROVED))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.ABORTED, 1L));
    }

    @Test
    void aRunningFleetRolloutIsAbortedWithTheRolloutsStillRunning() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(new AbortFleetRollout(FLEET, "carol", "customer complaint", LATER))
                .expectEvents(new FleetRolloutAborted(FLEET, "carol", "customer complaint", List.of(member(GLOBEX)),
                        LATER))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.ABORTED, 4L));
    }

    @Test
    void aCompletedFleetRolloutCannotBeAborted() {
        fixture.given(requested(3), approved(), wave(1, APPROVED, ACME, GLOBEX, INITECH),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        ended(INITECH, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new FleetRolloutCompleted(FLEET, 3, 1, LATER))
                .when(new AbortFleetRollout(FLEET, "carol", "too late", LATER))
                .expectEvents(wrongState(FleetRolloutStatus.COMPLETED, "aborted", "carol"));
    }

    @Test
    void aHaltedFleetRolloutCannotBeAborted() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, "latency", GLOBEX))
                .when(new AbortFleetRollout(FLEET, "carol", "to be sure", LATER))
                .expectEvents(wrongState(FleetRolloutStatus.HALTED, "aborted", "carol"));
    }

    @Test
    void aCompletionWhileOthersOfItsWaveRunOnlyRecordsIt() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(end(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectEvents(ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 3L));
    }

    @Test
    void aWaveAllCompletedReleasesTheNextWave() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(end(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"),
                        wave(2, LATER, INITECH))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 5L));
    }

    @Test
    void theLastCompletionCompletesTheFleetRollout() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"),
                        wave(2, LATER, INITECH))
                .when(end(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"))
                .expectEvents(ended(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"),
                        new FleetRolloutCompleted(FLEET, 3, 2, LATER))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.COMPLETED, 7L));
    }

    @Test
    void aRolledBackMemberHaltsTheFleetAndListsTheOthersToAbort() {
        String reason = "error budget burns fast: canary 80.0x, control 0.1x";
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(end(ACME, FleetMemberOutcome.ROLLED_BACK, reason))
                .expectEvents(ended(ACME, FleetMemberOutcome.ROLLED_BACK, reason),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, reason, GLOBEX))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.HALTED, 4L));
    }

    @Test
    void aMemberItsLaneRefusedHaltsTheFleet() {
        String reason = "ROLLOUT_IN_PROGRESS: another rollout runs on rollouts:globex:ensemble-policy";
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(end(GLOBEX, FleetMemberOutcome.REFUSED, reason))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.REFUSED, reason),
                        halted(GLOBEX, FleetMemberOutcome.REFUSED, reason, ACME));
    }

    /** The wave is over once its last member ended, but a halt must not release the next one. */
    @Test
    void aHaltEndingItsWaveReleasesNoFurtherWave() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .when(end(ACME, FleetMemberOutcome.ABORTED, "aborted by carol: customer complaint"))
                .expectEvents(ended(ACME, FleetMemberOutcome.ABORTED, "aborted by carol: customer complaint"),
                        halted(ACME, FleetMemberOutcome.ABORTED, "aborted by carol: customer complaint"));
    }

    @Test
    void afterAHaltTheEndOfAnAbortedMemberIsRecordedWithoutASecondHalt() {
        String reason = "aborted by fleet-rollout-saga: halted";
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, "latency", GLOBEX))
                .when(end(GLOBEX, FleetMemberOutcome.ABORTED, reason))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.ABORTED, reason))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.HALTED, 5L));
    }

    /** A member may complete before its abort reaches it: its wave is then over, yet the fleet stays halted. */
    @Test
    void afterAHaltACompletionReleasesNoFurtherWave() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, "latency", GLOBEX))
                .when(end(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 7 steps"));
    }

    /** Every tenant then has ended, yet the fleet does not count as completed. */
    @Test
    void afterAHaltTheLastCompletionDoesNotCompleteTheFleet() {
        fixture.given(requested(ACME, GLOBEX), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, "latency", GLOBEX))
                .when(end(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.HALTED, 5L));
    }

    @Test
    void afterAnAbortTheMembersEndsAreRecordedButDecideNothing() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new FleetRolloutAborted(FLEET, "carol", "customer complaint", List.of(member(GLOBEX)), LATER))
                .when(end(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.ABORTED, 5L));
    }

    @Test
    void aRunningFleetRolloutIsPausedWithTheRolloutsNotEnded() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(pause())
                .expectEvents(paused(GLOBEX))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.PAUSED, 4L));
    }

    @Test
    void aPendingFleetRolloutCannotBePaused() {
        String detail = "fleet rollout " + FLEET + " is PENDING_APPROVAL and cannot be paused";
        fixture.given(requested(2))
                .when(pause())
                .expectEvents(wrongState(FleetRolloutStatus.PENDING_APPROVAL, "paused", "carol"))
                .expectResultMessagePayload(new FleetRolloutOutcome(FLEET, RolloutRefusal.WRONG_STATE, detail,
                        FleetRolloutStatus.PENDING_APPROVAL, 1L));
    }

    @Test
    void aPausedFleetRolloutCannotBePausedAgain() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX), paused(ACME, GLOBEX))
                .when(pause())
                .expectEvents(wrongState(FleetRolloutStatus.PAUSED, "paused", "carol"));
    }

    @Test
    void aRunningFleetRolloutCannotBeResumed() {
        String detail = "fleet rollout " + FLEET + " is RUNNING and cannot be resumed";
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(resume())
                .expectEvents(wrongState(FleetRolloutStatus.RUNNING, "resumed", "carol"))
                .expectResultMessagePayload(new FleetRolloutOutcome(FLEET, RolloutRefusal.WRONG_STATE, detail,
                        FleetRolloutStatus.RUNNING, 3L));
    }

    @Test
    void resumingWhileItsWaveStillRunsResumesTheRolloutsNotEndedAndReleasesNothing() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX), paused(ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(resume())
                .expectEvents(resumed(GLOBEX))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 5L));
    }

    /** Nothing of the wave runs any more, yet the next wave waits for the operator who paused to resume. */
    @Test
    void aWaveCompletedWhilePausedReleasesNoFurtherWave() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX), paused(ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(end(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .expectEvents(ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.PAUSED, 5L));
    }

    @Test
    void resumingAfterItsWaveCompletedReleasesTheNextWave() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX), paused(ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"))
                .when(resume())
                .expectEvents(resumed(), wave(2, LATER, INITECH))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 7L));
    }

    /** Every tenant then has completed; the fleet's completion is left to its resume, as a next wave would be. */
    @Test
    void theLastCompletionWhilePausedDoesNotCompleteTheFleet() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"),
                        wave(2, LATER, INITECH), paused(INITECH))
                .when(end(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"))
                .expectEvents(ended(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.PAUSED, 7L));
    }

    @Test
    void resumingAfterTheLastCompletionCompletesTheFleet() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"),
                        wave(2, LATER, INITECH), paused(INITECH),
                        ended(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"))
                .when(resume())
                .expectEvents(resumed(), new FleetRolloutCompleted(FLEET, 3, 2, LATER))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.COMPLETED, 9L));
    }

    @Test
    void aMemberRolledBackWhilePausedHaltsTheFleetAndListsTheOthersToAbort() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX), paused(ACME, GLOBEX))
                .when(end(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"))
                .expectEvents(ended(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, "latency", GLOBEX))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.HALTED, 5L));
    }

    @Test
    void aFleetRolloutHaltedWhilePausedCannotBeResumed() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX), paused(ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.ROLLED_BACK, "latency"),
                        halted(ACME, FleetMemberOutcome.ROLLED_BACK, "latency", GLOBEX))
                .when(resume())
                .expectEvents(wrongState(FleetRolloutStatus.HALTED, "resumed", "carol"));
    }

    @Test
    void aPausedFleetRolloutIsAbortedWithTheRolloutsStillRunning() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"), paused(GLOBEX))
                .when(new AbortFleetRollout(FLEET, "carol", "customer complaint", LATER))
                .expectEvents(new FleetRolloutAborted(FLEET, "carol", "customer complaint", List.of(member(GLOBEX)),
                        LATER))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.ABORTED, 5L));
    }

    @Test
    void aBakeTimeOfMoreThanAWeekIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestFleetRollout(FLEET, TARGET, PLAN, TENANTS, 1, Duration.ofDays(8), "alice",
                        "stricter quorum", T0))
                .expectException(invalid("bakeTime"))
                .expectNoEvents();
    }

    @Test
    void aNegativeBakeTimeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestFleetRollout(FLEET, TARGET, PLAN, TENANTS, 1, Duration.ofSeconds(-1), "alice",
                        "stricter quorum", T0))
                .expectException(invalid("bakeTime"))
                .expectNoEvents();
    }

    @Test
    void aCompletedWaveBakesBeforeTheNextIsReleased() {
        fixture.given(baking(), approved(), wave(1, APPROVED, ACME))
                .when(end(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectEvents(ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new FleetWaveBakeStarted(FLEET, 1, LATER.plus(BAKE), LATER))
                .expectScheduledDeadlineWithName(LATER.plus(BAKE), FleetRollout.WAVE_BAKE)
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 4L));
    }

    @Test
    void theNextWaveIsReleasedWhenTheBakeIsOver() {
        fixture.givenCurrentTime(LATER)
                .andGiven(baking(), approved(), wave(1, APPROVED, ACME))
                .andGivenCommands(end(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .whenTimeElapses(BAKE)
                .expectEvents(wave(2, LATER.plus(BAKE), GLOBEX));
    }

    @Test
    void aBakeOverWhileTheFleetIsPausedReleasesNothing() {
        fixture.givenCurrentTime(LATER)
                .andGiven(baking(), approved(), wave(1, APPROVED, ACME))
                .andGivenCommands(end(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"), pause())
                .whenTimeElapses(BAKE)
                .expectNoEvents();
    }

    @Test
    void aBakeOverAfterTheFleetWasAbortedReleasesNothing() {
        fixture.givenCurrentTime(LATER)
                .andGiven(baking(), approved(), wave(1, APPROVED, ACME))
                .andGivenCommands(end(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new AbortFleetRollout(FLEET, "carol", "customer complaint", LATER))
                .whenTimeElapses(BAKE)
                .expectNoEvents();
    }

    @Test
    void resumingAfterTheBakeWasOverReleasesTheNextWave() {
        Instant due = LATER.minusSeconds(60);
        fixture.given(baking(), approved(), wave(1, APPROVED, ACME),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new FleetWaveBakeStarted(FLEET, 1, due, due.minus(BAKE)), paused())
                .when(resume())
                .expectEvents(resumed(), wave(2, LATER, GLOBEX))
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 7L));
    }

    /** The deadline scheduled when the bake started still stands: it releases the wave. */
    @Test
    void resumingBeforeTheBakeIsOverLeavesTheNextWaveToIt() {
        Instant due = LATER.plusSeconds(60);
        fixture.given(baking(), approved(), wave(1, APPROVED, ACME),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new FleetWaveBakeStarted(FLEET, 1, due, due.minus(BAKE)), paused())
                .when(resume())
                .expectEvents(resumed())
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 6L));
    }

    @Test
    void aWaveCompletedWhilePausedStartsItsBakeOnResume() {
        fixture.given(baking(), approved(), wave(1, APPROVED, ACME), paused(ACME),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(resume())
                .expectEvents(resumed(), new FleetWaveBakeStarted(FLEET, 1, LATER.plus(BAKE), LATER))
                .expectScheduledDeadlineWithName(LATER.plus(BAKE), FleetRollout.WAVE_BAKE);
    }

    @Test
    void theLastWaveCompletesTheFleetWithoutABake() {
        fixture.given(baking(), approved(), wave(1, APPROVED, ACME),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"),
                        new FleetWaveBakeStarted(FLEET, 1, LATER.plus(BAKE), LATER), wave(2, LATER.plus(BAKE), GLOBEX),
                        ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 6 steps"),
                        new FleetWaveBakeStarted(FLEET, 2, LATER.plus(BAKE), LATER),
                        wave(3, LATER.plus(BAKE), INITECH))
                .when(end(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"))
                .expectEvents(ended(INITECH, FleetMemberOutcome.COMPLETED, "completed after 5 steps"),
                        new FleetRolloutCompleted(FLEET, 3, 3, LATER))
                .expectNoScheduledDeadlines();
    }

    @Test
    void recordingTheSameMemberEndTwiceRecordsNothing() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX),
                        ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .when(end(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectNoEvents()
                .expectResultMessagePayload(accepted(FleetRolloutStatus.RUNNING, 3L));
    }

    @Test
    void aTenantWhoseWaveWasNotReleasedIsNotAMember() {
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(end(INITECH, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectException(violation("not-a-fleet-member"))
                .expectNoEvents();
    }

    @Test
    void anotherRolloutOfAReleasedTenantIsNotAMember() {
        RolloutId other = RolloutId.of("ro-00000000-0000-0000-0000-000000000009");
        fixture.given(requested(2), approved(), wave(1, APPROVED, ACME, GLOBEX))
                .when(new RecordFleetMemberEnded(FLEET, ACME, other, FleetMemberOutcome.ROLLED_BACK, "latency",
                        LATER))
                .expectException(violation("not-a-fleet-member"))
                .expectNoEvents();
    }

    private static RequestFleetRollout request(RolloutTarget target, RolloutPlan plan, List<TenantId> tenants,
                                               int waveSize) {
        return new RequestFleetRollout(FLEET, target, plan, tenants, waveSize, Duration.ZERO, "alice",
                "stricter quorum", T0);
    }

    private static RecordFleetMemberEnded end(TenantId tenant, FleetMemberOutcome outcome, String reason) {
        return new RecordFleetMemberEnded(FLEET, tenant, FLEET.memberRolloutId(tenant), outcome, reason, LATER);
    }

    private static PauseFleetRollout pause() {
        return new PauseFleetRollout(FLEET, "carol", "customer complaint", LATER);
    }

    private static ResumeFleetRollout resume() {
        return new ResumeFleetRollout(FLEET, "carol", "complaint answered", LATER);
    }

    private static FleetRolloutOutcome accepted(FleetRolloutStatus status, long version) {
        return new FleetRolloutOutcome(FLEET, null, null, status, version);
    }

    private static FleetRolloutRefused wrongState(FleetRolloutStatus status, String done, String actor) {
        return new FleetRolloutRefused(FLEET, RolloutRefusal.WRONG_STATE,
                "fleet rollout " + FLEET + " is " + status + " and cannot be " + done, actor, LATER);
    }

    private static FleetMember member(TenantId tenant) {
        return new FleetMember(tenant, FLEET.memberRolloutId(tenant));
    }

    private static List<FleetMember> members(TenantId... tenants) {
        return Arrays.stream(tenants).map(FleetRolloutTest::member).toList();
    }

    /** The three tenants, in waves of {@code waveSize}. */
    private static FleetRolloutRequested requested(int waveSize) {
        return new FleetRolloutRequested(FLEET, TARGET, PLAN, TENANTS, waveSize, Duration.ZERO, "alice",
                "stricter quorum", T0);
    }

    /** These tenants, all in one wave. */
    private static FleetRolloutRequested requested(TenantId... tenants) {
        return new FleetRolloutRequested(FLEET, TARGET, PLAN, List.of(tenants), tenants.length, Duration.ZERO,
                "alice", "stricter quorum", T0);
    }

    /** The three tenants in waves of one, each completed wave baking for {@link #BAKE}. */
    private static FleetRolloutRequested baking() {
        return new FleetRolloutRequested(FLEET, TARGET, PLAN, TENANTS, 1, BAKE, "alice", "stricter quorum", T0);
    }

    private static FleetRolloutApproved approved() {
        return new FleetRolloutApproved(FLEET, TARGET, PLAN, "alice", "stricter quorum", "bob", "looks fine",
                APPROVED);
    }

    private static FleetRolloutRejected rejected() {
        return new FleetRolloutRejected(FLEET, "alice", "wrong candidate", APPROVED);
    }

    private static FleetWaveReleased wave(int wave, Instant at, TenantId... tenants) {
        return new FleetWaveReleased(FLEET, wave, members(tenants), at);
    }

    private static FleetMemberEnded ended(TenantId tenant, FleetMemberOutcome outcome, String reason) {
        return new FleetMemberEnded(FLEET, member(tenant), outcome, reason, LATER);
    }

    private static FleetRolloutHalted halted(TenantId cause, FleetMemberOutcome outcome, String reason,
                                             TenantId... toAbort) {
        return new FleetRolloutHalted(FLEET, member(cause), outcome, "the rollout on tenant " + cause.value()
                + " ended " + outcome + ": " + reason, members(toAbort), LATER);
    }

    private static FleetRolloutPaused paused(TenantId... toPause) {
        return new FleetRolloutPaused(FLEET, "carol", "customer complaint", members(toPause), LATER);
    }

    private static FleetRolloutResumed resumed(TenantId... toResume) {
        return new FleetRolloutResumed(FLEET, "carol", "complaint answered", members(toResume), LATER);
    }
}
