package io.flk.domain.rollout.fleet;

import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The fleet rollouts read model. */
public final class FleetRolloutQueries {

    private FleetRolloutQueries() {
    }

    public record FindFleetRollout(FleetRolloutId fleetRolloutId) {
    }

    public record ListFleetRollouts() {
    }

    /** The fleet rollouts that have not ended: pending approval, running or paused. */
    public record ListActiveFleetRollouts() {
    }

    /**
     * @param tenants    every tenant the fleet rollout is for, in wave order
     * @param nextWaveAt while the last wave released bakes, when the next one is due; {@code null} otherwise
     * @param members    the tenants whose wave was released, in the order of {@code tenants}
     */
    public record FleetRolloutView(String fleetRolloutId, RolloutTarget target, RolloutPlan plan,
                                   List<String> tenants, int waveSize, Duration bakeTime, FleetRolloutStatus status,
                                   int waves, Instant nextWaveAt,
                                   String requestedBy, String approvedBy, String reason, Instant requestedAt,
                                   Instant endedAt, String endedBy, String endReason, List<FleetMemberView> members) {

        public FleetRolloutView {
            tenants = List.copyOf(tenants);
            members = List.copyOf(members);
        }
    }

    /** @param outcome {@code null} while the tenant's rollout runs */
    public record FleetMemberView(String tenantId, String rolloutId, int wave, Instant releasedAt,
                                  FleetMemberOutcome outcome, String outcomeReason, Instant endedAt) {
    }
}
