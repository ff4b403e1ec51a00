package io.flk.domain.escalation;

/** A human reviewer's judgement of a task. */
public enum Verdict {
    HALLUCINATION,
    GROUNDED,
    UNSURE
}
