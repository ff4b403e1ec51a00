package io.flk.domain.rollout;

import static io.flk.domain.rollout.GateText.fmt;
import static io.flk.domain.rollout.GateText.percent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The gate logic: judges a step from its window alone, so a dry-run over recorded traffic and the live saga
 * reach the same action from the same numbers.
 *
 * <p>The rules, first match wins: a fast error-budget burn rolls back; a failed gate rolls back, even before the
 * step has its samples, because a regression proven early must not wait; below the step's samples and its cap
 * the step holds; the combination rule advances; an inconclusive step at its cap does what the plan says, and
 * before it shrinks when a gate leans beyond its margin, else holds. A plan set to pause on an inconclusive
 * step answers HOLD at the cap; the lane sees the cap from the step's times and pauses.
 */
public final class RolloutJudge {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

    private RolloutJudge() {
    }

    public static RolloutJudgement judge(RolloutPlan plan, RolloutProgress progress, RolloutWindow window) {
        List<GateEvaluation> evaluations = plan.enabledGates().stream()
                .map(gate -> evaluate(plan, gate, window)).toList();
        Step step = new Step(plan, progress, evaluations.stream().map(GateEvaluation::result).toList(), evaluations);
        if (plan.errorBudget() != null && ErrorBudgetGateJudge.fastBurn(plan.errorBudget(), window)) {
            return new RolloutJudgement(step.gates(), true, RolloutAction.ROLLBACK, GateKind.ERROR_BUDGET,
                    progress.share(), 0, "rolled back at once, a fast error-budget burn: "
                    + ErrorBudgetGateJudge.burns(plan.errorBudget(), window));
        }
        Optional<GateResult> failed = step.gates().stream().filter(g -> g.verdict() == GateVerdict.FAIL).findFirst();
        if (failed.isPresent()) {
            return step.rollback(failed.get().gate(), "the " + failed.get().gate() + " gate failed: "
                    + failed.get().detail());
        }
        long canaryTasks = window.canary().tasks();
        if (canaryTasks < plan.minSamplesPerStep() && !step.capped()) {
            return step.hold(null, "holding for samples: " + canaryTasks + " of the " + plan.minSamplesPerStep()
                    + " canary tasks a step needs, after " + step.elapsedText() + "; no gate failed");
        }
        if (plan.combination() == Combination.ALL_OF) {
            if (step.gates().stream().allMatch(g -> g.verdict() == GateVerdict.PASS)) {
                return step.advance(null, "every gate passed");
            }
        } else {
            Optional<GateResult> first = step.gates().stream()
                    .filter(g -> g.verdict() != GateVerdict.NOT_ENOUGH_DATA).findFirst();
            if (first.isPresent()) {
                return step.advance(first.get().gate(), "the " + first.get().gate()
                        + " gate passed first in priority order: " + first.get().detail());
            }
        }
        return step.inconclusive();
    }

    private static GateEvaluation evaluate(RolloutPlan plan, GateKind gate, RolloutWindow window) {
        return switch (gate) {
            case LATENCY -> LatencyGateJudge.judge(plan.latency(), window, plan.alpha());
            case ERROR_BUDGET -> ErrorBudgetGateJudge.judge(plan.errorBudget(), window, plan.alpha());
            case CONTAINMENT -> ContainmentGateJudge.judge(plan.containment(), window, plan.alpha());
            case COST -> CostGateJudge.judge(plan.cost(), window, plan.alpha());
        };
    }

    /** The harm that counts as strong evidence for a gate: its margin, or the size of harm it is tuned for. */
    private static double scale(RolloutPlan plan, GateKind gate) {
        return switch (gate) {
            case LATENCY -> LatencyGateJudge.SCALE;
            case ERROR_BUDGET -> ErrorBudgetGateJudge.budget(plan.errorBudget());
            case CONTAINMENT -> plan.containment().nonInferiorityMargin();
            case COST -> CostGateJudge.scale(plan.cost());
        };
    }

    /** One step being judged: the actions and the words that explain them. */
    private record Step(RolloutPlan plan, RolloutProgress progress, List<GateResult> gates,
                        List<GateEvaluation> evaluations) {

        Duration elapsed() {
            return Duration.between(progress.stepStartedAt(), progress.at());
        }

        boolean capped() {
            return elapsed().compareTo(plan.maxStepDuration()) >= 0;
        }

        String elapsedText() {
            return elapsed().toSeconds() + " s";
        }

        RolloutJudgement rollback(GateKind gate, String why) {
            return judgement(RolloutAction.ROLLBACK, gate, 0, "rolled back: " + why);
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
            double leastInside = Double.POSITIVE_INFINITY;
            for (GateResult result : gates) {
                if (result.verdict() != GateVerdict.PASS) {
                    continue;
                }
                double inside = (result.margin() - result.upper()) / scale(plan, result.gate());
                if (inside < leastInside) {
                    weakest = result;
                    leastInside = inside;
                }
            }
            double strength = Math.min(1, Math.max(0, leastInside));
            double by = plan.minStep() + (plan.maxStep() - plan.minStep()) * strength;
            double after = advancedBy(by);
            return judgement(RolloutAction.ADVANCE, gate, after, "advanced by " + percent(by) + " to "
                    + percent(after) + completing(by) + ", evidence strength " + fmt(strength) + " (weakest: "
                    + weakest.gate() + "): " + why);
        }

        /**
         * The share after advancing by {@code by}. An advance that would leave the control less traffic than the
         * minimum step completes instead: such a control gathers too few tasks to judge another step against, so
         * that step would only wait for its cap (as Argo Rollouts ends on a last full step).
         */
        private double advancedBy(double by) {
            double after = progress.share() + by;
            return 1 - after < plan.minStep() ? 1 : after;
        }

        /** Says why an advance took the canary further than its step. */
        private String completing(double by) {
            double stepped = progress.share() + by;
            return stepped < 1 && advancedBy(by) == 1 ? " (a control of " + percent(1 - stepped)
                    + " would be below the minimum step)" : "";
        }

        /**
         * No gate is conclusive. A gate leans beyond its margin when a single fixed-sample test at the plan's
         * alpha would call it harmful: not proof under repeated looks, but enough to limit the canary's exposure
         * while the evidence builds, and enough to refuse the minimum step at the cap.
         */
        RolloutJudgement inconclusive() {
            double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - plan.alpha());
            Optional<GateEvaluation> leaning = evaluations.stream().filter(e -> e.leansBeyondMargin(z)).findFirst();
            String lean = leaning.map(e -> "the " + e.result().gate() + " estimate " + fmt(e.harm().estimate())
                    + " is beyond its margin " + fmt(e.result().margin()) + " by more than " + fmt(z)
                    + " standard errors (" + e.result().detail() + ")").orElse("");
            GateKind leaningGate = leaning.map(e -> e.result().gate()).orElse(null);
            if (capped()) {
                String cap = "the step reached its cap of " + plan.maxStepDuration().toMinutes()
                        + " min with no conclusive gate";
                return switch (plan.onInconclusive()) {
                    case ADVANCE_MIN_STEP -> leaning.isPresent() ? rollback(leaningGate, cap + " and " + lean)
                            : judgement(RolloutAction.ADVANCE, null, advancedBy(plan.minStep()),
                            "advanced by the minimum step " + percent(plan.minStep()) + completing(plan.minStep())
                                    + ": " + cap + ", no gate leaning beyond its margin");
                    case PAUSE -> hold(null, "paused for an operator: " + cap);
                    case ROLLBACK -> rollback(null, cap);
                };
            }
            if (leaning.isEmpty()) {
                return hold(null, "holding: no gate is conclusive yet and none leans beyond its margin, after "
                        + elapsedText());
            }
            if (progress.share() <= plan.minStep()) {
                return hold(leaningGate, "holding at the minimum share " + percent(progress.share()) + ": " + lean);
            }
            double after = Math.max(plan.minStep(), progress.share() / 2);
            return judgement(RolloutAction.SHRINK, leaningGate, after, "shrunk to " + percent(after)
                    + " while the evidence builds: " + lean);
        }

        private RolloutJudgement judgement(RolloutAction action, GateKind gate, double after, String reason) {
            return new RolloutJudgement(gates, false, action, gate, progress.share(), after, reason);
        }
    }
}
