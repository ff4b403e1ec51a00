package io.flk.api.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flk.domain.rollout.GateKind;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutPlan.ErrorBudgetGate;
import io.flk.domain.shared.InvalidValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan in a rollout request: what is left out takes the default, a gate is off only when it says so. */
class RolloutPlanRequestTest {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void anEmptyPlanIsTheDefaultPlan() {
        assertThat(plan("{}")).isEqualTo(RolloutPlan.defaults());
    }

    @Test
    void givenFieldsReplaceTheDefaultsAndTheRestStay() {
        RolloutPlan plan = plan("""
                {"checkInterval":"PT1S","minSamplesPerStep":20,"maxStep":0.5}""");

        RolloutPlan defaults = RolloutPlan.defaults();
        assertThat(plan.checkInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(plan.minSamplesPerStep()).isEqualTo(20);
        assertThat(plan.maxStep()).isEqualTo(0.5);
        assertThat(plan.minStep()).isEqualTo(defaults.minStep());
        assertThat(plan.maxStepDuration()).isEqualTo(defaults.maxStepDuration());
        assertThat(plan.latency()).isEqualTo(defaults.latency());
    }

    @Test
    void aGateWithSomeBoundsKeepsTheDefaultsOfTheOthers() {
        ErrorBudgetGate gate = plan("""
                {"errorBudget":{"sloTarget":0.995,"shortWindow":"PT1M"}}""").errorBudget();

        ErrorBudgetGate defaults = ErrorBudgetGate.defaults();
        assertThat(gate).isEqualTo(new ErrorBudgetGate(0.995, defaults.sloLatencyMillis(), defaults.fastBurnRate(),
                defaults.slowBurnRate(), Duration.ofMinutes(1)));
    }

    @Test
    void aGateIsOffOnlyWhenItSaysEnabledFalse() {
        RolloutPlan plan = plan("""
                {"cost":{"enabled":false},"containment":{"enabled":false},"latency":null,
                 "errorBudget":{"enabled":true}}""");

        assertThat(plan.enabledGates()).containsExactly(GateKind.ERROR_BUDGET, GateKind.LATENCY);
        assertThat(plan.errorBudget()).isEqualTo(ErrorBudgetGate.defaults());
        assertThat(plan.validated()).isSameAs(plan);
    }

    @Test
    void allGatesOffIsRefusedWhenValidated() {
        RolloutPlan plan = plan("""
                {"cost":{"enabled":false},"containment":{"enabled":false},"latency":{"enabled":false},
                 "errorBudget":{"enabled":false}}""");

        assertThatThrownBy(plan::validated).isInstanceOfSatisfying(InvalidValue.class,
                invalid -> assertThat(invalid.field()).isEqualTo("gates"));
    }

    @Test
    void aGivenPriorityIsKept() {
        assertThat(plan("""
                {"combination":"ALL_OF","priority":["LATENCY","ERROR_BUDGET","COST","CONTAINMENT"]}""").priority())
                .isEqualTo(List.of(GateKind.LATENCY, GateKind.ERROR_BUDGET, GateKind.COST, GateKind.CONTAINMENT));
    }

    @Test
    void aNullInThePriorityIsRefusedNamingIt() {
        assertThatThrownBy(() -> plan("{\"priority\":[\"LATENCY\",null]}").validated()).isInstanceOfSatisfying(
                InvalidValue.class, invalid -> assertThat(invalid.field()).isEqualTo("priority"));
    }

    private static RolloutPlan plan(String json) {
        try {
            return JSON.readValue(json, RolloutPlanRequest.class).plan();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
