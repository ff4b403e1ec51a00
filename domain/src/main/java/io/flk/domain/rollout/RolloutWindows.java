package io.flk.domain.rollout;

import java.time.Instant;
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
        throw new UnsupportedOperationException("contract only: implemented by the gates slice");
    }
}
