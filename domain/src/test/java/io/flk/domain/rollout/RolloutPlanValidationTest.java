package io.flk.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.domain.shared.InvalidValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RolloutPlanValidationTest {

    private static void refusedNaming(TestPlans plan, String field) {
        assertThatThrownBy(() -> plan.build().validated()).isInstanceOf(InvalidValue.class)
                .satisfies(e -> assertThat(((InvalidValue) e).field()).isEqualTo(field));
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(TestPlans.defaults().build()).isEqualTo(RolloutPlan.defaults());
        assertThat(RolloutPlan.defaults().validated()).isEqualTo(RolloutPlan.defaults());
    }

    @Test
    void refusesAMinimumStepAboveTheMaximum() {
        refusedNaming(TestPlans.defaults().steps(0.3, 0.2), "minStep");
    }

    @Test
    void refusesAnAlphaOfZeroOrAboveTheMaximum() {
        refusedNaming(TestPlans.defaults().alpha(0), "alpha");
        refusedNaming(TestPlans.defaults().alpha(0.5), "alpha");
    }

    @Test
    void refusesAFastBurnRateNotAboveTheSlowOne() {
        refusedNaming(TestPlans.defaults().errorBudget(new RolloutPlan.ErrorBudgetGate(0.99, 1_000, 6, 6,
                Duration.ofMinutes(5))), "errorBudget.fastBurnRate");
    }

    @Test
    void refusesAFastBurnRateThatNeedsMoreThanAllTasksBad() {
        refusedNaming(TestPlans.defaults().errorBudget(new RolloutPlan.ErrorBudgetGate(0.9, 1_000, 14.4, 6,
                Duration.ofMinutes(5))), "errorBudget.fastBurnRate");
    }

    @Test
    void refusesRatiosBelowOne() {
        refusedNaming(TestPlans.defaults().latency(new RolloutPlan.LatencyGate(0.9)), "latency.maxP95Ratio");
        refusedNaming(TestPlans.defaults().cost(new RolloutPlan.CostGate(0.9)), "cost.maxRatio");
    }

    @Test
    void refusesANonInferiorityMarginOfOneOrMore() {
        refusedNaming(TestPlans.defaults().containment(new RolloutPlan.ContainmentGate(1, 20)),
                "containment.nonInferiorityMargin");
    }

    @Test
    void refusesAStepCapShorterThanOneLook() {
        refusedNaming(TestPlans.defaults().intervals(Duration.ofMinutes(10), Duration.ofMinutes(5)),
                "maxStepDuration");
    }

    @Test
    void refusesAPlanWithNoGateOn() {
        refusedNaming(TestPlans.defaults().latency(null).errorBudget(null).containment(null).cost(null), "gates");
    }

    @Test
    void refusesAGateListedTwiceInPriority() {
        refusedNaming(TestPlans.defaults().priority(GateKind.LATENCY, GateKind.LATENCY, GateKind.ERROR_BUDGET,
                GateKind.COST, GateKind.CONTAINMENT), "priority");
    }
}
