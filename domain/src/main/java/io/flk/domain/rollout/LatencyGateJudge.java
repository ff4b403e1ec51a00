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
    static final long MIN_CANARY_TASKS = 20;
    private static final double MARGIN = 0;

    private LatencyGateJudge() {
    }

    static GateResult judge(RolloutPlan.LatencyGate gate, RolloutWindow window, double alpha) {
        ArmStats canary = window.canary();
        ArmStats control = window.control();
        if (canary.tasks() < MIN_CANARY_TASKS || control.tasks() == 0 || window.latencyBoundMicros() == null) {
            return new GateResult(GateKind.LATENCY, GateVerdict.NOT_ENOUGH_DATA, canary.latencyP95Micros(),
                    control.latencyP95Micros(), null, null, null, MARGIN, canary.tasks(), control.tasks(),
                    "needs " + MIN_CANARY_TASKS + " canary tasks and a control p95; has " + canary.tasks()
                            + " canary and " + control.tasks() + " control tasks");
        }
        double slowShare = (double) canary.overLatencyBound() / canary.tasks();
        // tau = the 5 % tail: the mixture is tuned to tell "no slow tail beyond the control's" from "twice it".
        ConfidenceSequence harm = ConfidenceSequence.normalMixture(slowShare - TAIL,
                Proportion.variance(canary.overLatencyBound(), canary.tasks()), SCALE, alpha);
        String detail = canary.overLatencyBound() + " of " + canary.tasks() + " canary tasks (" + fmt(100 * slowShare)
                + " %) slower than " + fmt(window.latencyBoundMicros()) + " µs, " + fmt(gate.maxP95Ratio())
                + " × the control p95 " + fmt(control.latencyP95Micros()) + " µs (canary p95 "
                + fmt(canary.latencyP95Micros()) + " µs), allowed " + fmt(100 * TAIL) + " %: "
                + GateText.harm(harm, MARGIN);
        return new GateResult(GateKind.LATENCY, harm.verdict(MARGIN), canary.latencyP95Micros(),
                control.latencyP95Micros(), harm.estimate(), harm.lower(), harm.upper(), MARGIN, canary.tasks(),
                control.tasks(), detail);
    }
}
