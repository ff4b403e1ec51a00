package io.flk.domain.verification;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The weighted N-of-M decision over the strategies' verdicts. Strategies that ran but are not in the
 * applied rules (a baseline-only strategy on a treatment task) are recorded but have no say.
 *
 * @param risk           weighted mean of (1 - score) over the scored strategies with a say, or {@code null}
 *                       when none of them produced a score
 * @param groundedWeight the weight of the GROUNDED votes
 * @param disagreement   the strategies with a say did not vote unanimously
 */
public record EnsembleVote(Decision decision, Double risk, double groundedWeight, boolean disagreement,
                           List<StrategyName> groundedBy, List<StrategyName> hallucinatedBy) {

    /**
     * Weighted sums round differently at different scales of the same weights, so a vote or risk that equals its
     * bound within this is judged at the bound: the quorum is met, the risk escalates.
     */
    private static final double ROUNDING = 1e-9;

    public static EnsembleVote of(EnsembleRules rules, List<StrategyVerdict> verdicts) {
        Map<Boolean, List<StrategyName>> byVote = verdicts.stream()
                .filter(verdict -> rules.strategies().containsKey(verdict.strategy()))
                .collect(Collectors.partitioningBy(verdict -> verdict.vote() == Vote.GROUNDED,
                        Collectors.mapping(StrategyVerdict::strategy, Collectors.toList())));
        List<StrategyName> grounded = byVote.get(true);
        List<StrategyName> hallucinated = byVote.get(false);
        double groundedWeight = grounded.stream().mapToDouble(name -> rules.strategies().get(name).weight()).sum();
        Double risk = weightedRisk(rules, verdicts);
        boolean votesPass = groundedWeight >= rules.quorum() - ROUNDING;
        boolean riskPasses = risk == null || risk < rules.escalateAtRisk() - ROUNDING;
        Decision decision = votesPass && riskPasses ? Decision.PASS : Decision.ESCALATED;
        return new EnsembleVote(decision, risk, groundedWeight, !grounded.isEmpty() && !hallucinated.isEmpty(),
                List.copyOf(grounded), List.copyOf(hallucinated));
    }

    private static Double weightedRisk(EnsembleRules rules, List<StrategyVerdict> verdicts) {
        double weightedSum = 0;
        double weights = 0;
        for (StrategyVerdict verdict : verdicts) {
            StrategySettings settings = rules.strategies().get(verdict.strategy());
            if (settings != null && verdict.score() != null && settings.weight() > 0) {
                weightedSum += settings.weight() * (1 - verdict.score());
                weights += settings.weight();
            }
        }
        return weights == 0 ? null : weightedSum / weights;
    }
}
