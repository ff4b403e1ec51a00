package io.flk.domain.verification;

/**
 * A verifier. Implementations are pure and deterministic: no I/O, no clocks, no randomness, so the
 * same input always gives the same outcome and a recorded decision can be replayed. The hot path
 * measures latency and applies the policy's timeout and fail-open / fail-closed rule around it.
 */
public interface VerificationStrategy {

    StrategyName name();

    StrategyOutcome evaluate(VerificationInput input);
}
