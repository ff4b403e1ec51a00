package io.flk.domain.hrs;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands of a tenant's HRS model line. Promotion commands answer a {@link PromotionOutcome}, refusals included. */
public final class HrsModelCommands {

    private HrsModelCommands() {
    }

    public record RegisterModelVersion(@TargetAggregateIdentifier HrsLineId lineId, RegisteredModel model,
                                       String actor, Instant at) {
    }

    public record RecordArtifactRefused(@TargetAggregateIdentifier HrsLineId lineId, String modelVersion,
                                        String reason, String detectedBy, Instant at) {
    }

    /** @param ttl how long the request waits for an approver before it expires */
    public record RequestPromotion(@TargetAggregateIdentifier HrsLineId lineId, PromotionRequestId requestId,
                                   String modelVersion, RoutingRole target, double challengerShare,
                                   EligibilityGates gates, Duration ttl, String actor, String reason, Instant at) {
    }

    /** @param actorIsApprover whether the principal holds the approver role */
    public record ApprovePromotion(@TargetAggregateIdentifier HrsLineId lineId, PromotionRequestId requestId,
                                   String actor, boolean actorIsApprover, String reason, Instant at) {
    }

    public record RejectPromotion(@TargetAggregateIdentifier HrsLineId lineId, PromotionRequestId requestId,
                                  String actor, String reason, Instant at) {
    }

    public record RollbackToLastGood(@TargetAggregateIdentifier HrsLineId lineId, String actor, String reason,
                                     Instant at) {
    }
}
