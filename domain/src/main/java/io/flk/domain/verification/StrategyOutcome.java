package io.flk.domain.verification;

/**
 * What a strategy concludes about one task.
 *
 * @param score        how well grounded the answer is, from 0 (surely hallucinated) to 1 (surely grounded)
 * @param costUnits    the work the strategy did (see {@link CostModel}); deterministic for the same input
 * @param modelVersion the version of the trained model that scored, or {@code null} for rule-based strategies
 */
public record StrategyOutcome(double score, double costUnits, String modelVersion) {

    public StrategyOutcome {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be within [0, 1], was " + score);
        }
    }

    public Vote voteAt(double groundedThreshold) {
        return score >= groundedThreshold ? Vote.GROUNDED : Vote.HALLUCINATED;
    }
}
