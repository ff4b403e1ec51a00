package io.flk.projections.budget;

import static io.flk.db.Tables.BUDGET;

import io.flk.db.tables.records.BudgetRecord;
import io.flk.domain.budget.BudgetEvent.BudgetDefined;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapLifted;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapReached;
import io.flk.domain.budget.BudgetEvent.BudgetPeriodClosed;
import io.flk.domain.budget.BudgetEvent.BudgetRevised;
import io.flk.domain.budget.BudgetEvent.BudgetSoftCapForecast;
import io.flk.domain.budget.BudgetId;
import io.flk.domain.budget.BudgetQueries.BudgetList;
import io.flk.domain.budget.BudgetQueries.BudgetView;
import io.flk.domain.budget.BudgetQueries.FetchBudgets;
import io.flk.domain.budget.BudgetQueries.FetchOpenBudgets;
import io.flk.domain.budget.BudgetQueries.FindBudget;
import io.flk.domain.budget.BudgetQueries.FindHardCapEnforcement;
import io.flk.domain.budget.BudgetQueries.HardCapEnforcement;
import io.flk.domain.budget.DegradeAction;
import io.flk.domain.budget.HardCapBehaviour;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * One row per tenant and month: caps, enforcement state and the figures of the last threshold event. The
 * hard-cap gate of the verification path reads it.
 */
@Component
@ProcessingGroup(BudgetProjection.GROUP)
public class BudgetProjection {

    public static final String GROUP = "budgets";

    private final DSLContext dsl;

    public BudgetProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(BudgetDefined event, @SequenceNumber long version) {
        dsl.insertInto(BUDGET)
                .set(BUDGET.TENANT_ID, event.tenantId().value())
                .set(BUDGET.PERIOD, event.budgetId().period().toString())
                .set(BUDGET.SOFT_CAP_USD, event.caps().softCapUsd())
                .set(BUDGET.HARD_CAP_USD, event.caps().hardCapUsd())
                .set(BUDGET.HARD_CAP_BEHAVIOUR, event.hardCapBehaviour().name())
                .set(BUDGET.DEGRADE_ACTION, event.degradeAction().name())
                .set(BUDGET.SOFT_CAP_FORECAST, false)
                .set(BUDGET.HARD_CAP_ACTIVE, false)
                .set(BUDGET.CLOSED, false)
                .set(BUDGET.UPDATED_AT, utc(event.at()))
                .set(BUDGET.VERSION, version)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(BudgetRevised event, @SequenceNumber long version) {
        Map<Field<?>, Object> values = new HashMap<>(Map.of(BUDGET.SOFT_CAP_USD, event.after().softCapUsd(),
                BUDGET.HARD_CAP_USD, event.after().hardCapUsd()));
        // As in the aggregate: a raised soft cap re-arms the forecast warning.
        if (event.after().softCapUsd().compareTo(event.before().softCapUsd()) > 0) {
            values.put(BUDGET.SOFT_CAP_FORECAST, false);
        }
        update(event.budgetId(), version, event.at(), values);
    }

    @EventHandler
    void on(BudgetSoftCapForecast event, @SequenceNumber long version) {
        update(event.budgetId(), version, event.at(), Map.of(BUDGET.SOFT_CAP_FORECAST, true,
                BUDGET.LAST_SPENT_USD, event.spentUsd(),
                BUDGET.LAST_FORECAST_USD, Optional.ofNullable(event.forecastPeriodUsd()).orElse(event.spentUsd())));
    }

    @EventHandler
    void on(BudgetHardCapReached event, @SequenceNumber long version) {
        update(event.budgetId(), version, event.at(), Map.of(BUDGET.HARD_CAP_ACTIVE, true,
                BUDGET.LAST_SPENT_USD, event.spentUsd()));
    }

    @EventHandler
    void on(BudgetHardCapLifted event, @SequenceNumber long version) {
        update(event.budgetId(), version, event.at(), Map.of(BUDGET.HARD_CAP_ACTIVE, false));
    }

    @EventHandler
    void on(BudgetPeriodClosed event, @SequenceNumber long version) {
        update(event.budgetId(), version, event.at(), Map.of(BUDGET.CLOSED, true, BUDGET.HARD_CAP_ACTIVE, false));
    }

    @QueryHandler
    public Optional<BudgetView> handle(FindBudget query) {
        return dsl.selectFrom(BUDGET).where(key(query.budgetId())).fetchOptional(BudgetProjection::toView);
    }

    @QueryHandler
    public BudgetList handle(FetchBudgets query) {
        Condition condition = query.tenantId() == null ? BUDGET.TENANT_ID.isNotNull()
                : BUDGET.TENANT_ID.eq(query.tenantId().value());
        return new BudgetList(dsl.selectFrom(BUDGET).where(condition)
                .orderBy(BUDGET.PERIOD.desc(), BUDGET.TENANT_ID)
                .fetch(BudgetProjection::toView));
    }

    @QueryHandler
    public BudgetList handle(FetchOpenBudgets query) {
        return new BudgetList(dsl.selectFrom(BUDGET)
                .where(BUDGET.PERIOD.eq(query.period().toString()).and(BUDGET.CLOSED.isFalse()))
                .orderBy(BUDGET.TENANT_ID)
                .fetch(BudgetProjection::toView));
    }

    @QueryHandler
    public Optional<HardCapEnforcement> handle(FindHardCapEnforcement query) {
        return dsl.selectFrom(BUDGET)
                .where(BUDGET.TENANT_ID.eq(query.tenantId().value()).and(BUDGET.HARD_CAP_ACTIVE.isTrue()))
                .orderBy(BUDGET.PERIOD.desc())
                .limit(1)
                .fetchOptional(row -> new HardCapEnforcement(row.getTenantId(), YearMonth.parse(row.getPeriod()),
                        HardCapBehaviour.valueOf(row.getHardCapBehaviour())));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(BUDGET).execute();
    }

    /** Applies the newest event only: a redelivered or older event leaves the row as it is. */
    private void update(BudgetId id, long version, Instant at, Map<? extends Field<?>, ?> values) {
        dsl.update(BUDGET)
                .set(values)
                .set(BUDGET.UPDATED_AT, utc(at))
                .set(BUDGET.VERSION, version)
                .where(key(id).and(BUDGET.VERSION.lt(version)))
                .execute();
    }

    private static Condition key(BudgetId id) {
        return BUDGET.TENANT_ID.eq(id.tenantId().value()).and(BUDGET.PERIOD.eq(id.period().toString()));
    }

    private static BudgetView toView(BudgetRecord row) {
        return new BudgetView(row.getTenantId(), YearMonth.parse(row.getPeriod()), row.getSoftCapUsd(),
                row.getHardCapUsd(), HardCapBehaviour.valueOf(row.getHardCapBehaviour()),
                DegradeAction.valueOf(row.getDegradeAction()), row.getSoftCapForecast(), row.getHardCapActive(),
                row.getLastSpentUsd(), row.getLastForecastUsd(), row.getClosed(), row.getUpdatedAt().toInstant(),
                row.getVersion());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
