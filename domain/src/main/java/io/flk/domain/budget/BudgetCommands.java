package io.flk.domain.budget;

import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands of the {@code Budget} aggregate; time and actor come from the caller. */
public final class BudgetCommands {

    private BudgetCommands() {
    }

    public record DefineBudget(@TargetAggregateIdentifier BudgetId budgetId, BudgetCaps caps,
                               HardCapBehaviour hardCapBehaviour, DegradeAction degradeAction, String actor,
                               Instant at) {
    }

    /** New caps for the period; raising the hard cap above the spend lifts an active hard cap. */
    public record ReviseBudget(@TargetAggregateIdentifier BudgetId budgetId, BudgetCaps caps,
                               @TargetAggregateVersion Long expectedVersion, String actor, Instant at) {
    }

    /**
     * A measurement of the period's spend by the budget monitor.
     *
     * @param forecastPeriodUsd spend so far plus the forecast for the rest of the period, or null when the
     *                          history is too short to forecast
     * @param spendByStrategy   this period's verification spend per strategy, so a degrade names its reason
     */
    public record RecordBudgetSpend(@TargetAggregateIdentifier BudgetId budgetId, BigDecimal spentUsd,
                                    BigDecimal forecastPeriodUsd, Map<StrategyName, BigDecimal> spendByStrategy,
                                    Instant at) {
    }

    /** Sent by the budget saga's deadline at the end of the period. */
    public record CloseBudgetPeriod(@TargetAggregateIdentifier BudgetId budgetId, Instant at) {
    }
}
