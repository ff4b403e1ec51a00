package io.flk.domain.rollout;

import static io.flk.domain.rollout.GateText.fmt;

/**
 * The latency gate. The canary p95 is within {@code ratio} times the control p95 exactly when at most 5 % of
 * canary tasks are slower than that bound, so the harm is the share of canary tasks over the bound minus 5 %: a
 * proportion, whose sequential test is far better behaved than one on a quantile.
 */
final class LatencyGateJudge {

    static final double TAIL = 0.05;
    /** Harm that decides the gate: the whole 5 % tail, i.e. twice as many slow tasks as allowed. */
    static final double SCALE = TAIL;
    /** Per arm: below 20 tasks a discrete p95 is the slowest task, and the canary's tail share is a guess. */
    static final long MIN_TASKS = 20;
    private static final double MARGIN = 0;

    private LatencyGateJudge() {
    }

    static GateEvaluation judge(RolloutPlan.LatencyGate gate, RolloutWindow window, double alpha) {
        ArmStats canary = window.canary();
        ArmStats control = window.control();
        if (canary.tasks() < MIN_TASKS || control.tasks() < MIN_TASKS || window.latencyBoundMicros() == null) {
            return GateEvaluation.withoutEstimate(new GateResult(GateKind.LATENCY, GateVerdict.NOT_ENOUGH_DATA,
                    canary.latencyP95Micros(), control.latencyP95Micros(), null, null, null, MARGIN, canary.tasks(),
                    control.tasks(), "needs " + MIN_TASKS + " tasks in each arm; has " + canary.tasks()
                            + " canary and " + control.tasks() + " control tasks"));
        }
        double slowShare = (double) canary.overLatencyBound() / canary.tasks();
        // The bound stands on the control's p95, itself estimated: the share of control tasks above it varies by
        // 0.05 * 0.95 / n. A canary like its control inherits that (less, once the ratio moves the bound into the
        // thinner tail), so it is added in full: without it a control of a few dozen tasks at a high canary share
        // fails a healthy canary.
        double variance = Proportion.variance(canary.overLatencyBound(), canary.tasks())
                + TAIL * (1 - TAIL) / control.tasks();
        // tau = the 5 % tail: the mixture is tuned to tell "no slow tail beyond the control's" from "twice it".
        ConfidenceSequence harm = ConfidenceSequence.normalMixture(slowShare - TAIL, variance, SCALE, alpha);
        String detail = canary.overLatencyBound() + " of " + canary.tasks() + " canary tasks (" + fmt(100 * slowShare)
                + " %) slower than " + fmt(window.latencyBoundMicros()) + " µs, " + fmt(gate.maxP95Ratio())
                + " × the control p95 " + fmt(control.latencyP95Micros()) + " µs over " + control.tasks()
                + " tasks (canary p95 " + fmt(canary.latencyP95Micros()) + " µs), allowed " + fmt(100 * TAIL) + " %: "
                + GateText.harm(harm, MARGIN);
        return new GateEvaluation(new GateResult(GateKind.LATENCY, harm.verdict(MARGIN), canary.latencyP95Micros(),
                control.latencyP95Micros(), harm.estimate(), harm.lower(), harm.upper(), MARGIN, canary.tasks(),
                control.tasks(), detail), harm);
    }
}
