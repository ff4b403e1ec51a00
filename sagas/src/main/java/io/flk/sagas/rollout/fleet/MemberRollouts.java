package io.flk.sagas.rollout.fleet;

import static io.flk.sagas.rollout.fleet.FleetRolloutSaga.ACTOR;

import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ApproveRollout;
import io.flk.domain.rollout.RolloutCommands.PauseRollout;
import io.flk.domain.rollout.RolloutCommands.RequestRollout;
import io.flk.domain.rollout.RolloutCommands.ResumeRollout;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetMember;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutApproved;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.shared.BusinessRuleViolation;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The tenants' rollouts of one approved fleet rollout, in their lanes' own commands: each is requested and approved
 * as the fleet was, by the fleet's requester and approver, and paused, resumed or aborted by the fleet's saga.
 */
record MemberRollouts(FleetRolloutId fleetRolloutId, RolloutTarget target, RolloutPlan plan, String requestedBy,
                      String requestReason, String approvedBy, String approvalReason) {

    static MemberRollouts of(FleetRolloutApproved approved) {
        return new MemberRollouts(approved.fleetRolloutId(), approved.target(), approved.plan(),
                approved.requestedBy(), approved.requestReason(), approved.approvedBy(), approved.reason());
    }

    /**
     * Requests and approves the member's rollout; answers why its lane refused, if it did. Started again after a
     * crash, a rollout that exists already is only approved, and one approved already is left as it is.
     */
    Optional<String> start(FleetMember member, int wave, Instant at, CommandGateway commands) {
        RolloutLaneId lane = laneOf(member);
        String fleetWave = "wave " + wave + " of fleet rollout " + fleetRolloutId;
        try {
            RolloutOutcome requested = commands.sendAndWait(new RequestRollout(lane, member.rolloutId(), target,
                    plan, requestedBy, fleetWave + ": " + requestReason, at));
            if (!requested.accepted()) {
                return Optional.of(refusal(requested));
            }
        } catch (BusinessRuleViolation exists) {
            if (!"rollout-exists".equals(exists.code())) {
                throw exists;
            }
        }
        RolloutOutcome approved = commands.sendAndWait(new ApproveRollout(lane, member.rolloutId(), approvedBy, true,
                fleetWave + ", approved: " + approvalReason, at));
        return approved.accepted() || approved.refusal() == RolloutRefusal.WRONG_STATE ? Optional.empty()
                : Optional.of(refusal(approved));
    }

    void pause(FleetMember member, String why, Instant at, CommandGateway commands) {
        commands.sendAndWait(new PauseRollout(laneOf(member), member.rolloutId(), ACTOR, why, at));
    }

    void resume(FleetMember member, String why, Instant at, CommandGateway commands) {
        commands.sendAndWait(new ResumeRollout(laneOf(member), member.rolloutId(), ACTOR, why, at));
    }

    void abort(FleetMember member, String why, Instant at, CommandGateway commands) {
        commands.sendAndWait(new AbortRollout(laneOf(member), member.rolloutId(), ACTOR, why, at));
    }

    private static String refusal(RolloutOutcome refused) {
        return refused.refusal() + ": " + refused.detail();
    }

    private static RolloutLaneId laneOf(FleetMember member) {
        return RolloutLaneId.of(member.tenantId(), RolloutComponent.ENSEMBLE_POLICY);
    }
}
