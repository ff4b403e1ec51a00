package io.flk.domain.rollout;

/**
 * What one arm (canary or control) showed over a step's window: the sufficient statistics of every gate, so
 * that a recorded judgement can be recomputed from its event alone.
 *
 * @param bad                    tasks bad for the verify SLO over the whole window (long window)
 * @param shortWindowTasks       tasks in the window's last {@code shortWindow}
 * @param shortWindowBad         of those, the bad ones
 * @param latencyP95Micros       discrete p95 of decision latency (the smallest recorded value with at least
 *                               95 % of the tasks at or below it), {@code null} without tasks
 * @param overLatencyBound       tasks slower than the window's latency bound (the control p95 times the
 *                               latency gate's ratio); counted for the canary, 0 for the control
 * @param labelledHallucinations tasks labelled hallucination
 * @param caughtHallucinations   of those, the ones the arm escalated
 * @param trusted                tasks passed and not labelled hallucination
 * @param costUsd                sum of LLM + verification + review cost
 * @param costUsdSquares         sum of squared per-task costs
 * @param trustedCostUsd         sum of the costs of trusted tasks
 */
public record ArmStats(long tasks, long bad, long shortWindowTasks, long shortWindowBad, Double latencyP95Micros,
                       long overLatencyBound, long labelledHallucinations, long caughtHallucinations, long trusted,
                       double costUsd, double costUsdSquares, double trustedCostUsd) {

    public static final ArmStats EMPTY = new ArmStats(0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0);
}
