package io.flk.domain.rollout;

import java.time.Instant;

/** Where a running rollout stands when a step is judged at {@code at}. */
public record RolloutProgress(int step, double share, Instant stepStartedAt, Instant at) {
}
