package io.flk.domain.rollout;

import java.time.Instant;

/**
 * One recorded treatment-group task as the gates see it (control-group tasks of the ensemble policy, held on
 * baseline rules, are never samples: both arms run the same rules but for what is rolled out).
 *
 * @param canary                 the task was decided by what is rolled out
 * @param strategyFailed         a strategy with a say failed or timed out
 * @param labelledHallucination  its human label: {@code null} while unlabelled
 * @param costUsd                LLM + verification + review cost of the task
 */
public record RolloutSample(Instant verifiedAt, boolean canary, long decisionMicros, boolean strategyFailed,
                            boolean escalated, Boolean labelledHallucination, double costUsd) {

    /** Passed and not labelled hallucination (DESIGN.md section 1). */
    public boolean trusted() {
        return !escalated && !Boolean.TRUE.equals(labelledHallucination);
    }

    /** Bad for the verify SLO: a strategy failed or the decision was slower than the SLO latency. */
    public boolean bad(long sloLatencyMicros) {
        return strategyFailed || decisionMicros > sloLatencyMicros;
    }
}
