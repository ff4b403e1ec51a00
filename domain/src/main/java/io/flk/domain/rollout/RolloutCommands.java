package io.flk.domain.rollout;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of a rollout lane. Each answers a {@link RolloutOutcome}, refusals included. */
public final class RolloutCommands {

    private RolloutCommands() {
    }

    /** Target and plan are validated by the lane; an invalid one is an exception and records nothing. */
    public record RequestRollout(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId,
                                 RolloutTarget target, RolloutPlan plan, String actor, String reason, Instant at) {
    }

    /** @param actorIsApprover whether the principal holds the approver role */
    public record ApproveRollout(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId, String actor,
                                 boolean actorIsApprover, String reason, Instant at) {
    }

    public record RejectRollout(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId, String actor,
                                String reason, Instant at) {
    }

    /** The component routes the canary at the plan's initial share. */
    public record ConfirmRolloutStarted(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId,
                                        String canaryKey, Instant at) {
    }

    /** One look at the current step; ignored when {@code evaluation} was already judged or the step moved on. */
    public record JudgeRolloutStep(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId, int step,
                                   long evaluation, RolloutWindow window, Instant at) {
    }

    public record PauseRollout(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId, String actor,
                               String reason, Instant at) {
    }

    public record ResumeRollout(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId, String actor,
                                String reason, Instant at) {
    }

    public record AbortRollout(@TargetAggregateIdentifier RolloutLaneId laneId, RolloutId rolloutId, String actor,
                               String reason, Instant at) {
    }
}
