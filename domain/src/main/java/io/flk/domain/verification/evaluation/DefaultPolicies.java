package io.flk.domain.verification.evaluation;

import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.util.Map;

/**
 * Ready-made policies for new and demo tenants.
 *
 * <p>Baseline: HRS alone, escalating when the calibrated risk reaches 0.5 (grounded threshold 0.5 on
 * 1 - risk), the decision a calibrated probability gives when both errors cost the same; not tuned.
 *
 * <p>Treatment: the policy {@link PolicyTuner} chooses on the HaluEval calibration split with the bundled
 * models (seed {@code BundledModels.DEFAULT_SEED}) and the {@link DefaultCosts}, allowing 7 % extra cost
 * over the baseline; a test re-runs the tuning and fails when these constants no longer match it.
 *
 * <p>Every strategy fails closed (a strategy that throws or times out votes HALLUCINATED): no answer should
 * pass because a verifier was unavailable. Timeouts leave room inside the hot path's 20 ms p95 budget.
 */
public final class DefaultPolicies {

    public static final long TIMEOUT_MILLIS = 20;
    public static final double CONTROL_SHARE = 0.1;
    public static final double MAX_INCREMENTAL_COST = 0.07;

    static final double TREATMENT_RAG_THRESHOLD = 0.25;
    static final double TREATMENT_MICRO_VOTE_THRESHOLD = 0.65;
    static final double TREATMENT_HRS_THRESHOLD = 0.35;
    static final double TREATMENT_QUORUM = 2;
    static final double TREATMENT_ESCALATE_AT_RISK = 0.6;

    private DefaultPolicies() {
    }

    public static EnsembleRules baseline() {
        return new EnsembleRules(Map.of(StrategyName.HRS, settings(0.5)), 1, 1.0);
    }

    public static EnsembleRules treatment() {
        return PolicyTuner.treatment(TREATMENT_RAG_THRESHOLD, TREATMENT_MICRO_VOTE_THRESHOLD,
                TREATMENT_HRS_THRESHOLD, TREATMENT_QUORUM, TREATMENT_ESCALATE_AT_RISK);
    }

    /** Treatment for most traffic, a control share held on the baseline. */
    public static EnsemblePolicySpec spec() {
        return new EnsemblePolicySpec(treatment(), baseline(), CONTROL_SHARE).validated();
    }

    static StrategySettings settings(double groundedThreshold) {
        return new StrategySettings(1, groundedThreshold, TIMEOUT_MILLIS, FailureMode.FAIL_CLOSED);
    }
}
