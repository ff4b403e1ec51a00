package io.flk.domain.budget;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.StrategyName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** The life of one tenant's budget for one month; every enforcement step carries the numbers behind it. */
public sealed interface BudgetEvent {

    BudgetId budgetId();

    default TenantId tenantId() {
        return budgetId().tenantId();
    }

    @Revision("1")
    record BudgetDefined(BudgetId budgetId, BudgetCaps caps, HardCapBehaviour hardCapBehaviour,
                         DegradeAction degradeAction, Instant periodStart, Instant periodEnd, String actor, Instant at)
            implements BudgetEvent {
    }

    @Revision("1")
    record BudgetRevised(BudgetId budgetId, BudgetCaps before, BudgetCaps after, String actor, Instant at)
            implements BudgetEvent {
    }

    /**
     * Spend so far plus forecast (or the spend alone, once it is past the cap) is above the soft cap.
     *
     * @param mostExpensiveStrategy the strategy with the highest spend this period, null when none was recorded
     */
    @Revision("1")
    record BudgetSoftCapForecast(BudgetId budgetId, BigDecimal spentUsd, BigDecimal forecastPeriodUsd,
                                 BigDecimal softCapUsd, DegradeAction degradeAction,
                                 Map<StrategyName, BigDecimal> spendByStrategy, StrategyName mostExpensiveStrategy,
                                 Instant at) implements BudgetEvent {

        public BudgetSoftCapForecast {
            spendByStrategy = Map.copyOf(spendByStrategy);
        }
    }

    @Revision("1")
    record BudgetHardCapReached(BudgetId budgetId, BigDecimal spentUsd, BigDecimal hardCapUsd,
                                HardCapBehaviour behaviour, Instant at) implements BudgetEvent {
    }

    @Revision("1")
    record BudgetHardCapLifted(BudgetId budgetId, LiftReason reason, BigDecimal spentUsd, BigDecimal hardCapUsd,
                               Instant at) implements BudgetEvent {
    }

    /** The period is over; the saga ends with it. */
    @Revision("1")
    record BudgetPeriodClosed(BudgetId budgetId, BigDecimal lastRecordedSpendUsd, Instant at) implements BudgetEvent {
    }

    enum LiftReason {
        BUDGET_RAISED,
        PERIOD_ENDED
    }
}
