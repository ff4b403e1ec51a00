package io.flk.domain.verification;

import io.flk.domain.shared.InvalidValue;

/**
 * How one enabled strategy takes part in an ensemble.
 *
 * @param weight            its weight in the N-of-M vote (0 keeps it scored and recorded but without a say)
 * @param groundedThreshold the score from which it votes GROUNDED
 * @param timeoutMillis     how long the hot path waits for it
 * @param onFailure         its vote when it throws or times out
 */
public record StrategySettings(double weight, double groundedThreshold, long timeoutMillis, FailureMode onFailure) {

    public static final long MAX_TIMEOUT_MILLIS = 5_000;

    /** Checks the values; {@code field} names the settings in error messages, e.g. {@code strategies.hrs}. */
    public StrategySettings validated(String field) {
        if (!Double.isFinite(weight) || weight < 0) {
            throw new InvalidValue(field + ".weight", "weight must be a finite number >= 0");
        }
        if (!Double.isFinite(groundedThreshold) || groundedThreshold < 0 || groundedThreshold > 1) {
            throw new InvalidValue(field + ".groundedThreshold", "groundedThreshold must be within [0, 1]");
        }
        if (timeoutMillis < 1 || timeoutMillis > MAX_TIMEOUT_MILLIS) {
            throw new InvalidValue(field + ".timeoutMillis", "timeoutMillis must be between 1 and " + MAX_TIMEOUT_MILLIS);
        }
        if (onFailure == null) {
            throw new InvalidValue(field + ".onFailure", "onFailure must be FAIL_OPEN or FAIL_CLOSED");
        }
        return this;
    }
}
