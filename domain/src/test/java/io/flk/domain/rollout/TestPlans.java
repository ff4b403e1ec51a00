package io.flk.domain.rollout;

import java.time.Duration;
import java.util.List;

/** {@link RolloutPlan#defaults()} with the few fields a test changes. */
final class TestPlans {

    private double minStep = 0.05;
    private double maxStep = 0.25;
    private long minSamplesPerStep = 200;
    private Duration checkInterval = Duration.ofSeconds(30);
    private Duration maxStepDuration = Duration.ofMinutes(30);
    private double alpha = 0.05;
    private Combination combination = Combination.PRIORITY;
    private List<GateKind> priority = List.of(GateKind.ERROR_BUDGET, GateKind.LATENCY, GateKind.COST,
            GateKind.CONTAINMENT);
    private InconclusiveAction onInconclusive = InconclusiveAction.ADVANCE_MIN_STEP;
    private RolloutPlan.LatencyGate latency = RolloutPlan.LatencyGate.defaults();
    private RolloutPlan.ErrorBudgetGate errorBudget = RolloutPlan.ErrorBudgetGate.defaults();
    private RolloutPlan.ContainmentGate containment = RolloutPlan.ContainmentGate.defaults();
    private RolloutPlan.CostGate cost = RolloutPlan.CostGate.defaults();

    static TestPlans defaults() {
        return new TestPlans();
    }

    TestPlans steps(double min, double max) {
        minStep = min;
        maxStep = max;
        return this;
    }

    TestPlans minSamplesPerStep(long samples) {
        minSamplesPerStep = samples;
        return this;
    }

    TestPlans intervals(Duration check, Duration maxStep) {
        checkInterval = check;
        maxStepDuration = maxStep;
        return this;
    }

    TestPlans alpha(double value) {
        alpha = value;
        return this;
    }

    TestPlans combination(Combination value) {
        combination = value;
        return this;
    }

    TestPlans priority(GateKind... gates) {
        priority = List.of(gates);
        return this;
    }

    TestPlans onInconclusive(InconclusiveAction value) {
        onInconclusive = value;
        return this;
    }

    TestPlans latency(RolloutPlan.LatencyGate gate) {
        latency = gate;
        return this;
    }

    TestPlans errorBudget(RolloutPlan.ErrorBudgetGate gate) {
        errorBudget = gate;
        return this;
    }

    TestPlans containment(RolloutPlan.ContainmentGate gate) {
        containment = gate;
        return this;
    }

    TestPlans cost(RolloutPlan.CostGate gate) {
        cost = gate;
        return this;
    }

    RolloutPlan build() {
        return new RolloutPlan(0.05, minStep, maxStep, minSamplesPerStep, checkInterval, maxStepDuration, alpha,
                combination, priority, onInconclusive, latency, errorBudget, containment, cost);
    }
}
