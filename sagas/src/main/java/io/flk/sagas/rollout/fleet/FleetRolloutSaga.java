package io.flk.sagas.rollout.fleet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.domain.rollout.RolloutEvent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutRejected;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
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
import io.flk.domain.rollout.fleet.FleetRolloutOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.sagas.rollout.RolloutSaga;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Carries out an approved fleet rollout: starts the rollouts of each wave the fleet releases, each an ordinary
 * rollout of the tenant requested and approved by the fleet's requester and approver, and reports how each ended
 * back to the fleet, which decides what follows. When the fleet halts or is aborted it aborts the rollouts still
 * running. Decisions live in the fleet and lane aggregates; this saga only relays. Lives from
 * {@code FleetRolloutApproved} to the fleet's completion, or, once it halted or was aborted, until every member's
 * end was reported; its fields are its JSON.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class FleetRolloutSaga {

    public static final String FLEET_ROLLOUT_ID = "fleetRolloutId";
    /** The actor recorded on the commands this saga sends on its own, rather than for the fleet's approvers. */
    public static final String ACTOR = "fleet-rollout-saga";

    private MemberRollouts memberRollouts;
    /** Members released whose end was not reported yet, by rollout id. */
    private Set<String> outstanding = new HashSet<>();
    /** Halted or aborted: the saga ends once {@link #outstanding} is empty. */
    private boolean stopping;
    /** Why the fleet is paused, {@code null} while it is not: the reason a member starting meanwhile is paused with. */
    private String pausedBecause;
    /**
     * Members this saga paused and nobody resumed since, by rollout id: the only ones the fleet's resume resumes,
     * so that a member an operator or its gates paused on their own stays paused until resumed on its own.
     */
    private Set<String> pausedByTheFleet = new HashSet<>();
    /** Why the fleet was last resumed: the reason a member whose pause is recorded only after that is resumed with. */
    private String resumedBecause;

    @StartSaga
    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetRolloutApproved event) {
        memberRollouts = MemberRollouts.of(event);
    }

    /**
     * Starts each member's rollout. A member refused by its lane halts the fleet at once: the members after it are
     * then not started, and reported as such.
     */
    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetWaveReleased event, CommandGateway commands) {
        List<FleetMember> members = event.members();
        for (FleetMember member : members) {
            SagaLifecycle.associateWith(RolloutSaga.ROLLOUT_ID, member.rolloutId().toString());
            outstanding.add(member.rolloutId().value());
        }
        for (int i = 0; i < members.size(); i++) {
            FleetMember member = members.get(i);
            Optional<String> refused = memberRollouts.start(member, event.wave(), event.at(), commands);
            if (refused.isPresent()
                    && !report(member, FleetMemberOutcome.REFUSED, refused.get(), event.at(), commands)) {
                for (FleetMember notStarted : members.subList(i + 1, members.size())) {
                    report(notStarted, FleetMemberOutcome.ABORTED, "not started: the fleet rollout halted while "
                            + "wave " + event.wave() + " was released", event.at(), commands);
                }
                return;
            }
        }
    }

    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutCompleted event, CommandGateway commands) {
        ended(event, FleetMemberOutcome.COMPLETED, "completed after " + event.steps() + " steps", event.at(),
                commands);
    }

    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutRolledBack event, CommandGateway commands) {
        ended(event, FleetMemberOutcome.ROLLED_BACK, event.reason(), event.at(), commands);
    }

    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutAborted event, CommandGateway commands) {
        ended(event, FleetMemberOutcome.ABORTED, "aborted by " + event.actor() + ": " + event.reason(), event.at(),
                commands);
    }

    /** Only someone other than this saga could have rejected a member between its request and its approval. */
    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutRejected event, CommandGateway commands) {
        ended(event, FleetMemberOutcome.ABORTED, "rejected by " + event.rejectedBy() + ": " + event.reason(),
                event.at(), commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetRolloutCompleted event) {
        // Every member reported its completion before this: nothing is left to relay.
    }

    /**
     * A member that ended, or that an operator or its gates had paused already, refuses as a wrong state, which its
     * lane records; the fleet's pause holds either way.
     */
    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetRolloutPaused event, CommandGateway commands) {
        pausedBecause = fleet() + " paused by " + event.actor() + ": " + event.reason();
        outstandingOf(event.toPause()).forEach(member ->
                memberRollouts.pause(member, pausedBecause, event.at(), commands));
    }

    /** A member still starting when the fleet paused refused its pause: it is paused as soon as it runs. */
    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutStarted event, CommandGateway commands) {
        if (pausedBecause != null) {
            memberRollouts.pause(new FleetMember(event.tenantId(), event.rolloutId()), pausedBecause, event.at(),
                    commands);
        }
    }

    /**
     * A pause this saga asked for. The fleet may have been resumed before the member's pause was recorded (the
     * operator was quicker than this saga): the member is then resumed at once, as its resume would have been.
     */
    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutPaused event, CommandGateway commands) {
        String rolloutId = event.rolloutId().value();
        if (!ACTOR.equals(event.actor()) || stopping || !outstanding.contains(rolloutId)) {
            return;
        }
        if (pausedBecause != null) {
            pausedByTheFleet.add(rolloutId);
        } else {
            memberRollouts.resume(new FleetMember(event.tenantId(), event.rolloutId()), resumedBecause, event.at(),
                    commands);
        }
    }

    @SagaEventHandler(associationProperty = RolloutSaga.ROLLOUT_ID)
    void on(RolloutResumed event) {
        pausedByTheFleet.remove(event.rolloutId().value());
    }

    /** Resumes the members the fleet's pause paused; one paused on its own before or after stays paused. */
    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetRolloutResumed event, CommandGateway commands) {
        pausedBecause = null;
        resumedBecause = fleet() + " resumed by " + event.actor() + ": " + event.reason();
        outstandingOf(event.toResume()).stream()
                .filter(member -> pausedByTheFleet.contains(member.rolloutId().value()))
                .forEach(member -> memberRollouts.resume(member, resumedBecause, event.at(), commands));
    }

    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetRolloutHalted event, CommandGateway commands) {
        stop(event.toAbort(), fleet() + " halted: " + event.reason(), event.at(), commands);
    }

    @SagaEventHandler(associationProperty = FLEET_ROLLOUT_ID)
    void on(FleetRolloutAborted event, CommandGateway commands) {
        stop(event.toAbort(), fleet() + " aborted by " + event.actor() + ": "
                + event.reason(), event.at(), commands);
    }

    private void ended(RolloutEvent event, FleetMemberOutcome outcome, String why, Instant at,
                       CommandGateway commands) {
        report(new FleetMember(event.tenantId(), event.rolloutId()), outcome, why, at, commands);
    }

    /** Reports a member's end to the fleet; answers whether the fleet still runs. */
    private boolean report(FleetMember member, FleetMemberOutcome outcome, String why, Instant at,
                           CommandGateway commands) {
        outstanding.remove(member.rolloutId().value());
        pausedByTheFleet.remove(member.rolloutId().value());
        FleetRolloutOutcome fleet = commands.sendAndWait(new RecordFleetMemberEnded(memberRollouts.fleetRolloutId(),
                member.tenantId(), member.rolloutId(), outcome, why, at));
        endOnceStopped();
        return fleet.status() == FleetRolloutStatus.RUNNING;
    }

    /**
     * Aborts the members still running, leaving out those never started or already reported. A member that ended
     * meanwhile refuses its abort as a wrong state, which its lane records; its end reaches this saga all the same.
     */
    private void stop(List<FleetMember> running, String why, Instant at, CommandGateway commands) {
        stopping = true;
        outstandingOf(running).forEach(member -> memberRollouts.abort(member, why, at, commands));
        endOnceStopped();
    }

    /** Those of {@code members} this saga started and whose end it has not heard of. */
    private List<FleetMember> outstandingOf(List<FleetMember> members) {
        return members.stream().filter(member -> outstanding.contains(member.rolloutId().value())).toList();
    }

    private String fleet() {
        return "fleet rollout " + memberRollouts.fleetRolloutId();
    }

    /** A stopped fleet rollout ends once every member's end was reported to it, so that its record is whole. */
    private void endOnceStopped() {
        if (stopping && outstanding.isEmpty()) {
            SagaLifecycle.end();
        }
    }
}
