package io.flk.domain.verification;

import io.flk.domain.shared.InvalidValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tenant's whole ensemble policy: the rules that decide (treatment), the baseline rules the control
 * group is held on, and the share of traffic in the control group.
 */
public record EnsemblePolicySpec(EnsembleRules treatment, EnsembleRules baseline, double controlShare) {

    public static final double MAX_CONTROL_SHARE = 0.5;

    public EnsemblePolicySpec validated() {
        if (treatment == null) {
            throw new InvalidValue("treatment", "treatment rules are required");
        }
        if (baseline == null) {
            throw new InvalidValue("baseline", "baseline rules are required");
        }
        treatment.validated("treatment");
        baseline.validated("baseline");
        if (!Double.isFinite(controlShare) || controlShare < 0 || controlShare > MAX_CONTROL_SHARE) {
            throw new InvalidValue("controlShare", "controlShare must be within [0, " + MAX_CONTROL_SHARE + "]");
        }
        return this;
    }

    public EnsembleRules rulesFor(boolean controlGroup) {
        return controlGroup ? baseline : treatment;
    }

    /** Every strategy either rule set needs, so that control tasks record the same scores as treatment ones. */
    public Set<StrategyName> strategiesToRun() {
        Set<StrategyName> all = EnumSet.noneOf(StrategyName.class);
        all.addAll(treatment.strategies().keySet());
        all.addAll(baseline.strategies().keySet());
        return all;
    }
}
