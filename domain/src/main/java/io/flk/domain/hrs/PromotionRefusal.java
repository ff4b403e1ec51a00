package io.flk.domain.hrs;

/** Why a promotion command was refused; each refusal is recorded as {@code PromotionRefused} for the audit. */
public enum PromotionRefusal {
    /** The version is not registered for this tenant (it may be another tenant's). */
    NOT_REGISTERED,
    /** The version's offline metrics do not pass the eligibility gates for a deciding role. */
    NOT_ELIGIBLE,
    /** The approver is the principal who requested the promotion. */
    SELF_APPROVAL,
    /** The request expired before it was approved. */
    EXPIRED,
    /** The request was already approved, rejected or expired. */
    NOT_PENDING,
    /** The version's artifact failed its hash or signature check on this tenant's line. */
    ARTIFACT_REFUSED,
    /**
     * A rollout's canary holds the challenger slot: no other rollout may route a canary, and no manual promotion
     * may change who decides or touch the canary, until that rollout completes or is withdrawn.
     */
    ROLLOUT_IN_PROGRESS
}
