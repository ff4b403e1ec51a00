package io.flk.domain.rollout.fleet;

import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;

/** A tenant of a fleet rollout and the ordinary rollout that rolls the candidate out on it. */
public record FleetMember(TenantId tenantId, RolloutId rolloutId) {
}
