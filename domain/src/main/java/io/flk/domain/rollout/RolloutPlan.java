package io.flk.domain.rollout;

import io.flk.domain.shared.InvalidValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a rollout steps and what it is judged on. The canary starts at {@code initialShare}; every
 * {@code checkInterval} the step is looked at; a step judges only once the canary has {@code minSamplesPerStep}
 * tasks in it, or when {@code maxStepDuration} has passed (then {@code onInconclusive} applies); an advance
 * moves the share by a step between {@code minStep} and {@code maxStep}. A gate set to {@code null} is off.
 *
 * @param alpha    the error rate of each gate's sequential test under continuous monitoring
 * @param priority the gates in order of importance, for {@link Combination#PRIORITY} and for reporting
 */
public record RolloutPlan(double initialShare, double minStep, double maxStep, long minSamplesPerStep,
                          Duration checkInterval, Duration maxStepDuration, double alpha, Combination combination,
                          List<GateKind> priority, InconclusiveAction onInconclusive, LatencyGate latency,
                          ErrorBudgetGate errorBudget, ContainmentGate containment, CostGate cost) {

    public static final double MAX_ALPHA = 0.2;

    public RolloutPlan {
        // Not List.copyOf: a null entry must reach validated() and be refused by name, not throw here.
        priority = priority == null ? null : Collections.unmodifiableList(new ArrayList<>(priority));
    }

    /**
     * The plan a rollout gets when its request names none: 5 % first, steps of 5 to 25 %, 200 canary tasks per
     * step, looks every 30 s, 30 min cap per step, alpha 0.05, priority error budget > latency > cost > containment.
     */
    public static RolloutPlan defaults() {
        return new RolloutPlan(0.05, 0.05, 0.25, 200, Duration.ofSeconds(30), Duration.ofMinutes(30), 0.05,
                Combination.PRIORITY,
                List.of(GateKind.ERROR_BUDGET, GateKind.LATENCY, GateKind.COST, GateKind.CONTAINMENT),
                InconclusiveAction.ADVANCE_MIN_STEP, LatencyGate.defaults(), ErrorBudgetGate.defaults(),
                ContainmentGate.defaults(), CostGate.defaults());
    }

    /** The gates that are on, in priority order. */
    public List<GateKind> enabledGates() {
        return priority.stream().filter(this::enabled).toList();
    }

    public boolean enabled(GateKind gate) {
        return switch (gate) {
            case LATENCY -> latency != null;
            case ERROR_BUDGET -> errorBudget != null;
            case CONTAINMENT -> containment != null;
            case COST -> cost != null;
        };
    }

    /** Refuses a plan that could never run as meant, naming the offending field. */
    public RolloutPlan validated() {
        requireShare("initialShare", initialShare);
        requireShare("minStep", minStep);
        requireShare("maxStep", maxStep);
        if (minStep > maxStep) {
            throw new InvalidValue("minStep", "minStep " + minStep + " is greater than maxStep " + maxStep);
        }
        if (minSamplesPerStep < 1) {
            throw new InvalidValue("minSamplesPerStep", "minSamplesPerStep must be at least 1");
        }
        requirePositive("checkInterval", checkInterval);
        requirePositive("maxStepDuration", maxStepDuration);
        if (maxStepDuration.compareTo(checkInterval) < 0) {
            throw new InvalidValue("maxStepDuration", "maxStepDuration must be at least one checkInterval");
        }
        if (!(alpha > 0 && alpha <= MAX_ALPHA)) {
            throw new InvalidValue("alpha", "alpha must be within (0, " + MAX_ALPHA + "]");
        }
        if (combination == null) {
            throw new InvalidValue("combination", "combination must be ALL_OF or PRIORITY");
        }
        if (onInconclusive == null) {
            throw new InvalidValue("onInconclusive", "onInconclusive must be ADVANCE_MIN_STEP, PAUSE or ROLLBACK");
        }
        requirePriority();
        if (latency != null) {
            latency.validated();
        }
        if (errorBudget != null) {
            errorBudget.validated();
        }
        if (containment != null) {
            containment.validated();
        }
        if (cost != null) {
            cost.validated();
        }
        if (enabledGates().isEmpty()) {
            throw new InvalidValue("gates", "at least one gate must be on: a rollout nothing judges is not a rollout");
        }
        return this;
    }

    private void requirePriority() {
        if (priority == null || priority.isEmpty()) {
            throw new InvalidValue("priority", "priority must list the gates in order of importance");
        }
        Set<GateKind> seen = EnumSet.noneOf(GateKind.class);
        for (GateKind gate : priority) {
            if (gate == null || !seen.add(gate)) {
                throw new InvalidValue("priority", "priority must list each gate once");
            }
        }
        for (GateKind gate : GateKind.values()) {
            if (enabled(gate) && !seen.contains(gate)) {
                throw new InvalidValue("priority", "priority must list the enabled gate " + gate);
            }
        }
    }

    private static void requireShare(String field, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new InvalidValue(field, field + " must be within (0, 1]");
        }
    }

    private static void requirePositive(String field, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new InvalidValue(field, field + " must be a positive duration");
        }
    }

    /**
     * Canary verify latency p95 may be at most {@code maxP95Ratio} times the control's. Judged as the share of
     * canary tasks slower than that bound, which is at most 5 % exactly when the canary p95 is within it.
     */
    public record LatencyGate(double maxP95Ratio) {

        public static LatencyGate defaults() {
            return new LatencyGate(1.2);
        }

        LatencyGate validated() {
            if (!(maxP95Ratio >= 1 && maxP95Ratio <= 100)) {
                throw new InvalidValue("latency.maxP95Ratio",
                        "latency.maxP95Ratio must be within [1, 100]: below 1 the canary would have to beat its control");
            }
            return this;
        }
    }

    /**
     * The verify SLO: a task is good when no strategy with a say failed or timed out and it was decided within
     * {@code sloLatencyMillis}. The budget is {@code 1 - sloTarget}. A burn rate is the bad share over the
     * budget, looked at over the step (long window) and its last {@code shortWindow}: both above
     * {@code fastBurnRate} rolls back at once; both above {@code slowBurnRate} fails the gate when the canary is
     * also worse than its control.
     */
    public record ErrorBudgetGate(double sloTarget, long sloLatencyMillis, double fastBurnRate,
                                  double slowBurnRate, Duration shortWindow) {

        public static ErrorBudgetGate defaults() {
            return new ErrorBudgetGate(0.99, 1_000, 14.4, 6, Duration.ofMinutes(5));
        }

        ErrorBudgetGate validated() {
            if (!(sloTarget > 0 && sloTarget < 1)) {
                throw new InvalidValue("errorBudget.sloTarget", "errorBudget.sloTarget must be within (0, 1)");
            }
            if (sloLatencyMillis < 1) {
                throw new InvalidValue("errorBudget.sloLatencyMillis", "errorBudget.sloLatencyMillis must be >= 1");
            }
            if (!(slowBurnRate >= 1)) {
                throw new InvalidValue("errorBudget.slowBurnRate", "errorBudget.slowBurnRate must be >= 1");
            }
            if (!(fastBurnRate > slowBurnRate)) {
                throw new InvalidValue("errorBudget.fastBurnRate",
                        "errorBudget.fastBurnRate must be greater than slowBurnRate");
            }
            if (fastBurnRate * (1 - sloTarget) > 1) {
                throw new InvalidValue("errorBudget.fastBurnRate", "errorBudget.fastBurnRate " + fastBurnRate
                        + " can never be reached: it needs more than all tasks to be bad at sloTarget " + sloTarget);
            }
            requirePositive("errorBudget.shortWindow", shortWindow);
            return this;
        }
    }

    /**
     * The canary's containment rate may be below its control's by at most {@code nonInferiorityMargin}; judged
     * once each arm has {@code minLabelledHallucinations}.
     */
    public record ContainmentGate(double nonInferiorityMargin, long minLabelledHallucinations) {

        public static ContainmentGate defaults() {
            return new ContainmentGate(0.05, 20);
        }

        ContainmentGate validated() {
            if (!(nonInferiorityMargin > 0 && nonInferiorityMargin < 1)) {
                throw new InvalidValue("containment.nonInferiorityMargin",
                        "containment.nonInferiorityMargin must be within (0, 1)");
            }
            if (minLabelledHallucinations < 1) {
                throw new InvalidValue("containment.minLabelledHallucinations",
                        "containment.minLabelledHallucinations must be >= 1");
            }
            return this;
        }
    }

    /** Canary cost per trusted task may be at most {@code maxRatio} times the control's. */
    public record CostGate(double maxRatio) {

        public static CostGate defaults() {
            return new CostGate(1.1);
        }

        CostGate validated() {
            if (!(maxRatio >= 1 && maxRatio <= 100)) {
                throw new InvalidValue("cost.maxRatio",
                        "cost.maxRatio must be within [1, 100]: below 1 the canary would have to be cheaper");
            }
            return this;
        }
    }
}
