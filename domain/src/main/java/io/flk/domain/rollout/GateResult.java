package io.flk.domain.rollout;

/**
 * One gate's verdict at one look, with the numbers it used. {@code estimate}, {@code lower} and {@code upper} are
 * the harm (canary worse than control, in the gate's own scale) and its always-valid confidence sequence; the
 * gate passes when {@code upper} is within {@code margin} and fails when {@code lower} is beyond it.
 *
 * @param canaryValue  the canary's figure (p95 micros, burn rate, containment rate, cost per trusted task)
 * @param controlValue the control's figure in the same unit
 * @param detail       why, in words, including why there was not enough data
 */
public record GateResult(GateKind gate, GateVerdict verdict, Double canaryValue, Double controlValue,
                         Double estimate, Double lower, Double upper, double margin, long canarySamples,
                         long controlSamples, String detail) {
}
