package io.flk.domain.verification;

import io.flk.domain.rollout.RolloutId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands of the {@code EnsemblePolicy} aggregate, one per tenant. */
public final class EnsemblePolicyCommands {

    private EnsemblePolicyCommands() {
    }

    public record DefineEnsemblePolicy(@TargetAggregateIdentifier PolicyId policyId, EnsemblePolicySpec policy,
                                       String actor, Instant at) {
    }

    public record ChangeEnsemblePolicy(@TargetAggregateIdentifier PolicyId policyId, EnsemblePolicySpec policy,
                                       String reason, @TargetAggregateVersion Long expectedVersion, String actor,
                                       Instant at) {
    }

    /**
     * Routes {@code share} of the treatment-group tasks to {@code candidate}; answers the candidate's policy
     * version. Repeating it for the same rollout only moves the share.
     */
    public record RoutePolicyCanary(@TargetAggregateIdentifier PolicyId policyId, RolloutId rolloutId,
                                    EnsemblePolicySpec candidate, double share, String actor, Instant at) {
    }

    /** The rollout completed: the candidate becomes the live policy under its version. */
    public record PromotePolicyCanary(@TargetAggregateIdentifier PolicyId policyId, RolloutId rolloutId, String actor,
                                      String reason, Instant at) {
    }

    public record WithdrawPolicyCanary(@TargetAggregateIdentifier PolicyId policyId, RolloutId rolloutId, String actor,
                                       String reason, Instant at) {
    }
}
