package io.flk.domain.rollout;

/** What a step does when its wall-clock cap is reached and the gates are still inconclusive. */
public enum InconclusiveAction {
    /** Advance by the minimum step: the estimates were within bounds, only the proof was missing. */
    ADVANCE_MIN_STEP,
    /** Keep the share and wait for an operator (the rollout is paused). */
    PAUSE,
    /** Withdraw the canary. */
    ROLLBACK
}
