package io.flk.domain.hrs;

/**
 * What a promotion makes of a registered version. CHAMPION decides for all traffic not given to the challenger;
 * CHALLENGER decides for a deterministic share of tasks; SHADOW is scored on every task and never decides;
 * RETIRED takes the version out of the challenger and shadow slots.
 */
public enum RoutingRole {
    CHAMPION,
    CHALLENGER,
    SHADOW,
    RETIRED;

    /** Roles that let a version decide tasks, and so must pass the eligibility gates. */
    public boolean decides() {
        return this == CHAMPION || this == CHALLENGER;
    }
}
