package io.flk.domain.rollout;

import static io.flk.domain.rollout.GateText.fmt;

import io.flk.domain.rollout.RolloutPlan.ContainmentGate;

/**
 * The containment gate, a non-inferiority test: the harm is the control's containment rate minus the canary's,
 * and the canary passes when it is not worse by more than the margin.
 */
final class ContainmentGateJudge {

    private ContainmentGateJudge() {
    }

    static GateEvaluation judge(ContainmentGate gate, RolloutWindow window, double alpha) {
        ArmStats canary = window.canary();
        ArmStats control = window.control();
        double margin = gate.nonInferiorityMargin();
        Double canaryRate = rate(canary);
        Double controlRate = rate(control);
        String rates = "canary caught " + canary.caughtHallucinations() + " of " + canary.labelledHallucinations()
                + " labelled hallucinations, control " + control.caughtHallucinations() + " of "
                + control.labelledHallucinations();
        if (canary.labelledHallucinations() < gate.minLabelledHallucinations()
                || control.labelledHallucinations() < gate.minLabelledHallucinations()) {
            return GateEvaluation.withoutEstimate(new GateResult(GateKind.CONTAINMENT, GateVerdict.NOT_ENOUGH_DATA,
                    canaryRate, controlRate, null, null, null, margin, canary.labelledHallucinations(),
                    control.labelledHallucinations(), rates + "; needs " + gate.minLabelledHallucinations()
                            + " in each arm"));
        }
        // tau = the margin: the mixture is tuned to tell "contains as well" from "worse by the whole margin".
        ConfidenceSequence harm = ConfidenceSequence.normalMixture(controlRate - canaryRate,
                Proportion.variance(canary.caughtHallucinations(), canary.labelledHallucinations())
                        + Proportion.variance(control.caughtHallucinations(), control.labelledHallucinations()),
                margin, alpha);
        return new GateEvaluation(new GateResult(GateKind.CONTAINMENT, harm.verdict(margin), canaryRate,
                controlRate, harm.estimate(), harm.lower(), harm.upper(), margin, canary.labelledHallucinations(),
                control.labelledHallucinations(), rates + " (" + fmt(canaryRate) + " vs " + fmt(controlRate) + "); "
                        + GateText.harm(harm, margin)), harm);
    }

    private static Double rate(ArmStats arm) {
        return arm.labelledHallucinations() == 0 ? null
                : (double) arm.caughtHallucinations() / arm.labelledHallucinations();
    }
}
