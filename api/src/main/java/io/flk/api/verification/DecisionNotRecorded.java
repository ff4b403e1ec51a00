package io.flk.api.verification;

/** The decision could not be made durable; the data plane gets 503 and may retry with the same task id. */
public class DecisionNotRecorded extends RuntimeException {

    public DecisionNotRecorded(String message, Throwable cause) {
        super(message, cause);
    }
}
