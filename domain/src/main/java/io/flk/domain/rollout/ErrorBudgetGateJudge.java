package io.flk.domain.rollout;

import static io.flk.domain.rollout.GateText.fmt;

import io.flk.domain.rollout.RolloutPlan.ErrorBudgetGate;

/**
 * The error-budget gate, multi-window and multi-burn-rate. A burn rate is an arm's bad share over the budget
 * {@code 1 - sloTarget}. A fast burn in both windows of the canary, while its control does not burn as fast,
 * rolls back at once without a test: at that rate the budget is gone before a test would conclude. Otherwise
 * the harm is the canary's bad share minus the control's, judged against one whole budget.
 */
final class ErrorBudgetGateJudge {

    /** Fewer canary tasks in the short window are too few to call a burn fast from. */
    static final long MIN_SHORT_WINDOW_CANARY_TASKS = 10;

    private ErrorBudgetGateJudge() {
    }

    static double budget(ErrorBudgetGate gate) {
        return 1 - gate.sloTarget();
    }

    /**
     * An arm without tasks burns nothing: a control without tasks then never vetoes a fast burn, because rolling
     * back a canary that burns fast is the safe side when there is nothing to compare it with.
     */
    static boolean fastBurn(ErrorBudgetGate gate, RolloutWindow window) {
        ArmStats canary = window.canary();
        double b = budget(gate);
        return canary.shortWindowTasks() >= MIN_SHORT_WINDOW_CANARY_TASKS
                && burn(canary.bad(), canary.tasks(), b) >= gate.fastBurnRate()
                && burn(canary.shortWindowBad(), canary.shortWindowTasks(), b) >= gate.fastBurnRate()
                && burn(window.control().bad(), window.control().tasks(), b) < gate.fastBurnRate();
    }

    static String burns(ErrorBudgetGate gate, RolloutWindow window) {
        ArmStats canary = window.canary();
        ArmStats control = window.control();
        double b = budget(gate);
        return "the canary burns " + fmt(burn(canary.bad(), canary.tasks(), b)) + "× its budget over the step ("
                + canary.bad() + " bad of " + canary.tasks() + ") and " + fmt(burn(canary.shortWindowBad(),
                canary.shortWindowTasks(), b)) + "× over its last " + gate.shortWindow().toMinutes() + " min ("
                + canary.shortWindowBad() + " of " + canary.shortWindowTasks() + "), its control "
                + fmt(burn(control.bad(), control.tasks(), b)) + "× (" + control.bad() + " of " + control.tasks()
                + "); fast " + fmt(gate.fastBurnRate()) + "×, slow " + fmt(gate.slowBurnRate()) + "×";
    }

    static GateEvaluation judge(ErrorBudgetGate gate, RolloutWindow window, double alpha) {
        ArmStats canary = window.canary();
        ArmStats control = window.control();
        double b = budget(gate);
        if (canary.tasks() == 0 || control.tasks() == 0) {
            return GateEvaluation.withoutEstimate(new GateResult(GateKind.ERROR_BUDGET, GateVerdict.NOT_ENOUGH_DATA,
                    null, null, null, null, null, b, canary.tasks(), control.tasks(), "needs tasks in both arms; has "
                            + canary.tasks() + " canary and " + control.tasks() + " control tasks"));
        }
        double canaryBurn = burn(canary.bad(), canary.tasks(), b);
        double controlBurn = burn(control.bad(), control.tasks(), b);
        double canaryShortBurn = burn(canary.shortWindowBad(), canary.shortWindowTasks(), b);
        // tau = one budget: the mixture is tuned to tell "burns like its control" from "burns a budget more".
        ConfidenceSequence harm = ConfidenceSequence.normalMixture(
                (double) canary.bad() / canary.tasks() - (double) control.bad() / control.tasks(),
                Proportion.variance(canary.bad(), canary.tasks()) + Proportion.variance(control.bad(), control.tasks()),
                b, alpha);
        GateVerdict verdict = harm.verdict(b);
        String detail = burns(gate, window) + "; " + GateText.harm(harm, b);
        if (verdict == GateVerdict.FAIL
                && (canaryBurn < gate.slowBurnRate() || canaryShortBurn < gate.slowBurnRate())) {
            verdict = GateVerdict.NOT_ENOUGH_DATA;
            detail += "; worse than its control but not burning at the slow rate in both windows";
        }
        return new GateEvaluation(new GateResult(GateKind.ERROR_BUDGET, verdict, canaryBurn, controlBurn,
                harm.estimate(), harm.lower(), harm.upper(), b, canary.tasks(), control.tasks(), detail), harm);
    }

    private static double burn(long bad, long tasks, double budget) {
        return tasks == 0 ? 0 : (double) bad / tasks / budget;
    }
}
