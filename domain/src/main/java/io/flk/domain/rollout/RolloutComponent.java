package io.flk.domain.rollout;

/** What a rollout brings to traffic: a tenant's HRS model version, or a version of its ensemble policy. */
public enum RolloutComponent {
    HRS_MODEL,
    ENSEMBLE_POLICY;

    /** Lower-case id used in aggregate identities and metric tags. */
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }
}
