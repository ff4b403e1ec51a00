package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;

/** The ensemble policy of one tenant; {@link #toString()} is its aggregate identity in the event store. */
public record PolicyId(TenantId tenantId) {

    public static PolicyId of(TenantId tenantId) {
        return new PolicyId(tenantId);
    }

    @Override
    public String toString() {
        return "policy:" + tenantId.value();
    }
}
