package io.flk.domain.verification.strategy;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.HrsModel;
import io.flk.domain.verification.HrsModelRegistry;

/**
 * The same HRS model for every tenant and task: the offline evaluation and benchmarks, which have no routing.
 * A pin can only name this model, since no other exists here.
 */
public record SingleModelRegistry(HrsModel model) implements HrsModelRegistry {

    @Override
    public HrsModel modelFor(TenantId tenantId, String taskId, String pinnedVersion) {
        if (pinnedVersion != null && !pinnedVersion.equals(model.version())) {
            throw new IllegalArgumentException("only HRS model " + model.version() + " exists here, not " + pinnedVersion);
        }
        return model;
    }
}
