package io.flk.domain.verification.evaluation;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the treatment policy on labelled tasks (the calibration split, never the evaluation split): all three
 * strategies with weight 1, a grid of per-strategy thresholds, quorum 2 or 3 of 3 and the weighted-risk
 * ceiling. The chosen policy lets the fewest hallucinations escape among those that cost at most
 * {@code maxIncrementalCost} more than the baseline on the same tasks; ties go to the higher agreement, then
 * to fewer escalations, then to the first in grid order, so the choice is deterministic.
 */
public final class PolicyTuner {

    static final double[] RAG_THRESHOLDS = {0.25, 0.5, 0.75, 1.0};
    static final double[] RISK_CEILINGS = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    static final double[] QUORUMS = {2, 3};

    private PolicyTuner() {
    }

    public static EnsembleRules tune(List<ScoredTask> tasks, EnsembleRules baseline, CostModel costs,
                                     double llmUsdPerTask, double maxIncrementalCost) {
        PolicyOutcome baselineOutcome = PolicyOutcome.judge(baseline, tasks, costs, llmUsdPerTask);
        EnsembleRules best = null;
        PolicyOutcome bestOutcome = null;
        for (double quorum : QUORUMS) {
            for (double ragThreshold : RAG_THRESHOLDS) {
                for (int microVote = 1; microVote <= 19; microVote++) {
                    for (int hrs = 1; hrs <= 19; hrs++) {
                        for (double ceiling : RISK_CEILINGS) {
                            EnsembleRules candidate = treatment(ragThreshold, microVote * 0.05, hrs * 0.05,
                                    quorum, ceiling);
                            PolicyOutcome outcome = PolicyOutcome.judge(candidate, tasks, costs, llmUsdPerTask);
                            if (outcome.incrementalCostVersus(baselineOutcome) <= maxIncrementalCost
                                    && (bestOutcome == null || better(outcome, bestOutcome))) {
                                best = candidate;
                                bestOutcome = outcome;
                            }
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no treatment policy stays within the cost limit on these tasks");
        }
        return best;
    }

    /** The shape of every treatment policy: the three strategies, weight 1 each, fail-closed. */
    public static EnsembleRules treatment(double ragThreshold, double microVoteThreshold, double hrsThreshold,
                                          double quorum, double escalateAtRisk) {
        Map<StrategyName, StrategySettings> strategies = new EnumMap<>(StrategyName.class);
        strategies.put(StrategyName.RAG_GROUNDING, DefaultPolicies.settings(round(ragThreshold)));
        strategies.put(StrategyName.MICRO_VOTE, DefaultPolicies.settings(round(microVoteThreshold)));
        strategies.put(StrategyName.HRS, DefaultPolicies.settings(round(hrsThreshold)));
        return new EnsembleRules(strategies, quorum, escalateAtRisk);
    }

    private static boolean better(PolicyOutcome candidate, PolicyOutcome best) {
        if (candidate.escaped() != best.escaped()) {
            return candidate.escaped() < best.escaped();
        }
        if (candidate.unanimous() != best.unanimous()) {
            return candidate.unanimous() > best.unanimous();
        }
        return candidate.escalated() < best.escalated();
    }

    /** Grid steps of 0.05 printed as such, not as 0.15000000000000002. */
    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
