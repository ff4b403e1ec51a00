package io.flk.api.rollout;

import io.flk.api.hrs.HrsProperties;
import io.flk.api.verification.EnsemblePolicyController.PolicyRequest;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.EnsemblePolicySpec;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What a rollout request or a dry-run names, made into a validated target and plan, with offending fields named
 * as in the request body ({@code policy.treatment.quorum}, {@code plan.minStep}).
 */
@Component
public class RolloutSubjects {

    private final HrsProperties hrs;

    public RolloutSubjects(HrsProperties hrs) {
        this.hrs = hrs;
    }

    /** A model version is held to the configured eligibility gates; a candidate policy is checked whole. */
    public RolloutTarget target(RolloutComponent component, String modelVersion, PolicyRequest policy) {
        if (policy != null && policy.reason() != null) {
            throw new InvalidValue("policy.reason",
                    "the reason of a rollout is the top-level reason, not policy.reason");
        }
        EnsemblePolicySpec candidate = policy == null ? null : policy.spec();
        EligibilityGates gates = component == RolloutComponent.HRS_MODEL ? hrs.gates().eligibility() : null;
        RolloutTarget target = new RolloutTarget(component, modelVersion, gates, candidate);
        if (component == RolloutComponent.ENSEMBLE_POLICY && candidate != null) {
            prefixed("policy", candidate::validated);
        }
        return target.validated();
    }

    public RolloutPlan plan(RolloutPlanRequest plan) {
        return prefixed("plan", () -> (plan == null ? RolloutPlan.defaults() : plan.plan()).validated());
    }

    /** Runs a domain validation whose field names are relative to {@code prefix} in the request body. */
    private static <T> T prefixed(String prefix, Supplier<T> validation) {
        try {
            return validation.get();
        } catch (InvalidValue invalid) {
            throw new InvalidValue(prefix + "." + invalid.field(), invalid.getMessage());
        }
    }
}
