package io.flk.domain.rollout;

public enum RolloutStatus {
    PENDING_APPROVAL,
    REJECTED,
    /** Approved; the component is being asked to route the canary. */
    STARTING,
    RUNNING,
    PAUSED,
    COMPLETED,
    ROLLED_BACK,
    ABORTED;

    /** A rollout in one of these states blocks another on the same tenant and component. */
    public boolean active() {
        return this == PENDING_APPROVAL || this == STARTING || this == RUNNING || this == PAUSED;
    }
}
