package io.flk.api.verification;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.evaluation.DefaultCosts;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flk.verification.*}: the hot path's capacity, group commit and cost model (defaults in
 * application.yml, documented in the README).
 *
 * @param strategyThreads     threads of the bounded strategy pool
 * @param strategyQueue       tasks the pool may queue before a strategy counts as failed
 * @param groupCommitMaxBatch decisions per event-store transaction at most
 * @param groupCommitMaxDelay how long a batch waits for more decisions once its first arrived
 * @param recorderCapacity    decisions waiting for a commit before requests are refused with 503
 * @param recordTimeout       how long a request waits for its durable record before answering 503
 * @param policyCacheTtl      how long a cached policy is trusted without re-reading it (other instances' changes)
 * @param usdPerCostUnit      price of a strategy's cost unit, by strategy id; unset: {@link DefaultCosts}
 * @param humanReviewUsd      price of one human label; unset: {@link DefaultCosts}
 */
@ConfigurationProperties("flk.verification")
public record VerificationProperties(int strategyThreads, int strategyQueue, int groupCommitMaxBatch,
                                     Duration groupCommitMaxDelay, int recorderCapacity, Duration recordTimeout,
                                     Duration policyCacheTtl, Map<String, Double> usdPerCostUnit,
                                     Double humanReviewUsd) {

    public CostModel costModel() {
        CostModel defaults = DefaultCosts.costModel();
        Map<StrategyName, Double> prices = new EnumMap<>(defaults.usdPerCostUnit());
        if (usdPerCostUnit != null) {
            usdPerCostUnit.forEach((strategy, price) -> prices.put(StrategyName.of(strategy), price));
        }
        return new CostModel(prices, humanReviewUsd != null ? humanReviewUsd : defaults.humanReviewUsd());
    }
}
