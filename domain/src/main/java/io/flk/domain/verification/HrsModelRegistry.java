package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;

/**
 * Which HRS model scores a task. The model lifecycle (champion, challenger share, shadows) lives behind
 * this interface; routing must be deterministic in the tenant and task id.
 */
public interface HrsModelRegistry {

    /**
     * @param pinnedVersion a version an operator pinned for this task, already checked to be servable for the
     *                      tenant, or {@code null} to follow the routing
     */
    HrsModel modelFor(TenantId tenantId, String taskId, String pinnedVersion);
}
