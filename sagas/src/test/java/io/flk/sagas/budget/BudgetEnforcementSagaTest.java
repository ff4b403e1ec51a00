package io.flk.sagas.budget;

import io.flk.domain.budget.BudgetCaps;
import io.flk.domain.budget.BudgetCommands.CloseBudgetPeriod;
import io.flk.domain.budget.BudgetEvent.BudgetDefined;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapReached;
import io.flk.domain.budget.BudgetEvent.BudgetPeriodClosed;
import io.flk.domain.budget.BudgetEvent.BudgetSoftCapForecast;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyQueries.EnsemblePolicyView;
import io.flk.domain.verification.EnsemblePolicyQueries.FindEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicySpec;
import io.flk.domain.verification.EnsembleRules;
import io.flk.domain.verification.FailureMode;
import io.flk.domain.verification.PolicyId;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategySettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BudgetEnforcementSagaTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final BudgetId ID = BudgetId.of(ACME, YearMonth.of(2026, 11));
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final StrategySettings ONE = new StrategySettings(1, 0.5, 200, FailureMode.FAIL_CLOSED);
    private static final EnsembleRules THREE = new EnsembleRules(Map.of(StrategyName.HRS, ONE,
            StrategyName.MICRO_VOTE, ONE, StrategyName.RAG_GROUNDING, ONE), 2, 0.7);
    private static final EnsembleRules WITHOUT_MICRO_VOTE = new EnsembleRules(Map.of(StrategyName.HRS, ONE,
            StrategyName.RAG_GROUNDING, ONE), 2, 0.7);
    private static final Map<StrategyName, BigDecimal> SPEND = Map.of(StrategyName.HRS, new BigDecimal("3.50"),
            StrategyName.MICRO_VOTE, new BigDecimal("41.20"), StrategyName.RAG_GROUNDING, new BigDecimal("0.80"));

    private SagaTestFixture<BudgetEnforcementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(BudgetEnforcementSaga.class);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new PolicyReadModel()).subscribe(queryBus);
        fixture.registerResource(DefaultQueryGateway.builder().queryBus(queryBus).build());
        fixture.setCallbackBehavior((commandPayload, commandMetaData) -> 1L);
    }

    @Test
    void definingABudgetSchedulesThePeriodEnd() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(defined(DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(END, BudgetEnforcementSaga.PERIOD_END)
                .expectNoDispatchedCommands();
    }

    @Test
    void aSoftCapForecastDisablesTheMostExpensiveStrategyAgainstThePolicyVersionItRead() {
        BudgetSoftCapForecast forecast = softCapForecast(DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY);
        fixture.givenAggregate(ID.toString()).published(defined(DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY))
                .whenAggregate(ID.toString()).publishes(forecast)
                .expectDispatchedCommands(new ChangeEnsemblePolicy(PolicyId.of(ACME),
                        new EnsemblePolicySpec(WITHOUT_MICRO_VOTE, WITHOUT_MICRO_VOTE, 0.1),
                        "budget budget:acme:2026-11: projected 120.00 USD (spent 60.00) above soft cap 100.00 USD;"
                                + " disabled micro-vote, the most expensive strategy (41.20 USD this period)",
                        4L, BudgetEnforcementSaga.ACTOR, T0));
    }

    @Test
    void aPolicyRolloutRefusingTheDegradeLeavesTheBudgetEnforcedToTheEndOfItsPeriod() {
        fixture.setCallbackBehavior((commandPayload, commandMetaData) -> {
            throw new BusinessRuleViolation("rollout-in-progress",
                    "a rollout of policy version 5 is in progress: abort it first");
        });
        fixture.givenAggregate(ID.toString()).published(defined(DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY))
                .whenAggregate(ID.toString()).publishes(softCapForecast(DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(END, BudgetEnforcementSaga.PERIOD_END);
    }

    @Test
    void withoutADegradeActionTheForecastOnlyStaysOnRecord() {
        fixture.givenAggregate(ID.toString()).published(defined(DegradeAction.NONE))
                .whenAggregate(ID.toString()).publishes(softCapForecast(DegradeAction.NONE))
                .expectNoDispatchedCommands();
    }

    @Test
    void theHardCapIsEnforcedByTheReadModelAndNeedsNoCommand() {
        fixture.givenAggregate(ID.toString()).published(defined(DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY))
                .whenAggregate(ID.toString()).publishes(new BudgetHardCapReached(ID, new BigDecimal("150"),
                        new BigDecimal("150"), HardCapBehaviour.ESCALATE_ALL, T0))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void theEndOfThePeriodClosesTheBudget() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(ID.toString()).published(defined(DegradeAction.NONE))
                .whenTimeElapses(Duration.ofDays(31))
                .expectTriggeredDeadlinesWithName(BudgetEnforcementSaga.PERIOD_END)
                .expectDispatchedCommands(new CloseBudgetPeriod(ID, END));
    }

    @Test
    void theSagaEndsWhenThePeriodIsClosed() {
        fixture.givenAggregate(ID.toString()).published(defined(DegradeAction.NONE))
                .whenAggregate(ID.toString()).publishes(new BudgetPeriodClosed(ID, BigDecimal.ZERO, END))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    private static BudgetDefined defined(DegradeAction action) {
        return new BudgetDefined(ID, new BudgetCaps(new BigDecimal("100.00"), new BigDecimal("150")),
                HardCapBehaviour.ESCALATE_ALL, action, START, END, "operator", START);
    }

    private static BudgetSoftCapForecast softCapForecast(DegradeAction action) {
        return new BudgetSoftCapForecast(ID, new BigDecimal("60.00"), new BigDecimal("120.00"),
                new BigDecimal("100.00"), action, SPEND, StrategyName.MICRO_VOTE, T0);
    }

    /** Stands in for the ensemble policy read model: version 4 of acme's policy has three strategies. */
    static final class PolicyReadModel {

        @QueryHandler
        Optional<EnsemblePolicyView> handle(FindEnsemblePolicy query) {
            return Optional.of(new EnsemblePolicyView(query.tenantId().value(), 3,
                    new EnsemblePolicySpec(THREE, THREE, 0.1), "operator", "initial", START, 4));
        }
    }
}
