package io.flk.domain.rollout;

import static io.flk.domain.rollout.GateText.fmt;

import io.flk.domain.rollout.RolloutPlan.CostGate;

/**
 * The cost gate: cost per trusted task is a ratio of two means per arm (cost over the trusted indicator), so the
 * harm is the log of the canary's ratio over the control's, with each arm's variance by the delta method.
 */
final class CostGateJudge {

    static final long MIN_TRUSTED = 30;
    /**
     * The smallest harm scale, a 1 % cost difference: a plan may demand a ratio of 1, and the mixture needs a
     * size of harm to tune for.
     */
    private static final double MIN_SCALE = 0.01;

    private CostGateJudge() {
    }

    static double scale(CostGate gate) {
        return Math.max(Math.log(gate.maxRatio()), MIN_SCALE);
    }

    static GateEvaluation judge(CostGate gate, RolloutWindow window, double alpha) {
        ArmStats canary = window.canary();
        ArmStats control = window.control();
        double margin = Math.log(gate.maxRatio());
        Double canaryCost = costPerTrusted(canary);
        Double controlCost = costPerTrusted(control);
        String costs = "cost per trusted task " + text(canaryCost) + " USD over " + canary.trusted()
                + " trusted canary tasks, " + text(controlCost) + " USD over " + control.trusted() + " control";
        if (canary.trusted() < MIN_TRUSTED || control.trusted() < MIN_TRUSTED) {
            return notEnough(canaryCost, controlCost, margin, canary, control,
                    costs + "; needs " + MIN_TRUSTED + " trusted tasks in each arm");
        }
        if (canary.costUsd() <= 0 || control.costUsd() <= 0) {
            return notEnough(canaryCost, controlCost, margin, canary, control,
                    costs + "; an arm recorded no cost, so there is no ratio to judge");
        }
        // tau = ln(maxRatio): the mixture is tuned to tell "costs the same" from "costs the whole allowed ratio more".
        ConfidenceSequence harm = ConfidenceSequence.normalMixture(Math.log(canaryCost / controlCost),
                relativeVariance(canary) + relativeVariance(control), scale(gate), alpha);
        return new GateEvaluation(new GateResult(GateKind.COST, harm.verdict(margin), canaryCost, controlCost,
                harm.estimate(), harm.lower(), harm.upper(), margin, canary.trusted(), control.trusted(),
                costs + ", allowed ratio " + fmt(gate.maxRatio()) + "; " + GateText.harm(harm, margin)), harm);
    }

    /**
     * Var(R) / R² for R = mean(c) / mean(t), c the per-task cost and t the trusted indicator, by the delta method:
     * Var(R) ≈ (Var(c) - 2 R Cov(c, t) + R² Var(t)) / (n mean(t)²).
     */
    static double relativeVariance(ArmStats arm) {
        double n = arm.tasks();
        double meanCost = arm.costUsd() / n;
        double meanTrusted = arm.trusted() / n;
        double ratio = arm.costUsd() / arm.trusted();
        double costVariance = Math.max(0, arm.costUsdSquares() / n - meanCost * meanCost);
        double trustedVariance = meanTrusted * (1 - meanTrusted);
        double covariance = arm.trustedCostUsd() / n - meanCost * meanTrusted;
        double ratioVariance = (costVariance - 2 * ratio * covariance + ratio * ratio * trustedVariance)
                / (n * meanTrusted * meanTrusted);
        return Math.max(0, ratioVariance) / (ratio * ratio);
    }

    private static GateEvaluation notEnough(Double canaryCost, Double controlCost, double margin, ArmStats canary,
                                            ArmStats control, String detail) {
        return GateEvaluation.withoutEstimate(new GateResult(GateKind.COST, GateVerdict.NOT_ENOUGH_DATA, canaryCost,
                controlCost, null, null, null, margin, canary.trusted(), control.trusted(), detail));
    }

    private static Double costPerTrusted(ArmStats arm) {
        return arm.trusted() == 0 ? null : arm.costUsd() / arm.trusted();
    }

    private static String text(Double value) {
        return value == null ? "none" : fmt(value);
    }
}
