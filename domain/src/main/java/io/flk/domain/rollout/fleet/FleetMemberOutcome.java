package io.flk.domain.rollout.fleet;

/** How a tenant's rollout within a fleet rollout ended. Anything but {@link #COMPLETED} halts the fleet. */
public enum FleetMemberOutcome {
    COMPLETED,
    /** Its gates rolled the candidate back on the tenant. */
    ROLLED_BACK,
    /** Aborted by an operator, or because the tenant's policy refused the canary. */
    ABORTED,
    /** The tenant's rollout lane refused to start it, typically because another rollout runs there. */
    REFUSED
}
