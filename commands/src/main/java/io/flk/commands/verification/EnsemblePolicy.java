package io.flk.commands.verification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.DefineEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyChanged;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyDefined;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.PolicyId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's ensemble policy. Every accepted change is a new, complete policy version; an invalid policy
 * never becomes a version. Handlers return the aggregate version (the ETag).
 */
@Aggregate
public class EnsemblePolicy {

    @AggregateIdentifier
    private PolicyId policyId;
    private long policyVersion;
    private EnsemblePolicySpec policy;

    protected EnsemblePolicy() {
    }

    @CommandHandler
    public EnsemblePolicy(DefineEnsemblePolicy command) {
        EnsemblePolicySpec valid = command.policy().validated();
        apply(new EnsemblePolicyDefined(command.policyId().tenantId(), 1, valid, command.actor(), command.at()));
    }

    @CommandHandler
    public long handle(ChangeEnsemblePolicy command) {
        EnsemblePolicySpec valid = command.policy().validated();
        if (!valid.equals(policy)) {
            apply(new EnsemblePolicyChanged(policyId.tenantId(), policyVersion + 1, policy, valid, command.actor(),
                    command.reason(), command.at()));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(EnsemblePolicyDefined event) {
        policyId = PolicyId.of(event.tenantId());
        policyVersion = event.policyVersion();
        policy = event.policy();
    }

    @EventSourcingHandler
    void on(EnsemblePolicyChanged event) {
        policyVersion = event.policyVersion();
        policy = event.policy();
    }
}
