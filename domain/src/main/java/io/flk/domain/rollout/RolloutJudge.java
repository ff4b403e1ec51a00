package io.flk.domain.rollout;

import static io.flk.domain.rollout.GateText.fmt;
import static io.flk.domain.rollout.GateText.percent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gate logic: judges a step from its window alone, so a dry-run over recorded traffic and the live saga
 * reach the same action from the same numbers.
 *
 * <p>The rules, first match wins: a fast error-budget burn rolls back; a failed gate rolls back, even before the
 * step has its samples, because a regression proven early must not wait; below the step's samples and its cap
 * the step holds; the combination rule advances; an inconclusive step at its cap does what the plan says, and
 * before it shrinks when an estimate is beyond its margin, else holds. A plan set to pause on an inconclusive
 * step answers HOLD at the cap; the lane sees the cap from the step's times and pauses.
 */
public final class RolloutJudge {

    private RolloutJudge() {
    }

    public static RolloutJudgement judge(RolloutPlan plan, RolloutProgress progress, RolloutWindow window) {
        List<GateResult> gates = plan.enabledGates().stream().map(gate -> evaluate(plan, gate, window)).toList();
        double share = progress.share();
        if (plan.errorBudget() != null && ErrorBudgetGateJudge.fastBurn(plan.errorBudget(), window)) {
            return new RolloutJudgement(gates, true, RolloutAction.ROLLBACK, GateKind.ERROR_BUDGET, share, 0,
                    "rolled back at once, a fast error-budget burn: "
                            + ErrorBudgetGateJudge.burns(plan.errorBudget(), window));
        }
        Step step = new Step(plan, progress, window, gates);
        Optional<GateResult> failed = gates.stream().filter(g -> g.verdict() == GateVerdict.FAIL).findFirst();
        if (failed.isPresent()) {
            return step.rollback(failed.get(), "the " + failed.get().gate() + " gate failed: " + failed.get().detail());
        }
        long canaryTasks = window.canary().tasks();
        if (canaryTasks < plan.minSamplesPerStep() && !step.capped()) {
            return step.hold(null, "holding for samples: " + canaryTasks + " of the " + plan.minSamplesPerStep()
                    + " canary tasks a step needs, after " + step.elapsedText() + "; no gate failed");
        }
        if (plan.combination() == Combination.ALL_OF) {
            if (gates.stream().allMatch(g -> g.verdict() == GateVerdict.PASS)) {
                return step.advance(null, "every gate passed");
            }
        } else {
            Optional<GateResult> first = gates.stream().filter(g -> g.verdict() != GateVerdict.NOT_ENOUGH_DATA)
                    .findFirst();
            if (first.isPresent()) {
                return step.advance(first.get().gate(), "the " + first.get().gate()
                        + " gate passed first in priority order: " + first.get().detail());
            }
        }
        return step.inconclusive();
    }

    private static GateResult evaluate(RolloutPlan plan, GateKind gate, RolloutWindow window) {
        return switch (gate) {
            case LATENCY -> LatencyGateJudge.judge(plan.latency(), window, plan.alpha());
            case ERROR_BUDGET -> ErrorBudgetGateJudge.judge(plan.errorBudget(), window, plan.alpha());
            case CONTAINMENT -> ContainmentGateJudge.judge(plan.containment(), window, plan.alpha());
            case COST -> CostGateJudge.judge(plan.cost(), window, plan.alpha());
        };
    }

    /** The harm that counts as strong evidence for a gate: its margin, or the size of harm it is tuned for. */
    static double scale(RolloutPlan plan, GateKind gate) {
        return switch (gate) {
            case LATENCY -> LatencyGateJudge.SCALE;
            case ERROR_BUDGET -> ErrorBudgetGateJudge.budget(plan.errorBudget());
            case CONTAINMENT -> plan.containment().nonInferiorityMargin();
            case COST -> CostGateJudge.scale(plan.cost());
        };
    }

    /** One step being judged: the actions and the words that explain them. */
    private record Step(RolloutPlan plan, RolloutProgress progress, RolloutWindow window, List<GateResult> gates) {

        Duration elapsed() {
            return Duration.between(progress.stepStartedAt(), progress.at());
        }

        boolean capped() {
            return elapsed().compareTo(plan.maxStepDuration()) >= 0;
        }

        String elapsedText() {
            return elapsed().toSeconds() + " s";
        }

        RolloutJudgement rollback(GateResult gate, String why) {
            return judgement(RolloutAction.ROLLBACK, gate == null ? null : gate.gate(), 0, "rolled back: " + why);
        }

        RolloutJudgement hold(GateKind gate, String why) {
            return judgement(RolloutAction.HOLD, gate, progress.share(), why);
        }

        /**
         * The step grows with the weakest evidence among the gates that passed: how far each one's upper bound is
         * inside its margin, in units of its scale. Barely proven moves by the minimum step, clearly healthy by
         * up to the maximum.
         */
        RolloutJudgement advance(GateKind gate, String why) {
            GateResult weakest = null;
            double strength = 1;
            for (GateResult result : gates) {
                if (result.verdict() == GateVerdict.PASS) {
                    double s = Math.min(1, Math.max(0, (result.margin() - result.upper()) / scale(plan, result.gate())));
                    if (weakest == null || s < strength) {
                        weakest = result;
                        strength = s;
                    }
                }
            }
            double by = plan.minStep() + (plan.maxStep() - plan.minStep()) * strength;
            double after = Math.min(1, progress.share() + by);
            return judgement(RolloutAction.ADVANCE, gate, after, "advanced by " + percent(by) + " to "
                    + percent(after) + ", evidence strength " + fmt(strength) + " (weakest: " + weakest.gate()
                    + "): " + why);
        }

        RolloutJudgement inconclusive() {
            Optional<GateResult> beyond = gates.stream().filter(g -> g.verdict() == GateVerdict.NOT_ENOUGH_DATA
                    && g.estimate() != null && g.estimate() > g.margin()).findFirst();
            String estimate = beyond.map(g -> "the " + g.gate() + " estimate " + fmt(g.estimate())
                    + " is beyond its margin " + fmt(g.margin()) + " (" + g.detail() + ")").orElse("");
            if (capped()) {
                String cap = "the step reached its cap of " + plan.maxStepDuration().toMinutes()
                        + " min with no conclusive gate";
                return switch (plan.onInconclusive()) {
                    case ADVANCE_MIN_STEP -> beyond.isPresent() ? rollback(beyond.get(), cap + " and " + estimate)
                            : judgement(RolloutAction.ADVANCE, null,
                            Math.min(1, progress.share() + plan.minStep()), "advanced by the minimum step "
                                    + percent(plan.minStep()) + ": " + cap + ", every estimate within its margin");
                    case PAUSE -> hold(null, "paused for an operator: " + cap);
                    case ROLLBACK -> rollback(null, cap);
                };
            }
            if (beyond.isEmpty()) {
                return hold(null, "holding: no gate is conclusive yet and every estimate is within its margin, after "
                        + elapsedText());
            }
            if (progress.share() <= plan.minStep()) {
                return hold(beyond.get().gate(), "holding at the minimum share " + percent(progress.share()) + ": "
                        + estimate);
            }
            double after = Math.max(plan.minStep(), progress.share() / 2);
            return judgement(RolloutAction.SHRINK, beyond.get().gate(), after, "shrunk to " + percent(after)
                    + " while the evidence builds: " + estimate);
        }

        private RolloutJudgement judgement(RolloutAction action, GateKind gate, double after, String reason) {
            return new RolloutJudgement(gates, false, action, gate, progress.share(), after, reason);
        }
    }
}
