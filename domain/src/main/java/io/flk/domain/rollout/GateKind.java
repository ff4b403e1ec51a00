package io.flk.domain.rollout;

/** The objectives a canary is judged on against its control over the same window. */
public enum GateKind {
    /** Multi-window, multi-burn-rate error budget of the verify SLO; a fast burn rolls back at once. */
    ERROR_BUDGET,
    /** Verify latency p95, canary over control, within a ratio bound. */
    LATENCY,
    /** Cost per trusted task, canary over control, within a ratio bound. */
    COST,
    /** Containment rate, canary not worse than control by more than a margin (non-inferiority). */
    CONTAINMENT
}
