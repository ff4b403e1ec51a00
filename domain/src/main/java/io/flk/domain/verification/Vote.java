package io.flk.domain.verification;

/** One strategy's opinion of an answer. */
public enum Vote {
    GROUNDED,
    HALLUCINATED
}
