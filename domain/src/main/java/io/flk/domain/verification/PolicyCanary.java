package io.flk.domain.verification;

import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;

/**
 * A candidate policy version that decides a share of a tenant's treatment-group tasks while a rollout judges
 * it. The bucket is salted so that it is independent of the control-group bucket of the same task.
 */
public record PolicyCanary(RolloutId rolloutId, long candidateVersion, EnsemblePolicySpec candidate, double share) {

    private static final String CANARY_SALT = "policy-canary\u0000";

    /** Whether this treatment-group task is decided by the candidate. */
    public boolean decides(TenantId tenantId, String taskId) {
        return share > 0 && ControlGroup.bucket(tenantId, CANARY_SALT + taskId) < share;
    }
}
