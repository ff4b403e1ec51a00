package io.flk.api.verification;

import io.flk.domain.tenant.TenantId;

/** The tenant's hard cap is in force and its budget refuses verifications until it is lifted; nothing was recorded. */
public class BudgetHardCapReached extends RuntimeException {

    public BudgetHardCapReached(TenantId tenantId) {
        super("the budget hard cap of tenant " + tenantId.value() + " is reached; verifications resume when the "
                + "budget is raised or the period ends");
    }
}
