package io.flk.domain.verification.evaluation;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.StrategyName;
import java.util.Map;

/**
 * Default prices. A cost unit is 1000 tokens read by a strategy in process; even generously priced (a
 * 2-core instance reads millions of tokens per second) it is a rounding error next to a human review, which is
 * what an escalation costs. The evaluation also charges every task the LLM call that produced the answer,
 * because cost per trusted task counts it.
 */
public final class DefaultCosts {

    /** rag-grounding: shingle matching only. */
    public static final double RAG_GROUNDING_USD_PER_UNIT = 0.00001;
    /** micro-vote: feature extraction plus a 50-tree forest. */
    public static final double MICRO_VOTE_USD_PER_UNIT = 0.00002;
    /** hrs: feature extraction plus a logistic model. */
    public static final double HRS_USD_PER_UNIT = 0.00002;
    /** One human label: about two minutes of a trained reviewer. */
    public static final double HUMAN_REVIEW_USD = 2.00;
    /** The data plane's LLM call for one answer, assumed for the evaluation (the API records the real one). */
    public static final double LLM_USD_PER_TASK = 0.01;

    private DefaultCosts() {
    }

    public static CostModel costModel() {
        return new CostModel(Map.of(
                StrategyName.RAG_GROUNDING, RAG_GROUNDING_USD_PER_UNIT,
                StrategyName.MICRO_VOTE, MICRO_VOTE_USD_PER_UNIT,
                StrategyName.HRS, HRS_USD_PER_UNIT), HUMAN_REVIEW_USD);
    }
}
