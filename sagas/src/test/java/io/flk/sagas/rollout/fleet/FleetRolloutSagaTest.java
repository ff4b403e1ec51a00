package io.flk.sagas.rollout.fleet;

import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ApproveRollout;
import io.flk.domain.rollout.RolloutCommands.PauseRollout;
import io.flk.domain.rollout.RolloutCommands.RequestRollout;
import io.flk.domain.rollout.RolloutCommands.ResumeRollout;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutRejected;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetMember;
import io.flk.domain.rollout.fleet.FleetMemberOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RecordFleetMemberEnded;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutAborted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutApproved;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutCompleted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutHalted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutPaused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutResumed;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveReleased;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.rollout.fleet.FleetRolloutOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import io.flk.sagas.rollout.RolloutSaga;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetRolloutSagaTest {

    private static final FleetRolloutId FLEET = FleetRolloutId.of("fro-00000000-0000-0000-0000-000000000001");
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final RolloutTarget TARGET = RolloutTarget.policy(DefaultPolicies.spec());
    private static final RolloutPlan PLAN = RolloutPlan.defaults();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant LATER = T0.plusSeconds(3_600);
    private static final String WAVE_1 = "wave 1 of fleet rollout " + FLEET + ": a stricter policy";
    private static final String WAVE_1_APPROVED = "wave 1 of fleet rollout " + FLEET + ", approved: looks fine";
    private static final String NOT_STARTED = "not started: the fleet rollout halted while wave 1 was released";
    private static final String CANARY_VERSION = "7";
    /** What the fleet says when Acme's rollout, rolled back by its latency gate, halts it. */
    private static final String HALT_REASON = "the rollout on tenant acme ended ROLLED_BACK: latency";
    /** Why the saga aborts the members when carol aborts the fleet. */
    private static final String FLEET_ABORTED = "fleet rollout " + FLEET + " aborted by carol: customer complaint";
    /** Why the saga pauses the members when carol pauses the fleet. */
    private static final String FLEET_PAUSED = "fleet rollout " + FLEET + " paused by carol: customer complaint";
    /** Why the saga resumes the members when carol resumes the fleet. */
    private static final String FLEET_RESUMED = "fleet rollout " + FLEET + " resumed by carol: complaint answered";

    private SagaTestFixture<FleetRolloutSaga> fixture;
    /** What a lane answers a RequestRollout with, by rollout id; unlisted ones are accepted. */
    private Map<RolloutId, RolloutOutcome> requestAnswers;
    /** What a lane throws on a RequestRollout, by rollout id. */
    private Map<RolloutId, RuntimeException> requestFailures;
    /** What a lane answers an ApproveRollout with, by rollout id; unlisted ones are accepted. */
    private Map<RolloutId, RolloutOutcome> approveAnswers;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(FleetRolloutSaga.class);
        requestAnswers = new HashMap<>();
        requestFailures = new HashMap<>();
        approveAnswers = new HashMap<>();
        fixture.setCallbackBehavior((command, metaData) -> answer(command));
    }

    @Test
    void anApprovedFleetRolloutStartsItsSaga() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(approved())
                .expectActiveSagas(1)
                .expectAssociationWith(FleetRolloutSaga.FLEET_ROLLOUT_ID, FLEET)
                .expectNoDispatchedCommands();
    }

    @Test
    void aReleasedWaveRequestsAndApprovesEachMembersRolloutAsTheFleetWas() {
        fixture.givenAggregate(FLEET.toString()).published(approved())
                .whenAggregate(FLEET.toString()).publishes(wave(ACME, GLOBEX))
                .expectDispatchedCommands(
                        new RequestRollout(lane(ACME), rolloutOf(ACME), TARGET, PLAN, "alice", WAVE_1, T0),
                        new ApproveRollout(lane(ACME), rolloutOf(ACME), "bob", true, WAVE_1_APPROVED, T0),
                        new RequestRollout(lane(GLOBEX), rolloutOf(GLOBEX), TARGET, PLAN, "alice", WAVE_1, T0),
                        new ApproveRollout(lane(GLOBEX), rolloutOf(GLOBEX), "bob", true, WAVE_1_APPROVED, T0))
                .expectAssociationWith(RolloutSaga.ROLLOUT_ID, rolloutOf(ACME))
                .expectAssociationWith(RolloutSaga.ROLLOUT_ID, rolloutOf(GLOBEX))
                .expectActiveSagas(1);
    }

    /** The refusal halts the fleet: Globex, later in the same wave, is reported as never started. */
    @Test
    void aLaneThatRefusesTheRequestReportsTheMemberRefusedAndStartsNoFurtherMember() {
        String detail = "rollout ro-00000000-0000-0000-0000-000000000009 is RUNNING on " + lane(ACME)
                + "; it must end before another starts";
        requestAnswers.put(rolloutOf(ACME), new RolloutOutcome(rolloutOf(ACME), RolloutRefusal.ROLLOUT_IN_PROGRESS,
                detail, null, 0, 0, 4L));
        fixture.givenAggregate(FLEET.toString()).published(approved())
                .whenAggregate(FLEET.toString()).publishes(wave(ACME, GLOBEX))
                .expectDispatchedCommands(
                        new RequestRollout(lane(ACME), rolloutOf(ACME), TARGET, PLAN, "alice", WAVE_1, T0),
                        new RecordFleetMemberEnded(FLEET, ACME, rolloutOf(ACME), FleetMemberOutcome.REFUSED,
                                "ROLLOUT_IN_PROGRESS: " + detail, T0),
                        new RecordFleetMemberEnded(FLEET, GLOBEX, rolloutOf(GLOBEX), FleetMemberOutcome.ABORTED,
                                NOT_STARTED, T0));
    }

    /** Globex was reported as never started when Acme was refused: there is no rollout of it to abort. */
    @Test
    void aHaltAfterARefusalAbortsNoMemberThatWasNeverStartedAndEndsTheSaga() {
        requestAnswers.put(rolloutOf(ACME), new RolloutOutcome(rolloutOf(ACME), RolloutRefusal.ROLLOUT_IN_PROGRESS,
                "busy", null, 0, 0, 4L));
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(new FleetRolloutHalted(FLEET, member(ACME),
                        FleetMemberOutcome.REFUSED, "the rollout on tenant acme ended REFUSED: busy",
                        members(GLOBEX), T0))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aRequestRetriedAfterACrashOnlyApprovesTheRolloutThatExists() {
        requestFailures.put(rolloutOf(ACME), rolloutExists(ACME));
        fixture.givenAggregate(FLEET.toString()).published(approved())
                .whenAggregate(FLEET.toString()).publishes(wave(ACME))
                .expectDispatchedCommands(
                        new RequestRollout(lane(ACME), rolloutOf(ACME), TARGET, PLAN, "alice", WAVE_1, T0),
                        new ApproveRollout(lane(ACME), rolloutOf(ACME), "bob", true, WAVE_1_APPROVED, T0));
    }

    /** The rollout was approved before the crash: the lane's WRONG_STATE means it runs, not that it was refused. */
    @Test
    void anApprovalRetriedAfterACrashIsNotReportedAsRefused() {
        requestFailures.put(rolloutOf(ACME), rolloutExists(ACME));
        approveAnswers.put(rolloutOf(ACME), new RolloutOutcome(rolloutOf(ACME), RolloutRefusal.WRONG_STATE,
                "rollout " + rolloutOf(ACME) + " is RUNNING and cannot be approved", RolloutStatus.RUNNING, 1, 0.05,
                5L));
        fixture.givenAggregate(FLEET.toString()).published(approved())
                .whenAggregate(FLEET.toString()).publishes(wave(ACME))
                .expectDispatchedCommands(
                        new RequestRollout(lane(ACME), rolloutOf(ACME), TARGET, PLAN, "alice", WAVE_1, T0),
                        new ApproveRollout(lane(ACME), rolloutOf(ACME), "bob", true, WAVE_1_APPROVED, T0));
    }

    @Test
    void anApprovalTheLaneRefusesOtherwiseReportsTheMemberRefused() {
        String detail = "bob does not hold the approver role";
        approveAnswers.put(rolloutOf(ACME), new RolloutOutcome(rolloutOf(ACME), RolloutRefusal.SELF_APPROVAL, detail,
                RolloutStatus.PENDING_APPROVAL, 0, 0, 1L));
        fixture.givenAggregate(FLEET.toString()).published(approved())
                .whenAggregate(FLEET.toString()).publishes(wave(ACME))
                .expectDispatchedCommands(
                        new RequestRollout(lane(ACME), rolloutOf(ACME), TARGET, PLAN, "alice", WAVE_1, T0),
                        new ApproveRollout(lane(ACME), rolloutOf(ACME), "bob", true, WAVE_1_APPROVED, T0),
                        new RecordFleetMemberEnded(FLEET, ACME, rolloutOf(ACME), FleetMemberOutcome.REFUSED,
                                "SELF_APPROVAL: " + detail, T0));
    }

    @Test
    void aCompletedMemberIsReportedCompleted() {
        whenAMemberOfARunningFleet(ACME, completed(ACME))
                .expectDispatchedCommands(ended(ACME, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectActiveSagas(1);
    }

    @Test
    void aRolledBackMemberIsReportedWithTheGatesReason() {
        String reason = "error budget burns fast: canary 80.0x, control 0.1x";
        whenAMemberOfARunningFleet(ACME, new RolloutRolledBack(ACME, rolloutOf(ACME),
                RolloutComponent.ENSEMBLE_POLICY, TARGET, CANARY_VERSION, 1, 0.05, null, reason, LATER))
                .expectDispatchedCommands(ended(ACME, FleetMemberOutcome.ROLLED_BACK, reason))
                .expectActiveSagas(1);
    }

    @Test
    void anAbortedMemberIsReportedWithWhoAbortedIt() {
        whenAMemberOfARunningFleet(GLOBEX, new RolloutAborted(GLOBEX, rolloutOf(GLOBEX),
                RolloutComponent.ENSEMBLE_POLICY, TARGET, CANARY_VERSION, "carol", "customer complaint", LATER))
                .expectDispatchedCommands(ended(GLOBEX, FleetMemberOutcome.ABORTED,
                        "aborted by carol: customer complaint"));
    }

    @Test
    void aMemberRejectedByAnotherPrincipalIsReportedAborted() {
        whenAMemberOfARunningFleet(ACME, new RolloutRejected(ACME, rolloutOf(ACME), RolloutComponent.ENSEMBLE_POLICY,
                "carol", "not on our tenant", LATER))
                .expectDispatchedCommands(ended(ACME, FleetMemberOutcome.ABORTED,
                        "rejected by carol: not on our tenant"));
    }

    @Test
    void theEndOfARolloutTheFleetDidNotStartIsNotReported() {
        RolloutId other = RolloutId.of("ro-00000000-0000-0000-0000-000000000009");
        whenAMemberOfARunningFleet(ACME, new RolloutCompleted(ACME, other, RolloutComponent.ENSEMBLE_POLICY, TARGET,
                CANARY_VERSION, 7, LATER))
                .expectNoDispatchedCommands();
    }

    @Test
    void theFleetsCompletionEndsTheSaga() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME))
                .andThenAggregate(lane(ACME).toString()).published(completed(ACME))
                .whenAggregate(FLEET.toString()).publishes(new FleetRolloutCompleted(FLEET, 1, 1, LATER))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aHaltAbortsTheMembersStillRunningAndWaitsForTheirEnds() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(rolledBack(ACME))
                .whenAggregate(FLEET.toString()).publishes(halted(GLOBEX))
                .expectDispatchedCommands(new AbortRollout(lane(GLOBEX), rolloutOf(GLOBEX), FleetRolloutSaga.ACTOR,
                        "fleet rollout " + FLEET + " halted: " + HALT_REASON, LATER))
                .expectActiveSagas(1);
    }

    @Test
    void aHaltedSagaEndsOnceTheAbortedMembersEndIsReported() {
        String aborted = "aborted by " + FleetRolloutSaga.ACTOR + ": fleet rollout " + FLEET + " halted: "
                + HALT_REASON;
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(rolledBack(ACME))
                .andThenAggregate(FLEET.toString()).published(halted(GLOBEX))
                .whenAggregate(lane(GLOBEX).toString()).publishes(new RolloutAborted(GLOBEX, rolloutOf(GLOBEX),
                        RolloutComponent.ENSEMBLE_POLICY, TARGET, CANARY_VERSION, FleetRolloutSaga.ACTOR,
                        "fleet rollout " + FLEET + " halted: " + HALT_REASON, LATER))
                .expectDispatchedCommands(ended(GLOBEX, FleetMemberOutcome.ABORTED, aborted))
                .expectActiveSagas(0);
    }

    @Test
    void aHaltWithNothingLeftRunningEndsTheSagaAtOnce() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME))
                .andThenAggregate(lane(ACME).toString()).published(rolledBack(ACME))
                .whenAggregate(FLEET.toString()).publishes(halted())
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void anOperatorAbortAbortsEveryMemberStillRunning() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(aborted(ACME, GLOBEX))
                .expectDispatchedCommands(
                        new AbortRollout(lane(ACME), rolloutOf(ACME), FleetRolloutSaga.ACTOR, FLEET_ABORTED, LATER),
                        new AbortRollout(lane(GLOBEX), rolloutOf(GLOBEX), FleetRolloutSaga.ACTOR, FLEET_ABORTED, LATER))
                .expectActiveSagas(1);
    }

    @Test
    void anAbortedSagaStaysWhileAMemberHasNotReportedItsEnd() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), aborted(ACME, GLOBEX))
                .whenAggregate(lane(ACME).toString()).publishes(abortedByTheSaga(ACME))
                .expectDispatchedCommands(ended(ACME, FleetMemberOutcome.ABORTED,
                        "aborted by " + FleetRolloutSaga.ACTOR + ": " + FLEET_ABORTED))
                .expectActiveSagas(1);
    }

    /** A member may complete before its abort reaches it; its completion is reported and still ends the saga. */
    @Test
    void anAbortedSagaEndsOnceTheLastMemberReportedItsEnd() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), aborted(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(abortedByTheSaga(ACME))
                .whenAggregate(lane(GLOBEX).toString()).publishes(completed(GLOBEX))
                .expectDispatchedCommands(ended(GLOBEX, FleetMemberOutcome.COMPLETED, "completed after 7 steps"))
                .expectActiveSagas(0);
    }

    @Test
    void aPausedFleetPausesEveryMemberStillRunningAndTheSagaStays() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(paused(ACME, GLOBEX))
                .expectDispatchedCommands(
                        new PauseRollout(lane(ACME), rolloutOf(ACME), FleetRolloutSaga.ACTOR, FLEET_PAUSED, LATER),
                        new PauseRollout(lane(GLOBEX), rolloutOf(GLOBEX), FleetRolloutSaga.ACTOR, FLEET_PAUSED, LATER))
                .expectActiveSagas(1);
    }

    /** Acme was still starting when the fleet paused, and refused its pause: it is paused once it runs. */
    @Test
    void aMemberThatStartsWhileTheFleetIsPausedIsPausedAtOnce() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX))
                .whenAggregate(lane(ACME).toString()).publishes(started(ACME))
                .expectDispatchedCommands(
                        new PauseRollout(lane(ACME), rolloutOf(ACME), FleetRolloutSaga.ACTOR, FLEET_PAUSED, LATER));
    }

    @Test
    void aMemberThatStartsWhileTheFleetRunsIsLeftRunning() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX),
                        resumed(ACME, GLOBEX))
                .whenAggregate(lane(ACME).toString()).publishes(started(ACME))
                .expectNoDispatchedCommands();
    }

    /** The fleet may pause before the saga reported Acme's completion to it: its pause then still names Acme. */
    @Test
    void aPausedFleetDoesNotPauseAMemberWhoseEndWasReported() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(completed(ACME))
                .whenAggregate(FLEET.toString()).publishes(paused(ACME, GLOBEX))
                .expectDispatchedCommands(
                        new PauseRollout(lane(GLOBEX), rolloutOf(GLOBEX), FleetRolloutSaga.ACTOR, FLEET_PAUSED, LATER))
                .expectActiveSagas(1);
    }

    @Test
    void aResumedFleetResumesTheMembersItsPausePausedAndTheSagaStays() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, ACME))
                .andThenAggregate(lane(GLOBEX).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(resumed(ACME, GLOBEX))
                .expectDispatchedCommands(resumedByTheFleet(ACME), resumedByTheFleet(GLOBEX))
                .expectActiveSagas(1);
    }

    /** Dave paused Acme on its own before the fleet paused, so the fleet's pause of Acme was refused. */
    @Test
    void aMemberAnOperatorPausedOnItsOwnStaysPausedWhenTheFleetResumes() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(pausedBy("dave", ACME))
                .andThenAggregate(FLEET.toString()).published(paused(ACME, GLOBEX))
                .andThenAggregate(lane(GLOBEX).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(resumed(ACME, GLOBEX))
                .expectDispatchedCommands(resumedByTheFleet(GLOBEX));
    }

    /** While the fleet was paused, Dave resumed Acme on its own and paused it again: the pause is now his. */
    @Test
    void aMemberPausedAgainOnItsOwnWhileTheFleetIsPausedStaysPausedWhenTheFleetResumes() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, ACME),
                        resumedBy("dave", ACME), pausedBy("dave", ACME))
                .andThenAggregate(lane(GLOBEX).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(resumed(ACME, GLOBEX))
                .expectDispatchedCommands(resumedByTheFleet(GLOBEX));
    }

    /** Carol resumed the fleet before Acme's pause, asked for by the fleet's pause, was recorded. */
    @Test
    void aPauseTheFleetAskedForThatIsRecordedAfterTheFleetResumedIsResumedAtOnce() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX),
                        resumed(ACME, GLOBEX))
                .whenAggregate(lane(ACME).toString()).publishes(pausedBy(FleetRolloutSaga.ACTOR, ACME))
                .expectDispatchedCommands(resumedByTheFleet(ACME));
    }

    @Test
    void aPauseByAnOperatorWhileTheFleetRunsIsLeftAlone() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX),
                        resumed(ACME, GLOBEX))
                .whenAggregate(lane(ACME).toString()).publishes(pausedBy("dave", ACME))
                .expectNoDispatchedCommands();
    }

    /** The fleet may resume before the saga reported Acme's completion to it: its resume then still names Acme. */
    @Test
    void aResumedFleetDoesNotResumeAMemberWhoseEndWasReported() {
        fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX), paused(ACME, GLOBEX))
                .andThenAggregate(lane(ACME).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, ACME),
                        completed(ACME))
                .andThenAggregate(lane(GLOBEX).toString()).published(pausedBy(FleetRolloutSaga.ACTOR, GLOBEX))
                .whenAggregate(FLEET.toString()).publishes(resumed(ACME, GLOBEX))
                .expectDispatchedCommands(resumedByTheFleet(GLOBEX))
                .expectActiveSagas(1);
    }

    /** Acme and Globex were released in wave 1; {@code event} is published by {@code tenant}'s lane. */
    private FixtureExecutionResult whenAMemberOfARunningFleet(TenantId tenant, Object event) {
        return fixture.givenAggregate(FLEET.toString()).published(approved(), wave(ACME, GLOBEX))
                .whenAggregate(lane(tenant).toString()).publishes(event);
    }

    private Object answer(Object command) {
        if (command instanceof RequestRollout request) {
            RuntimeException failure = requestFailures.get(request.rolloutId());
            if (failure != null) {
                throw failure;
            }
            return requestAnswers.getOrDefault(request.rolloutId(), new RolloutOutcome(request.rolloutId(), null,
                    null, RolloutStatus.PENDING_APPROVAL, 0, 0, 0L));
        }
        if (command instanceof ApproveRollout approve) {
            return approveAnswers.getOrDefault(approve.rolloutId(), new RolloutOutcome(approve.rolloutId(), null,
                    null, RolloutStatus.STARTING, 0, 0, 1L));
        }
        if (command instanceof RecordFleetMemberEnded ended) {
            return new FleetRolloutOutcome(FLEET, null, null, fleetAfter(ended), 3L);
        }
        return null;
    }

    /** The fleet's status once a member's end is recorded: as the aggregate decides, halted unless it completed. */
    private static FleetRolloutStatus fleetAfter(RecordFleetMemberEnded ended) {
        return ended.outcome() == FleetMemberOutcome.COMPLETED ? FleetRolloutStatus.RUNNING : FleetRolloutStatus.HALTED;
    }

    private static RolloutLaneId lane(TenantId tenant) {
        return RolloutLaneId.of(tenant, RolloutComponent.ENSEMBLE_POLICY);
    }

    private static RolloutId rolloutOf(TenantId tenant) {
        return FLEET.memberRolloutId(tenant);
    }

    private static FleetMember member(TenantId tenant) {
        return new FleetMember(tenant, rolloutOf(tenant));
    }

    private static List<FleetMember> members(TenantId... tenants) {
        return Arrays.stream(tenants).map(FleetRolloutSagaTest::member).toList();
    }

    private static BusinessRuleViolation rolloutExists(TenantId tenant) {
        return new BusinessRuleViolation("rollout-exists", "rollout " + rolloutOf(tenant) + " exists on "
                + lane(tenant));
    }

    private static FleetRolloutApproved approved() {
        return new FleetRolloutApproved(FLEET, TARGET, PLAN, "alice", "a stricter policy", "bob", "looks fine",
                T0);
    }

    private static FleetWaveReleased wave(TenantId... tenants) {
        return new FleetWaveReleased(FLEET, 1, members(tenants), T0);
    }

    private static RecordFleetMemberEnded ended(TenantId tenant, FleetMemberOutcome outcome, String reason) {
        return new RecordFleetMemberEnded(FLEET, tenant, rolloutOf(tenant), outcome, reason, LATER);
    }

    private static RolloutCompleted completed(TenantId tenant) {
        return new RolloutCompleted(tenant, rolloutOf(tenant), RolloutComponent.ENSEMBLE_POLICY, TARGET,
                CANARY_VERSION, 7, LATER);
    }

    private static RolloutRolledBack rolledBack(TenantId tenant) {
        return new RolloutRolledBack(tenant, rolloutOf(tenant), RolloutComponent.ENSEMBLE_POLICY, TARGET,
                CANARY_VERSION, 1, 0.05, null, "latency", LATER);
    }

    /** Acme rolled back; {@code toAbort} were still running. */
    private static FleetRolloutHalted halted(TenantId... toAbort) {
        return new FleetRolloutHalted(FLEET, member(ACME), FleetMemberOutcome.ROLLED_BACK, HALT_REASON,
                members(toAbort), LATER);
    }

    private static FleetRolloutAborted aborted(TenantId... toAbort) {
        return new FleetRolloutAborted(FLEET, "carol", "customer complaint", members(toAbort), LATER);
    }

    private static FleetRolloutPaused paused(TenantId... toPause) {
        return new FleetRolloutPaused(FLEET, "carol", "customer complaint", members(toPause), LATER);
    }

    private static RolloutStarted started(TenantId tenant) {
        return new RolloutStarted(tenant, rolloutOf(tenant), RolloutComponent.ENSEMBLE_POLICY, TARGET, CANARY_VERSION,
                0.05, LATER);
    }

    private static ResumeRollout resumedByTheFleet(TenantId tenant) {
        return new ResumeRollout(lane(tenant), rolloutOf(tenant), FleetRolloutSaga.ACTOR, FLEET_RESUMED, LATER);
    }

    private static RolloutPaused pausedBy(String actor, TenantId tenant) {
        return new RolloutPaused(tenant, rolloutOf(tenant), RolloutComponent.ENSEMBLE_POLICY, actor, "a look",
                LATER);
    }

    private static RolloutResumed resumedBy(String actor, TenantId tenant) {
        return new RolloutResumed(tenant, rolloutOf(tenant), RolloutComponent.ENSEMBLE_POLICY, 1, 0.05, actor,
                "looked", LATER);
    }

    private static FleetRolloutResumed resumed(TenantId... toResume) {
        return new FleetRolloutResumed(FLEET, "carol", "complaint answered", members(toResume), LATER);
    }

    private static RolloutAborted abortedByTheSaga(TenantId tenant) {
        return new RolloutAborted(tenant, rolloutOf(tenant), RolloutComponent.ENSEMBLE_POLICY, TARGET, null,
                FleetRolloutSaga.ACTOR, FLEET_ABORTED, LATER);
    }
}
