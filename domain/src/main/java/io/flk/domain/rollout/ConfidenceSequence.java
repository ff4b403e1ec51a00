package io.flk.domain.rollout;

/**
 * An always-valid confidence interval for a harm: the normal-mixture confidence sequence of the mixture
 * sequential probability ratio test (Robbins 1970; Johari, Pekelis and Walsh 2017, "always valid p-values").
 * With probability at least {@code 1 - alpha} the interval holds the true harm at every look at once, so a gate
 * may look every check interval without inflating its error rate.
 *
 * @param standardError the square root of the estimate's variance, for the fixed-sample reading of the evidence
 */
record ConfidenceSequence(double estimate, double standardError, double lower, double upper) {

    /**
     * @param variance the variance of {@code estimate} (of a sample mean: shrinks as 1/n)
     * @param tau      the spread of the mixing normal: the boundary is tightest for harms near {@code tau} away
     *                 from zero, so each gate sets it to the size of harm it exists to tell apart
     */
    static ConfidenceSequence normalMixture(double estimate, double variance, double tau, double alpha) {
        if (!(tau > 0) || !(alpha > 0 && alpha < 1) || variance < 0) {
            throw new IllegalArgumentException("tau must be > 0, alpha within (0, 1) and variance >= 0");
        }
        double halfWidth = halfWidth(variance, tau * tau, alpha);
        return new ConfidenceSequence(estimate, Math.sqrt(variance), estimate - halfWidth, estimate + halfWidth);
    }

    /** sqrt(V (V + tau²) / tau² · (ln((V + tau²) / V) + 2 ln(1 / alpha))); a zero variance leaves no doubt. */
    private static double halfWidth(double variance, double tauSquared, double alpha) {
        if (variance == 0) {
            return 0;
        }
        double spread = variance + tauSquared;
        return Math.sqrt(variance * spread / tauSquared * (Math.log(spread / variance) + 2 * Math.log(1 / alpha)));
    }

    /** FAIL when the harm is beyond the margin at every plausible value, PASS when it is within it at all. */
    GateVerdict verdict(double margin) {
        if (lower > margin) {
            return GateVerdict.FAIL;
        }
        return upper <= margin ? GateVerdict.PASS : GateVerdict.NOT_ENOUGH_DATA;
    }
}
