package io.flk.domain.rollout;

import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.EnsemblePolicySpec;

/**
 * What is rolled out. For {@link RolloutComponent#HRS_MODEL}: a registered version, held to {@code gates}
 * when it starts deciding. For {@link RolloutComponent#ENSEMBLE_POLICY}: a complete candidate policy.
 */
public record RolloutTarget(RolloutComponent component, String modelVersion, EligibilityGates gates,
                            EnsemblePolicySpec candidatePolicy) {

    public static RolloutTarget model(String modelVersion, EligibilityGates gates) {
        return new RolloutTarget(RolloutComponent.HRS_MODEL, modelVersion, gates, null);
    }

    public static RolloutTarget policy(EnsemblePolicySpec candidatePolicy) {
        return new RolloutTarget(RolloutComponent.ENSEMBLE_POLICY, null, null, candidatePolicy);
    }

    /** Checks the target as a whole; the candidate policy is validated with its own field names. */
    public RolloutTarget validated() {
        if (component == null) {
            throw new InvalidValue("component", "component must be HRS_MODEL or ENSEMBLE_POLICY");
        }
        switch (component) {
            case HRS_MODEL -> {
                if (modelVersion == null || modelVersion.isBlank()) {
                    throw new InvalidValue("modelVersion", "a model rollout needs the modelVersion to roll out");
                }
                if (gates == null) {
                    throw new InvalidValue("gates", "a model rollout needs its eligibility gates");
                }
                if (candidatePolicy != null) {
                    throw new InvalidValue("policy", "a model rollout carries no policy");
                }
            }
            case ENSEMBLE_POLICY -> {
                if (candidatePolicy == null) {
                    throw new InvalidValue("policy", "a policy rollout needs the candidate policy");
                }
                if (modelVersion != null) {
                    throw new InvalidValue("modelVersion", "a policy rollout carries no modelVersion");
                }
                candidatePolicy.validated();
            }
        }
        return this;
    }
}
