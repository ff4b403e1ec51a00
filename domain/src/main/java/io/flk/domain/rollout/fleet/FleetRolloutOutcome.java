package io.flk.domain.rollout.fleet;

import io.flk.domain.rollout.RolloutRefusal;

/**
 * The answer to a fleet rollout command. A refusal is recorded as an event and returned here rather than thrown,
 * because throwing would roll the audit event back.
 *
 * @param refusal {@code null} when the command was accepted
 * @param version the aggregate's version after the command
 */
public record FleetRolloutOutcome(FleetRolloutId fleetRolloutId, RolloutRefusal refusal, String detail,
                                  FleetRolloutStatus status, long version) {

    public boolean accepted() {
        return refusal == null;
    }
}
