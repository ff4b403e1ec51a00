package io.flk.domain.rollout.fleet;

import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of a fleet rollout. Each answers a {@link FleetRolloutOutcome}, refusals included. */
public final class FleetRolloutCommands {

    private FleetRolloutCommands() {
    }

    /**
     * Target, plan, tenants and wave size are validated by the aggregate; an invalid one is an exception and
     * records nothing.
     *
     * @param tenants  in the order their waves are released
     * @param waveSize how many tenants roll out at once; the next wave starts when all of a wave completed
     * @param bakeTime how long the tenants of a completed wave run the candidate before the next wave starts
     */
    public record RequestFleetRollout(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, RolloutTarget target,
                                      RolloutPlan plan, List<TenantId> tenants, int waveSize, Duration bakeTime,
                                      String actor, String reason, Instant at) {

        public RequestFleetRollout {
            // Not List.copyOf: a null entry must reach the aggregate and be refused by name, not throw here.
            tenants = tenants == null ? null : Collections.unmodifiableList(new ArrayList<>(tenants));
        }
    }

    /** @param actorIsApprover whether the principal holds the approver role */
    public record ApproveFleetRollout(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, String actor,
                                      boolean actorIsApprover, String reason, Instant at) {
    }

    public record RejectFleetRollout(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, String actor,
                                     String reason, Instant at) {
    }

    /** Pauses every tenant's rollout that runs and holds back the next wave. */
    public record PauseFleetRollout(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, String actor,
                                    String reason, Instant at) {
    }

    /** Resumes the tenants' paused rollouts; a wave that completed meanwhile lets the next one go. */
    public record ResumeFleetRollout(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, String actor,
                                     String reason, Instant at) {
    }

    /** Stops a pending, running or paused fleet rollout; the tenants' running rollouts are aborted. */
    public record AbortFleetRollout(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, String actor,
                                    String reason, Instant at) {
    }

    /** A tenant's rollout ended; recording the same end again changes nothing. */
    public record RecordFleetMemberEnded(@TargetAggregateIdentifier FleetRolloutId fleetRolloutId, TenantId tenantId,
                                         RolloutId rolloutId, FleetMemberOutcome outcome, String reason,
                                         Instant at) {
    }
}
