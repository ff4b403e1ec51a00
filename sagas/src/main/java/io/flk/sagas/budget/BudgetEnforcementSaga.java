package io.flk.sagas.budget;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.domain.budget.BudgetCommands.CloseBudgetPeriod;
import io.flk.domain.budget.BudgetEvent.BudgetDefined;
import io.flk.domain.budget.BudgetEvent.BudgetPeriodClosed;
import io.flk.domain.budget.BudgetEvent.BudgetSoftCapForecast;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.PolicyDegrade;
import io.flk.domain.verification.EnsemblePolicyCommands.ChangeEnsemblePolicy;
import io.flk.domain.verification.EnsemblePolicyQueries.EnsemblePolicyView;
import io.flk.domain.verification.EnsemblePolicyQueries.FindEnsemblePolicy;
import io.flk.domain.verification.PolicyId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces one budget period. The Budget aggregate decides when a cap is crossed; this saga carries out what
 * follows: the configured degrade action when the soft cap is forecast (drop the strategy that cost the most
 * from the tenant's ensemble policy), and the close of the period at its end, which lifts an active hard cap.
 * Lives from {@code BudgetDefined} to {@code BudgetPeriodClosed}; its fields are its stored JSON.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class BudgetEnforcementSaga {

    public static final String BUDGET_ID = "budgetId";
    public static final String PERIOD_END = "budget-period-end";
    /** The actor recorded on the policy changes this saga makes. */
    public static final String ACTOR = "budget-enforcement";

    private static final Logger log = LoggerFactory.getLogger(BudgetEnforcementSaga.class);

    private BudgetId budgetId;
    private Instant periodEnd;

    @StartSaga
    @SagaEventHandler(associationProperty = BUDGET_ID)
    void on(BudgetDefined event, DeadlineManager deadlines) {
        budgetId = event.budgetId();
        periodEnd = event.periodEnd();
        deadlines.schedule(periodEnd, PERIOD_END, budgetId);
    }

    @SagaEventHandler(associationProperty = BUDGET_ID)
    void on(BudgetSoftCapForecast event, CommandGateway commands, QueryGateway queries) {
        if (event.degradeAction() != DegradeAction.DISABLE_MOST_EXPENSIVE_STRATEGY
                || event.mostExpensiveStrategy() == null) {
            return;
        }
        Optional<EnsemblePolicyView> current = queries.query(new FindEnsemblePolicy(budgetId.tenantId()),
                ResponseTypes.optionalInstanceOf(EnsemblePolicyView.class)).join();
        current.ifPresent(view -> PolicyDegrade.without(view.policy(), event.mostExpensiveStrategy())
                .ifPresent(degraded -> commands.send(new ChangeEnsemblePolicy(PolicyId.of(budgetId.tenantId()),
                        degraded, reason(event), view.version(), ACTOR, event.at()))
                        .whenComplete((version, refused) -> logRefusal(event, refused))));
    }

    /**
     * The policy may refuse the change (a policy rollout in progress, a newer version): the soft cap is only a
     * forecast, the hard cap still protects the budget, so the period goes on and the refusal is logged.
     */
    private static void logRefusal(BudgetSoftCapForecast event, Throwable refused) {
        if (refused != null) {
            log.warn("Budget {}: could not disable {} in the ensemble policy of {}: {}", event.budgetId(),
                    event.mostExpensiveStrategy().id(), event.budgetId().tenantId().value(), refused.getMessage());
        }
    }

    /** The budget id is the deadline's payload: Axon reads a handler's first parameter as the payload. */
    @DeadlineHandler(deadlineName = PERIOD_END)
    void onPeriodEnd(BudgetId budget, CommandGateway commands) {
        commands.send(new CloseBudgetPeriod(budget, periodEnd));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = BUDGET_ID)
    void on(BudgetPeriodClosed event, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(PERIOD_END);
    }

    /** The numbers behind the change, so the policy's own history explains it. */
    static String reason(BudgetSoftCapForecast event) {
        BigDecimal projected = event.forecastPeriodUsd() == null ? event.spentUsd() : event.forecastPeriodUsd();
        return "budget " + event.budgetId() + ": projected " + projected.toPlainString() + " USD (spent "
                + event.spentUsd().toPlainString() + ") above soft cap " + event.softCapUsd().toPlainString()
                + " USD; disabled " + event.mostExpensiveStrategy().id() + ", the most expensive strategy ("
                + event.spendByStrategy().get(event.mostExpensiveStrategy()).toPlainString() + " USD this period)";
    }
}
