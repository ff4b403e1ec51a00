package io.flk.domain.verification.evaluation;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.EnsembleVote;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One labelled task with the outcome of every strategy, computed once; policies are then judged by replaying
 * the outcomes through {@link EnsembleVote}, exactly as the hot path decides.
 */
public record ScoredTask(String taskId, boolean hallucinated, Map<StrategyName, StrategyOutcome> outcomes) {

    public ScoredTask {
        outcomes = Map.copyOf(outcomes);
    }

    public EnsembleVote vote(EnsembleRules rules, CostModel costs) {
        return EnsembleVote.of(rules, verdicts(rules, costs));
    }

    public List<StrategyVerdict> verdicts(EnsembleRules rules, CostModel costs) {
        List<StrategyVerdict> verdicts = new ArrayList<>(rules.strategies().size());
        rules.strategies().forEach((name, settings) -> {
            StrategyOutcome outcome = outcomes.get(name);
            verdicts.add(StrategyVerdict.scored(name, outcome, settings.groundedThreshold(), 0,
                    costs.costUsd(name, outcome.costUnits())));
        });
        return verdicts;
    }

    /** The strategies of {@code rules} voted unanimously. */
    public boolean unanimous(EnsembleRules rules) {
        long grounded = rules.strategies().entrySet().stream()
                .filter(entry -> outcomes.get(entry.getKey()).voteAt(entry.getValue().groundedThreshold())
                        == Vote.GROUNDED)
                .count();
        return grounded == 0 || grounded == rules.strategies().size();
    }

    /** LLM call, the strategies the rules run, and a human review when the task is escalated. */
    public double costUsd(EnsembleRules rules, CostModel costs, double llmUsdPerTask) {
        double verification = rules.strategies().keySet().stream()
                .mapToDouble(name -> costs.costUsd(name, outcomes.get(name).costUnits())).sum();
        double review = vote(rules, costs).decision() == Decision.ESCALATED
                ? costs.humanReviewUsd() : 0;
        return llmUsdPerTask + verification + review;
    }
}
