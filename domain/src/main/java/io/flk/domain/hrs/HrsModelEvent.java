package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The life of a tenant's HRS models: registration, promotion with four eyes, routing, rollback, and every
 * refusal an auditor must see. Never a text: versions, hashes, numbers, actors and reasons.
 */
public sealed interface HrsModelEvent {

    TenantId tenantId();

    /** An immutable version: its artifact is stored in PostgreSQL, hashed and signed (see {@link RegisteredModel}). */
    @Revision("1")
    record ModelVersionRegistered(TenantId tenantId, RegisteredModel model, String registeredBy, Instant at)
            implements HrsModelEvent {
    }

    /** A stored artifact failed its hash or signature check when an instance loaded it; it is not served. */
    @Revision("1")
    record ModelArtifactRefused(TenantId tenantId, String modelVersion, String reason, String detectedBy,
                                Instant at) implements HrsModelEvent {
    }

    @Revision("1")
    record PromotionRequested(TenantId tenantId, PromotionRequestId requestId, String modelVersion, RoutingRole target,
                              double challengerShare, EligibilityGates gates, double rocAuc, double ece,
                              String requestedBy, String reason, Instant at, Instant expiresAt)
            implements HrsModelEvent {
    }

    @Revision("1")
    record PromotionApproved(TenantId tenantId, PromotionRequestId requestId, String modelVersion, RoutingRole target,
                             String requestedBy, String approvedBy, String reason, Instant at)
            implements HrsModelEvent {
    }

    @Revision("1")
    record PromotionRejected(TenantId tenantId, PromotionRequestId requestId, String modelVersion,
                             String rejectedBy, String reason, Instant at) implements HrsModelEvent {
    }

    @Revision("1")
    record PromotionExpired(TenantId tenantId, PromotionRequestId requestId, String modelVersion, Instant expiredAt)
            implements HrsModelEvent {
    }

    /**
     * A promotion command that was refused. Recorded rather than only answered, because attempts to route an
     * unproven model or to approve one's own request are what an auditor looks for.
     *
     * @param requestId the request concerned, or {@code null} when a request itself was refused
     */
    @Revision("1")
    record PromotionRefused(TenantId tenantId, PromotionRequestId requestId, String modelVersion,
                            PromotionRefusal refusal, String detail, String attemptedBy, Instant at)
            implements HrsModelEvent {
    }

    /** The routing the hot path follows changed; {@code cause} is the approved request or the rollback. */
    @Revision("1")
    record HrsRoutingChanged(TenantId tenantId, HrsRouting before, HrsRouting after, String cause, String actor,
                             Instant at) implements HrsModelEvent {
    }

    /**
     * The champion went back to the one before it, in one command. {@code toVersion == null} is the bundled model.
     */
    @Revision("1")
    record RolledBackToLastGood(TenantId tenantId, String fromVersion, String toVersion, String actor, String reason,
                                Instant at) implements HrsModelEvent {
    }
}
