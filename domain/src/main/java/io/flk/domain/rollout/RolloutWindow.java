package io.flk.domain.rollout;

import java.time.Instant;

/**
 * Canary and control over the same window [{@code from}, {@code to}), with the short window
 * [{@code shortFrom}, {@code to}) of the error-budget gate.
 *
 * @param latencyBoundMicros the control's p95 times the latency gate's ratio; {@code null} without control tasks
 *                           or without a latency gate
 */
public record RolloutWindow(Instant from, Instant to, Instant shortFrom, long sloLatencyMicros,
                            Double latencyBoundMicros, ArmStats canary, ArmStats control) {
}
