package io.flk.api.verification;

import io.flk.domain.verification.EnsemblePolicyCanaryEvent;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryRouted;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent.PolicyCanaryWithdrawn;
import io.flk.domain.verification.EnsemblePolicyEvent;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.PolicyCanary;

/**
 * The policy a tenant's tasks are verified under now.
 *
 * @param policyVersion 0 for the built-in default of a tenant that has not defined a policy yet
 * @param canary        the candidate version a rollout routes to a share of the treatment tasks, or {@code null}
 */
public record LivePolicy(long policyVersion, EnsemblePolicySpec policy, PolicyCanary canary) {

    /** A new live version ends any canary: while one is routed, only its promotion changes the policy. */
    static LivePolicy of(EnsemblePolicyEvent event) {
        return new LivePolicy(event.policyVersion(), event.policy(), null);
    }

    LivePolicy after(EnsemblePolicyCanaryEvent event) {
        if (event instanceof PolicyCanaryRouted routed) {
            return new LivePolicy(policyVersion, policy, new PolicyCanary(routed.rolloutId(),
                    routed.candidateVersion(), routed.candidate(), routed.share()));
        }
        if (event instanceof PolicyCanaryWithdrawn) {
            return new LivePolicy(policyVersion, policy, null);
        }
        throw new IllegalArgumentException("unknown canary event " + event.getClass().getName());
    }
}
