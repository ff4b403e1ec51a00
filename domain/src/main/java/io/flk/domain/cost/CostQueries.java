package io.flk.domain.cost;

import io.flk.domain.tenant.TenantId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The internal cost attribution read model: what the platform itself recorded as spent. */
public final class CostQueries {

    private CostQueries() {
    }

    /** Days {@code from} inclusive to {@code to} exclusive; {@code tenantId} null means every tenant. */
    public record FetchInternalDailyCost(TenantId tenantId, LocalDate from, LocalDate to) {
    }

    /** @param strategy the verification strategy id, or {@code null} for LLM and review costs */
    public record InternalDailyCost(LocalDate day, String tenantId, String llmModel, CostComponent component,
                                    String strategy, BigDecimal costUsd) {
    }

    public record InternalDailyCosts(List<InternalDailyCost> lines) {

        public InternalDailyCosts {
            lines = List.copyOf(lines);
        }
    }

    /** Spend per day, all components; {@code tenantId} null means the platform total. Days without spend are absent. */
    public record FetchDailySpend(TenantId tenantId, LocalDate from, LocalDate to) {
    }

    public record DaySpend(LocalDate day, BigDecimal costUsd) {
    }

    /** @param firstDay the first day with any recorded cost for the scope, or {@code null} when none */
    public record DailySpend(LocalDate firstDay, List<DaySpend> days) {

        public DailySpend {
            days = List.copyOf(days);
        }
    }

    /** All-time totals per tenant and component, for the {@code flk_cost_attributed_usd} gauge. */
    public record FetchAttributedCostTotals() {
    }

    public record AttributedCostTotal(String tenantId, CostComponent component, BigDecimal costUsd) {
    }

    public record AttributedCostTotals(List<AttributedCostTotal> totals) {

        public AttributedCostTotals {
            totals = List.copyOf(totals);
        }
    }
}
