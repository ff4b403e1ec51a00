package io.flk.domain.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link RolloutWindow} from samples held in memory, with exactly the statistics the
 * {@code rollout-samples} read model computes in SQL: dry-runs and backtests judge what the live saga would.
 */
public final class RolloutWindows {

    private RolloutWindows() {
    }

    /**
     * @param samples      any samples; those outside [{@code from}, {@code to}) are ignored
     * @param latencyRatio the latency gate's ratio, or {@code null} when the gate is off
     */
    public static RolloutWindow of(List<RolloutSample> samples, Instant from, Instant to, Instant shortFrom,
                                   Double latencyRatio, long sloLatencyMicros) {
        List<RolloutSample> canary = new ArrayList<>();
        List<RolloutSample> control = new ArrayList<>();
        for (RolloutSample sample : samples) {
            if (!sample.verifiedAt().isBefore(from) && sample.verifiedAt().isBefore(to)) {
                (sample.canary() ? canary : control).add(sample);
            }
        }
        Double controlP95 = p95(control);
        Double bound = latencyRatio == null || controlP95 == null ? null : controlP95 * latencyRatio;
        return new RolloutWindow(from, to, shortFrom, sloLatencyMicros, bound,
                arm(canary, shortFrom, sloLatencyMicros, bound), arm(control, shortFrom, sloLatencyMicros, null));
    }

    /** @param latencyBound counted against for the canary only; {@code null} for the control */
    private static ArmStats arm(List<RolloutSample> samples, Instant shortFrom, long sloLatencyMicros,
                                Double latencyBound) {
        long bad = 0;
        long shortTasks = 0;
        long shortBad = 0;
        long overBound = 0;
        long labelled = 0;
        long caught = 0;
        long trusted = 0;
        double cost = 0;
        double costSquares = 0;
        double trustedCost = 0;
        for (RolloutSample sample : samples) {
            boolean isBad = sample.bad(sloLatencyMicros);
            bad += isBad ? 1 : 0;
            if (!sample.verifiedAt().isBefore(shortFrom)) {
                shortTasks++;
                shortBad += isBad ? 1 : 0;
            }
            if (latencyBound != null && sample.decisionMicros() > latencyBound) {
                overBound++;
            }
            if (Boolean.TRUE.equals(sample.labelledHallucination())) {
                labelled++;
                caught += sample.escalated() ? 1 : 0;
            }
            cost += sample.costUsd();
            costSquares += sample.costUsd() * sample.costUsd();
            if (sample.trusted()) {
                trusted++;
                trustedCost += sample.costUsd();
            }
        }
        return new ArmStats(samples.size(), bad, shortTasks, shortBad, p95(samples), overBound, labelled, caught,
                trusted, cost, costSquares, trustedCost);
    }

    /** Discrete p95, as PostgreSQL's percentile_disc(0.95). */
    private static Double p95(List<RolloutSample> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        long[] latencies = new long[samples.size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = samples.get(i).decisionMicros();
        }
        return (double) DiscretePercentile.of(latencies, 0.95);
    }
}
