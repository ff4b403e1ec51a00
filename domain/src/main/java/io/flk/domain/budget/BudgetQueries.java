package io.flk.domain.budget;

import io.flk.domain.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

public final class BudgetQueries {

    private BudgetQueries() {
    }

    public record FindBudget(BudgetId budgetId) {
    }

    /** Budgets of one tenant, newest period first; {@code tenantId} null means every tenant's. */
    public record FetchBudgets(TenantId tenantId) {
    }

    /** Open budgets of the period, for the budget monitor. */
    public record FetchOpenBudgets(YearMonth period) {
    }

    /** The hard cap in force for the tenant now, if any. */
    public record FindHardCapEnforcement(TenantId tenantId) {
    }

    /**
     * @param hardCapActive   verifications follow {@code hardCapBehaviour} while true
     * @param lastSpentUsd    spend at the last threshold event (soft forecast or hard cap), null before any
     * @param version         the aggregate version (ETag)
     */
    public record BudgetView(String tenantId, YearMonth period, BigDecimal softCapUsd, BigDecimal hardCapUsd,
                             HardCapBehaviour hardCapBehaviour, DegradeAction degradeAction, boolean softCapForecast,
                             boolean hardCapActive, BigDecimal lastSpentUsd, BigDecimal lastForecastUsd,
                             boolean closed, Instant updatedAt, long version) {
    }

    public record BudgetList(List<BudgetView> budgets) {

        public BudgetList {
            budgets = List.copyOf(budgets);
        }
    }

    public record HardCapEnforcement(String tenantId, YearMonth period, HardCapBehaviour behaviour) {
    }
}
