package io.flk.domain.verification;

/** How a strategy that throws or times out votes. */
public enum FailureMode {
    /** The failed strategy votes GROUNDED: availability over caution. */
    FAIL_OPEN,
    /** The failed strategy votes HALLUCINATED: caution over availability. */
    FAIL_CLOSED;

    public Vote vote() {
        return this == FAIL_OPEN ? Vote.GROUNDED : Vote.HALLUCINATED;
    }
}
