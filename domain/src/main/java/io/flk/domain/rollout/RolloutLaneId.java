package io.flk.domain.rollout;

import io.flk.domain.tenant.TenantId;

/**
 * The rollouts of one component of one tenant, one after the other: an aggregate, so that two concurrent
 * rollouts of the same component are refused by its state rather than by a racy read.
 * {@link #toString()} is its aggregate identity in the event store.
 */
public record RolloutLaneId(TenantId tenantId, RolloutComponent component) {

    public static RolloutLaneId of(TenantId tenantId, RolloutComponent component) {
        return new RolloutLaneId(tenantId, component);
    }

    @Override
    public String toString() {
        return "rollouts:" + tenantId.value() + ":" + component.id();
    }
}
