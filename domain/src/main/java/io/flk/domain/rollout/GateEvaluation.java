package io.flk.domain.rollout;

/**
 * A gate's result with the confidence sequence behind it, {@code null} when the gate lacked its minimum data.
 * The judge reads the sequence's standard error to tell a lean from noise; events carry the result alone,
 * which the window's numbers reproduce.
 */
record GateEvaluation(GateResult result, ConfidenceSequence harm) {

    static GateEvaluation withoutEstimate(GateResult result) {
        return new GateEvaluation(result, null);
    }

    /**
     * Not proven, but beyond the margin by more than {@code z} standard errors: what a single fixed-sample test
     * would call harm. A point estimate merely past the margin is noise as often as not on a step's first samples.
     */
    boolean leansBeyondMargin(double z) {
        return result.verdict() == GateVerdict.NOT_ENOUGH_DATA && harm != null
                && harm.estimate() - result.margin() > z * harm.standardError();
    }
}
