package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The life of a tenant's ensemble policy; every version is a complete policy, never a diff. */
public sealed interface EnsemblePolicyEvent {

    TenantId tenantId();

    long policyVersion();

    EnsemblePolicySpec policy();

    @Revision("1")
    record EnsemblePolicyDefined(TenantId tenantId, long policyVersion, EnsemblePolicySpec policy, String actor,
                                 Instant at) implements EnsemblePolicyEvent {
    }

    /** @param before the policy this version replaces, so an auditor sees the change without a lookup */
    @Revision("1")
    record EnsemblePolicyChanged(TenantId tenantId, long policyVersion, EnsemblePolicySpec before,
                                 EnsemblePolicySpec policy, String actor, String reason, Instant at)
            implements EnsemblePolicyEvent {
    }
}
