package io.flk.domain.rollout.fleet;

import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The life of one candidate rolled out to many tenants: its request and four-eyes approval as one fact for all of
 * them, the waves of tenants released, how each tenant's rollout ended and how the fleet rollout ended. What
 * happens on each tenant is recorded by that tenant's own rollout, whose id each member names.
 */
public sealed interface FleetRolloutEvent {

    FleetRolloutId fleetRolloutId();

    @Revision("1")
    record FleetRolloutRequested(FleetRolloutId fleetRolloutId, RolloutTarget target, RolloutPlan plan,
                                 List<TenantId> tenants, int waveSize, Duration bakeTime, String requestedBy,
                                 String reason, Instant at)
            implements FleetRolloutEvent {

        public FleetRolloutRequested {
            tenants = List.copyOf(tenants);
        }
    }

    /** A refused command: self-approvals and late approvals are what an auditor looks for. */
    @Revision("1")
    record FleetRolloutRefused(FleetRolloutId fleetRolloutId, RolloutRefusal refusal, String detail,
                               String attemptedBy, Instant at) implements FleetRolloutEvent {
    }

    /**
     * @param requestReason why it was requested, which each tenant's rollout is requested with
     * @param reason        why it was approved
     */
    @Revision("1")
    record FleetRolloutApproved(FleetRolloutId fleetRolloutId, RolloutTarget target, RolloutPlan plan,
                                String requestedBy, String requestReason, String approvedBy, String reason, Instant at)
            implements FleetRolloutEvent {
    }

    @Revision("1")
    record FleetRolloutRejected(FleetRolloutId fleetRolloutId, String rejectedBy, String reason, Instant at)
            implements FleetRolloutEvent {
    }

    /** The tenants of wave {@code wave} (from 1) start their rollouts, requested and approved as the fleet was. */
    @Revision("1")
    record FleetWaveReleased(FleetRolloutId fleetRolloutId, int wave, List<FleetMember> members, Instant at)
            implements FleetRolloutEvent {

        public FleetWaveReleased {
            members = List.copyOf(members);
        }
    }

    /**
     * Every rollout of wave {@code wave} completed: the tenants run the candidate alone for the fleet's bake time
     * before the next wave is released, at {@code nextWaveAt} unless the fleet is paused then.
     */
    @Revision("1")
    record FleetWaveBakeStarted(FleetRolloutId fleetRolloutId, int wave, Instant nextWaveAt, Instant at)
            implements FleetRolloutEvent {
    }

    @Revision("1")
    record FleetMemberEnded(FleetRolloutId fleetRolloutId, FleetMember member, FleetMemberOutcome outcome,
                            String reason, Instant at) implements FleetRolloutEvent {
    }

    /**
     * A tenant's rollout did not complete: no further wave is released and the rollouts still running are aborted.
     *
     * @param cause    the tenant whose rollout ended the fleet rollout
     * @param toAbort  the other tenants' rollouts that were still running
     */
    @Revision("1")
    record FleetRolloutHalted(FleetRolloutId fleetRolloutId, FleetMember cause, FleetMemberOutcome outcome,
                              String reason, List<FleetMember> toAbort, Instant at) implements FleetRolloutEvent {

        public FleetRolloutHalted {
            toAbort = List.copyOf(toAbort);
        }
    }

    /** An operator paused it; {@code toPause} are the tenants' rollouts that had not ended. */
    @Revision("1")
    record FleetRolloutPaused(FleetRolloutId fleetRolloutId, String actor, String reason, List<FleetMember> toPause,
                              Instant at) implements FleetRolloutEvent {

        public FleetRolloutPaused {
            toPause = List.copyOf(toPause);
        }
    }

    /**
     * An operator resumed it; {@code toResume} are the tenants' rollouts that had not ended, of which those the
     * fleet's pause paused are resumed.
     */
    @Revision("1")
    record FleetRolloutResumed(FleetRolloutId fleetRolloutId, String actor, String reason,
                               List<FleetMember> toResume, Instant at) implements FleetRolloutEvent {

        public FleetRolloutResumed {
            toResume = List.copyOf(toResume);
        }
    }

    /** An operator stopped it; {@code toAbort} are the tenants' rollouts that were still running. */
    @Revision("1")
    record FleetRolloutAborted(FleetRolloutId fleetRolloutId, String actor, String reason, List<FleetMember> toAbort,
                               Instant at) implements FleetRolloutEvent {

        public FleetRolloutAborted {
            toAbort = List.copyOf(toAbort);
        }
    }

    /** Every tenant's rollout completed: the candidate is the live policy of each. */
    @Revision("1")
    record FleetRolloutCompleted(FleetRolloutId fleetRolloutId, int tenants, int waves, Instant at)
            implements FleetRolloutEvent {
    }
}
