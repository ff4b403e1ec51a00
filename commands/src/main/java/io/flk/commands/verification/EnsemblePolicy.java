package io.flk.commands.verification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.commands.tenant.Tenant;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryRouted;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryWithdrawn;
import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.DefineEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.WithdrawPolicyCanary;
import io.flk.domain.verification.EnsemblePolicyEvent;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyChanged;
import io.flk.domain.verification.EnsemblePolicyEvent.EnsemblePolicyDefined;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.PolicyCanary;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.evaluation.DefaultPolicies;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.eventsourcing.conflictresolution.Conflicts;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's ensemble policy. Every accepted change is a new, complete policy version; an invalid policy
 * never becomes a version. A rollout may route a candidate version to a share of the treatment traffic (the
 * canary); while it does, the live policy changes only by that canary's promotion. Version numbers are never
 * reused, not even those of withdrawn candidates. A tenant that never defined a policy runs the built-in
 * default as version 0, and a rollout may start from it. Handlers return the aggregate version (the ETag),
 * except that routing a canary answers the candidate's policy version. Every step of a canary is an event and
 * the policy lives as long as the tenant: snapshotted, as the JSON of its fields, hence the revision.
 */
@Aggregate(snapshotTriggerDefinition = Tenant.SNAPSHOTS)
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class EnsemblePolicy {

    @AggregateIdentifier
    private PolicyId policyId;
    /** 0 while the tenant runs the built-in default. */
    private long policyVersion;
    /** {@code null} while the tenant runs the built-in default. */
    private EnsemblePolicySpec policy;
    private long highestVersion;
    private PolicyCanary canary;

    protected EnsemblePolicy() {
    }

    /** Creates the line unless a rollout already did; a second definition is refused as the first one's twin. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(DefineEnsemblePolicy command) {
        EnsemblePolicySpec valid = command.policy().validated();
        if (policy != null) {
            throw new BusinessRuleViolation("already-exists", "tenant " + command.policyId().tenantId().value()
                    + " already has policy version " + policyVersion + "; change it instead");
        }
        requireNoCanary();
        apply(new EnsemblePolicyDefined(command.policyId().tenantId(), highestVersion + 1, valid, command.actor(),
                command.at()));
        return getVersion();
    }

    /**
     * The expected version guards against changes of the policy since the caller read it; a canary's steps in
     * between are no such change, so they do not make it stale.
     */
    @CommandHandler
    public long handle(ChangeEnsemblePolicy command, ConflictResolver conflicts) {
        EnsemblePolicySpec valid = command.policy().validated();
        conflicts.detectConflicts(Conflicts.payloadTypeOf(EnsemblePolicyEvent.class));
        requireNoCanary();
        if (!valid.equals(policy)) {
            apply(new EnsemblePolicyChanged(policyId.tenantId(), highestVersion + 1, livePolicy(), valid,
                    command.actor(), command.reason(), command.at()));
        }
        return getVersion();
    }

    /** Creates the line for a tenant still on the built-in default; a retry at the same share records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RoutePolicyCanary command) {
        EnsemblePolicySpec candidate = command.candidate().validated();
        if (!(command.share() > 0 && command.share() <= 1)) {
            throw new InvalidValue("share", "a canary's share must be within (0, 1]");
        }
        if (canary != null && !canary.rolloutId().equals(command.rolloutId())) {
            throw rolloutInProgress();
        }
        if (canary != null && !canary.candidate().equals(candidate)) {
            throw new BusinessRuleViolation("canary-candidate-mismatch", "rollout " + command.rolloutId()
                    + " routes policy version " + canary.candidateVersion()
                    + "; another candidate needs its own rollout");
        }
        long candidateVersion = canary == null ? highestVersion + 1 : canary.candidateVersion();
        if (canary == null || canary.share() != command.share()) {
            apply(new PolicyCanaryRouted(command.policyId().tenantId(), command.rolloutId(), policyVersion,
                    candidateVersion, candidate, command.share(), command.actor(), command.at()));
        }
        return candidateVersion;
    }

    @CommandHandler
    public long handle(PromotePolicyCanary command) {
        if (canary == null || !canary.rolloutId().equals(command.rolloutId())) {
            throw new BusinessRuleViolation("canary-not-routed", "no canary of rollout " + command.rolloutId()
                    + " is routed for tenant " + policyId.tenantId().value());
        }
        apply(new EnsemblePolicyChanged(policyId.tenantId(), canary.candidateVersion(), livePolicy(),
                canary.candidate(), command.actor(), command.reason(), command.at()));
        return getVersion();
    }

    /** Nothing happens when this rollout's canary is not routed (a retry, or a rollout that never routed one). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawPolicyCanary command) {
        if (canary != null && canary.rolloutId().equals(command.rolloutId())) {
            apply(new PolicyCanaryWithdrawn(policyId.tenantId(), command.rolloutId(), canary.candidateVersion(),
                    command.actor(), command.reason(), command.at()));
        }
    }

    private void requireNoCanary() {
        if (canary != null) {
            throw rolloutInProgress();
        }
    }

    private BusinessRuleViolation rolloutInProgress() {
        return new BusinessRuleViolation("rollout-in-progress", "a rollout of policy version "
                + canary.candidateVersion() + " is in progress: abort it first");
    }

    /** What the tenant's tasks are verified under now: without a policy of its own, the built-in default. */
    private EnsemblePolicySpec livePolicy() {
        return policy == null ? DefaultPolicies.spec() : policy;
    }

    @EventSourcingHandler
    void on(EnsemblePolicyDefined event) {
        policyId = PolicyId.of(event.tenantId());
        policyVersion = event.policyVersion();
        policy = event.policy();
        highestVersion = Math.max(highestVersion, event.policyVersion());
    }

    /** While a canary is routed, only its promotion changes the policy, so a change ends the canary. */
    @EventSourcingHandler
    void on(EnsemblePolicyChanged event) {
        policyVersion = event.policyVersion();
        policy = event.policy();
        highestVersion = Math.max(highestVersion, event.policyVersion());
        canary = null;
    }

    @EventSourcingHandler
    void on(PolicyCanaryRouted event) {
        policyId = PolicyId.of(event.tenantId());
        canary = new PolicyCanary(event.rolloutId(), event.candidateVersion(), event.candidate(), event.share());
        highestVersion = Math.max(highestVersion, event.candidateVersion());
    }

    @EventSourcingHandler
    void on(PolicyCanaryWithdrawn event) {
        canary = null;
    }
}
