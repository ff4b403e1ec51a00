package io.flk.domain.simulation;

import io.flk.domain.verification.Decision;

/**
 * What one task cost and how it was decided, in reality or under a candidate.
 *
 * @param strategyFailed a strategy failed or timed out (under a candidate: one with a say in its rules)
 * @param disagreement   the strategies with a say did not vote unanimously
 */
public record TaskOutcome(Decision decision, long latencyMicros, double llmCostUsd, double verificationCostUsd,
                          double reviewCostUsd, boolean strategyFailed, boolean disagreement) {

    public boolean escalated() {
        return decision == Decision.ESCALATED;
    }

    /** LLM + verification + review cost. */
    public double costUsd() {
        return llmCostUsd + verificationCostUsd + reviewCostUsd;
    }
}
