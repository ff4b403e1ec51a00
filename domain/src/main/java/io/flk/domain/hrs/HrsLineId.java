package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;

/** The HRS model line of one tenant (registry, promotions, routing); {@link #toString()} is its aggregate identity. */
public record HrsLineId(TenantId tenantId) {

    public static HrsLineId of(TenantId tenantId) {
        return new HrsLineId(tenantId);
    }

    @Override
    public String toString() {
        return "hrs-models:" + tenantId.value();
    }
}
