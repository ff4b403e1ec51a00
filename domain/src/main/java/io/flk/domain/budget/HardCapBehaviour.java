package io.flk.domain.budget;

/** What a tenant's verifications do while its hard cap is reached. */
public enum HardCapBehaviour {
    /** Every task is escalated to a human: nothing passes unverified by a person, no strategy cost is added. */
    ESCALATE_ALL,
    /** Verifications are refused with 429 until the cap is lifted. */
    REJECT_429
}
