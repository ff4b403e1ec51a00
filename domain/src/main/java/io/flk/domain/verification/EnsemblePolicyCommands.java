package io.flk.domain.verification;

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
}
