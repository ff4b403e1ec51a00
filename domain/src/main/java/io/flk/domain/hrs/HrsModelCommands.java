package io.flk.domain.hrs;

import io.flk.domain.rollout.RolloutId;
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

    /**
     * A rollout routes {@code share} (up to all) of the tenant's tasks to {@code modelVersion} in the challenger
     * slot, holding it to {@code gates} as any deciding version. Repeating it for the same rollout only moves the
     * share.
     */
    public record RouteCanary(@TargetAggregateIdentifier HrsLineId lineId, RolloutId rolloutId, String modelVersion,
                              double share, EligibilityGates gates, String actor, Instant at) {
    }

    /** The rollout completed: its canary becomes the champion. */
    public record PromoteCanary(@TargetAggregateIdentifier HrsLineId lineId, RolloutId rolloutId, String actor,
                                Instant at) {
    }

    /** The rollout was rolled back or aborted: its canary stops deciding. */
    public record WithdrawCanary(@TargetAggregateIdentifier HrsLineId lineId, RolloutId rolloutId, String actor,
                                 String reason, Instant at) {
    }
}
