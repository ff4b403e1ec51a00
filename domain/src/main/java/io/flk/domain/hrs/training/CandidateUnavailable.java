package io.flk.domain.hrs.training;

import io.flk.domain.shared.InvalidValue;

/** A candidate this build cannot train; the request is refused before any training starts. */
public class CandidateUnavailable extends InvalidValue {

    public CandidateUnavailable(String message) {
        super("candidates", message);
    }
}
