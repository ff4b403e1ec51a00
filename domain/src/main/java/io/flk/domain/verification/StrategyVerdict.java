package io.flk.domain.verification;

/**
 * One strategy's part in a recorded decision.
 *
 * @param score        its score, or {@code null} when it failed or timed out
 * @param vote         its vote; for a failed strategy the vote its failure mode gives
 * @param latencyMicros wall-clock time the hot path spent on it
 * @param costUsd      its cost under the {@link CostModel}
 * @param timedOut     it did not answer within its timeout
 * @param failed       it threw (an exception class name is not recorded: it could carry input text)
 */
public record StrategyVerdict(StrategyName strategy, Double score, Vote vote, long latencyMicros, double costUsd,
                              boolean timedOut, boolean failed, String modelVersion) {

    public static StrategyVerdict scored(StrategyName strategy, StrategyOutcome outcome, double groundedThreshold,
                                         long latencyMicros, double costUsd) {
        return new StrategyVerdict(strategy, outcome.score(), outcome.voteAt(groundedThreshold), latencyMicros,
                costUsd, false, false, outcome.modelVersion());
    }

    public static StrategyVerdict unavailable(StrategyName strategy, FailureMode mode, boolean timedOut,
                                              long latencyMicros) {
        return new StrategyVerdict(strategy, null, mode.vote(), latencyMicros, 0, timedOut, !timedOut, null);
    }
}
