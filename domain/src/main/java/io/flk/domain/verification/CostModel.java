package io.flk.domain.verification;

import java.util.EnumMap;
import java.util.Map;

/**
 * Turns the work a strategy did into dollars, and prices a human review. The README documents the
 * defaults; deployments configure their own prices.
 *
 * @param usdPerCostUnit price of one cost unit, per strategy
 * @param humanReviewUsd price of one human label (an escalation resolved or a passed task reviewed)
 */
public record CostModel(Map<StrategyName, Double> usdPerCostUnit, double humanReviewUsd) {

    public CostModel {
        usdPerCostUnit = Map.copyOf(new EnumMap<>(usdPerCostUnit));
    }

    public double costUsd(StrategyName strategy, double costUnits) {
        return costUnits * usdPerCostUnit.getOrDefault(strategy, 0.0);
    }
}
