package io.flk.domain.verification.strategy;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.HrsModel;
import io.flk.domain.verification.HrsModelRegistry;

/** The same HRS model for every tenant and task, until the HRS lifecycle brings champions and challengers. */
public record SingleModelRegistry(HrsModel model) implements HrsModelRegistry {

    @Override
    public HrsModel modelFor(TenantId tenantId, String taskId) {
        return model;
    }
}
