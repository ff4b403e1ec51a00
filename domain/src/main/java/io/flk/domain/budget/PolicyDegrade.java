package io.flk.domain.budget;

import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The degrade action on a policy: drop one strategy from both the treatment and the baseline rules (the
 * control group runs the baseline strategies too, so keeping it there would keep paying for it). A quorum
 * above the remaining total weight is lowered to it, so the remaining strategies can still pass a task.
 */
public final class PolicyDegrade {

    private PolicyDegrade() {
    }

    /** The policy without {@code strategy}, or empty when it is not enabled or is the last one with a say. */
    public static Optional<EnsemblePolicySpec> without(EnsemblePolicySpec policy, StrategyName strategy) {
        if (!policy.strategiesToRun().contains(strategy)) {
            return Optional.empty();
        }
        Optional<EnsembleRules> treatment = without(policy.treatment(), strategy);
        Optional<EnsembleRules> baseline = without(policy.baseline(), strategy);
        if (treatment.isEmpty() || baseline.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EnsemblePolicySpec(treatment.get(), baseline.get(), policy.controlShare()));
    }

    private static Optional<EnsembleRules> without(EnsembleRules rules, StrategyName strategy) {
        if (!rules.strategies().containsKey(strategy)) {
            return Optional.of(rules);
        }
        Map<StrategyName, StrategySettings> remaining = new EnumMap<>(rules.strategies());
        remaining.remove(strategy);
        double weight = remaining.values().stream().mapToDouble(StrategySettings::weight).sum();
        if (weight <= 0) {
            return Optional.empty();
        }
        return Optional.of(new EnsembleRules(remaining, Math.min(rules.quorum(), weight), rules.escalateAtRisk()));
    }
}
