package io.flk.domain.verification;

import io.flk.domain.rollout.RolloutId;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A candidate policy version on its way through a rollout. Not an {@link EnsemblePolicyEvent}: the live
 * policy does not change until the rollout completes with an {@code EnsemblePolicyChanged}.
 */
public sealed interface EnsemblePolicyCanaryEvent {

    TenantId tenantId();

    RolloutId rolloutId();

    /**
     * The candidate decides {@code share} of the treatment-group tasks; recorded at the start and at every step.
     *
     * @param livePolicyVersion the version the rest of the traffic stays on
     */
    @Revision("1")
    record PolicyCanaryRouted(TenantId tenantId, RolloutId rolloutId, long livePolicyVersion, long candidateVersion,
                              EnsemblePolicySpec candidate, double share, String actor, Instant at)
            implements EnsemblePolicyCanaryEvent {
    }

    /** The candidate no longer decides any task; its version number is never reused. */
    @Revision("1")
    record PolicyCanaryWithdrawn(TenantId tenantId, RolloutId rolloutId, long candidateVersion, String actor,
                                 String reason, Instant at) implements EnsemblePolicyCanaryEvent {
    }
}
