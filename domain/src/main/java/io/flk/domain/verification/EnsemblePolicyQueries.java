package io.flk.domain.verification;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** The ensemble policy read model: the current version and the history of versions. */
public final class EnsemblePolicyQueries {

    private EnsemblePolicyQueries() {
    }

    public record FindEnsemblePolicy(TenantId tenantId) {
    }

    public record FetchEnsemblePolicyHistory(TenantId tenantId) {
    }

    /** @param version the aggregate version, used as the ETag for changes */
    public record EnsemblePolicyView(String tenantId, long policyVersion, EnsemblePolicySpec policy, String changedBy,
                                     String reason, Instant changedAt, long version) {
    }

    public record EnsemblePolicyHistory(List<EnsemblePolicyView> versions) {

        public EnsemblePolicyHistory {
            versions = List.copyOf(versions);
        }
    }
}
