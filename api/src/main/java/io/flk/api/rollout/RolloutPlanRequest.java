package io.flk.api.rollout;

import io.flk.domain.rollout.Combination;
import io.flk.domain.rollout.GateKind;
import io.flk.domain.rollout.InconclusiveAction;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutPlan.ContainmentGate;
import io.flk.domain.rollout.RolloutPlan.CostGate;
import io.flk.domain.rollout.RolloutPlan.ErrorBudgetGate;
import io.flk.domain.rollout.RolloutPlan.LatencyGate;
import java.time.Duration;
import java.util.List;

/**
 * The {@code plan} of a rollout request. Every field may be left out (or be {@code null}): it then takes its value
 * from {@link RolloutPlan#defaults()}, and so does every bound left out of a gate. A gate is switched off with
 * {@code {"enabled": false}} and only so, because "missing" already means "the default gate".
 */
public record RolloutPlanRequest(Double initialShare, Double minStep, Double maxStep, Long minSamplesPerStep,
                                 Duration checkInterval, Duration maxStepDuration, Double alpha,
                                 Combination combination, List<GateKind> priority,
                                 InconclusiveAction onInconclusive, Latency latency, ErrorBudget errorBudget,
                                 Containment containment, Cost cost) {

    /** The plan this request describes, not yet validated. */
    public RolloutPlan plan() {
        RolloutPlan defaults = RolloutPlan.defaults();
        return new RolloutPlan(or(initialShare, defaults.initialShare()), or(minStep, defaults.minStep()),
                or(maxStep, defaults.maxStep()), or(minSamplesPerStep, defaults.minSamplesPerStep()),
                or(checkInterval, defaults.checkInterval()), or(maxStepDuration, defaults.maxStepDuration()),
                or(alpha, defaults.alpha()), or(combination, defaults.combination()), or(priority, defaults.priority()),
                or(onInconclusive, defaults.onInconclusive()),
                latency == null ? defaults.latency() : latency.gate(defaults.latency()),
                errorBudget == null ? defaults.errorBudget() : errorBudget.gate(defaults.errorBudget()),
                containment == null ? defaults.containment() : containment.gate(defaults.containment()),
                cost == null ? defaults.cost() : cost.gate(defaults.cost()));
    }

    public record Latency(Boolean enabled, Double maxP95Ratio) {

        LatencyGate gate(LatencyGate defaults) {
            return off(enabled) ? null : new LatencyGate(or(maxP95Ratio, defaults.maxP95Ratio()));
        }
    }

    public record ErrorBudget(Boolean enabled, Double sloTarget, Long sloLatencyMillis, Double fastBurnRate,
                              Double slowBurnRate, Duration shortWindow) {

        ErrorBudgetGate gate(ErrorBudgetGate defaults) {
            return off(enabled) ? null : new ErrorBudgetGate(or(sloTarget, defaults.sloTarget()),
                    or(sloLatencyMillis, defaults.sloLatencyMillis()), or(fastBurnRate, defaults.fastBurnRate()),
                    or(slowBurnRate, defaults.slowBurnRate()), or(shortWindow, defaults.shortWindow()));
        }
    }

    public record Containment(Boolean enabled, Double nonInferiorityMargin, Long minLabelledHallucinations) {

        ContainmentGate gate(ContainmentGate defaults) {
            return off(enabled) ? null : new ContainmentGate(
                    or(nonInferiorityMargin, defaults.nonInferiorityMargin()),
                    or(minLabelledHallucinations, defaults.minLabelledHallucinations()));
        }
    }

    public record Cost(Boolean enabled, Double maxRatio) {

        CostGate gate(CostGate defaults) {
            return off(enabled) ? null : new CostGate(or(maxRatio, defaults.maxRatio()));
        }
    }

    private static boolean off(Boolean enabled) {
        return Boolean.FALSE.equals(enabled);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
