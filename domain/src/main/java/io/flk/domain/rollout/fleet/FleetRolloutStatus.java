package io.flk.domain.rollout.fleet;

public enum FleetRolloutStatus {
    PENDING_APPROVAL,
    REJECTED,
    /** Approved; its waves are released one after the other. */
    RUNNING,
    /** An operator paused it: its tenants' rollouts are paused and no wave is released until it resumes. */
    PAUSED,
    /** Every tenant's rollout completed. */
    COMPLETED,
    /** A tenant's rollout did not complete: the others were aborted and no further wave was released. */
    HALTED,
    /** An operator stopped it. */
    ABORTED;

    public boolean active() {
        return this == PENDING_APPROVAL || this == RUNNING || this == PAUSED;
    }
}
