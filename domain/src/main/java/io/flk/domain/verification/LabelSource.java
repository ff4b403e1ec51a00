package io.flk.domain.verification;

/** Where a human label came from. */
public enum LabelSource {
    /** The task was escalated and its escalation resolved. */
    ESCALATION,
    /** The task passed and was picked for a sampled review. */
    REVIEW
}
