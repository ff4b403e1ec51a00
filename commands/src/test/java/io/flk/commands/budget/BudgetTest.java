package io.flk.commands.budget;

import io.flk.domain.budget.BudgetCaps;
import io.flk.domain.budget.BudgetCommands.CloseBudgetPeriod;
import io.flk.domain.budget.BudgetCommands.DefineBudget;
import io.flk.domain.budget.BudgetCommands.RecordBudgetSpend;
import io.flk.domain.budget.BudgetCommands.ReviseBudget;
import io.flk.domain.budget.BudgetEvent.BudgetDefined;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapLifted;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapReached;
import io.flk.domain.budget.BudgetEvent.BudgetPeriodClosed;
import io.flk.domain.budget.BudgetEvent.BudgetRevised;
import io.flk.domain.budget.BudgetEvent.BudgetSoftCapForecast;
import io.flk.domain.budget.BudgetEvent.LiftReason;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetTest {

    private static final BudgetId ID = BudgetId.of(TenantId.of("acme"), YearMonth.of(2026, 11));
    private static final Instant T0 = Instant.parse("2026-11-10T08:00:00Z");
    private static final BudgetCaps CAPS = caps("80", "100");
    private static final BudgetDefined DEFINED = new BudgetDefined(ID, CAPS, HardCapBehaviour.REJECT_429,
            DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY, Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"), "operator", T0);
    private static final Map<StrategyName, BigDecimal> BY_STRATEGY =
            Map.of(StrategyName.HRS, usd("3"), StrategyName.MICRO_VOTE, usd("12"), StrategyName.RAG_GROUNDING, usd("1"));

    private FixtureConfiguration<Budget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Budget.class);
    }

    @Test
    void definingABudgetRecordsItsCapsBehaviourAndPeriodBounds() {
        fixture.givenNoPriorActivity()
                .when(new DefineBudget(ID, CAPS, HardCapBehaviour.REJECT_429,
                        DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY, "operator", T0))
                .expectEvents(DEFINED);
    }

    @Test
    void aForecastAboveTheSoftCapIsRecordedOnceWithTheMostExpensiveStrategy() {
        fixture.given(DEFINED)
                .when(new RecordBudgetSpend(ID, usd("40"), usd("85"), BY_STRATEGY, T0))
                .expectEvents(new BudgetSoftCapForecast(ID, usd("40"), usd("85"), usd("80"),
                        DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY, BY_STRATEGY, StrategyName.MICRO_VOTE, T0));
    }

    @Test
    void theSoftCapIsNotForecastAgainUntilItIsRaised() {
        fixture.given(DEFINED, new BudgetSoftCapForecast(ID, usd("40"), usd("85"), usd("80"),
                        DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY, BY_STRATEGY, StrategyName.MICRO_VOTE, T0))
                .when(new RecordBudgetSpend(ID, usd("45"), usd("90"), BY_STRATEGY, T0.plusSeconds(300)))
                .expectNoEvents();
    }

    @Test
    void aForecastBelowTheSoftCapRecordsNothing() {
        fixture.given(DEFINED)
                .when(new RecordBudgetSpend(ID, usd("10"), usd("60"), BY_STRATEGY, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void spendPastTheSoftCapCountsEvenWithoutAForecast() {
        fixture.given(DEFINED)
                .when(new RecordBudgetSpend(ID, usd("81"), null, Map.of(), T0))
                .expectEvents(new BudgetSoftCapForecast(ID, usd("81"), null, usd("80"),
                        DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY, Map.of(), null, T0));
    }

    @Test
    void spendReachingTheHardCapEnforcesTheConfiguredBehaviour() {
        fixture.given(DEFINED, new BudgetSoftCapForecast(ID, usd("40"), usd("85"), usd("80"),
                        DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY, BY_STRATEGY, StrategyName.MICRO_VOTE, T0))
                .when(new RecordBudgetSpend(ID, usd("100"), usd("130"), BY_STRATEGY, T0))
                .expectEvents(new BudgetHardCapReached(ID, usd("100"), usd("100"), HardCapBehaviour.REJECT_429, T0));
    }

    @Test
    void raisingTheHardCapAboveTheSpendLiftsTheEnforcement() {
        fixture.given(DEFINED, hardCapReached("105"))
                .when(new ReviseBudget(ID, caps("150", "200"), null, "operator", T0.plusSeconds(60)))
                .expectEvents(new BudgetRevised(ID, CAPS, caps("150", "200"), "operator", T0.plusSeconds(60)),
                        new BudgetHardCapLifted(ID, LiftReason.BUDGET_RAISED, usd("105"), usd("200"),
                                T0.plusSeconds(60)));
    }

    @Test
    void raisingTheHardCapStillBelowTheSpendKeepsTheEnforcement() {
        fixture.given(DEFINED, hardCapReached("105"))
                .when(new ReviseBudget(ID, caps("80", "104"), null, "operator", T0.plusSeconds(60)))
                .expectEvents(new BudgetRevised(ID, CAPS, caps("80", "104"), "operator", T0.plusSeconds(60)));
    }

    @Test
    void closingThePeriodLiftsAnActiveHardCapAndEndsTheBudget() {
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        fixture.given(DEFINED, hardCapReached("105"))
                .when(new CloseBudgetPeriod(ID, end))
                .expectEvents(new BudgetHardCapLifted(ID, LiftReason.PERIOD_ENDED, usd("105"), usd("100"), end),
                        new BudgetPeriodClosed(ID, usd("105"), end));
    }

    @Test
    void aClosedBudgetCannotBeRevisedAndIgnoresLateMeasurements() {
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        fixture.given(DEFINED, new BudgetPeriodClosed(ID, BigDecimal.ZERO, end))
                .when(new ReviseBudget(ID, caps("150", "200"), null, "operator", end))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
        fixture.given(DEFINED, new BudgetPeriodClosed(ID, BigDecimal.ZERO, end))
                .when(new RecordBudgetSpend(ID, usd("500"), null, Map.of(), end))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNegativeSpendIsRefused() {
        fixture.given(DEFINED)
                .when(new RecordBudgetSpend(ID, usd("-1"), null, Map.of(), T0))
                .expectException(InvalidValue.class)
                .expectNoEvents();
    }

    private static BudgetHardCapReached hardCapReached(String spent) {
        return new BudgetHardCapReached(ID, usd(spent), usd("100"), HardCapBehaviour.REJECT_429, T0);
    }

    private static BudgetCaps caps(String soft, String hard) {
        return new BudgetCaps(usd(soft), usd(hard));
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }
}
