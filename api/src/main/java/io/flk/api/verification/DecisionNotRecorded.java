package io.flk.api.verification;

/**
 * The decision was not confirmed durable: refused by the event store, or not confirmed in time (then it may
 * still commit). The data plane gets 503; a retry with the same task id answers the recorded decision, if any.
 */
public class DecisionNotRecorded extends RuntimeException {

    public DecisionNotRecorded(String message, Throwable cause) {
        super(message, cause);
    }
}
