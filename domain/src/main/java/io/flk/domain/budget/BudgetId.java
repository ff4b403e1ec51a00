package io.flk.domain.budget;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The budget of one tenant for one calendar month (UTC). {@link #toString()} is its aggregate identity and
 * the saga's association value.
 */
public record BudgetId(TenantId tenantId, YearMonth period) {

    public static BudgetId of(TenantId tenantId, YearMonth period) {
        return new BudgetId(tenantId, period);
    }

    public Instant periodStart() {
        return period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Instant periodEnd() {
        return period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "budget:" + tenantId.value() + ":" + period;
    }
}
