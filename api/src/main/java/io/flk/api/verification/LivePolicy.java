package io.flk.api.verification;

import io.flk.domain.verification.EnsemblePolicySpec;

/**
 * The policy a tenant's tasks are verified under now.
 *
 * @param policyVersion 0 for the built-in default of a tenant that has not defined a policy yet
 */
public record LivePolicy(long policyVersion, EnsemblePolicySpec policy) {
}
