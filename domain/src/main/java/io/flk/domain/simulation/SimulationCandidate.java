package io.flk.domain.simulation;

import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.StrategyName;
import java.util.Set;

/**
 * The policy a what-if simulation replays recorded tasks under: treatment-group tasks are re-decided by its
 * treatment rules and control-group tasks by its baseline rules (what the tenant's traffic would have seen; the
 * recorded group of each task is kept), optionally with the HRS scores of another HRS version.
 *
 * @param hrsVersion an HRS version whose recorded shadow risks stand in for the recorded HRS scores (score =
 *                   1 - risk), or {@code null} for the recorded HRS scores
 */
public record SimulationCandidate(EnsemblePolicySpec policy, String hrsVersion) {

    public static final int MAX_HRS_VERSION_LENGTH = 64;

    /** Checks the candidate; offending fields are named from the request's root: {@code policy.treatment.quorum}. */
    public SimulationCandidate validated() {
        if (policy == null) {
            throw new InvalidValue("policy", "policy is required");
        }
        try {
            policy.validated();
        } catch (InvalidValue invalid) {
            throw new InvalidValue("policy." + invalid.field(), invalid.getMessage());
        }
        if (hrsVersion != null && (hrsVersion.isBlank() || hrsVersion.length() > MAX_HRS_VERSION_LENGTH)) {
            throw new InvalidValue("hrsVersion", "hrsVersion must be 1-" + MAX_HRS_VERSION_LENGTH
                    + " characters when given");
        }
        return this;
    }

    public EnsembleRules rulesFor(boolean controlGroup) {
        return policy.rulesFor(controlGroup);
    }

    /** Every strategy the candidate runs on a task: both groups' rules, as the hot path runs them. */
    public Set<StrategyName> strategiesToRun() {
        return policy.strategiesToRun();
    }
}
