package io.flk.projections.cost;

import static io.flk.db.Tables.COST_LINE;
import static io.flk.db.Tables.COST_TASK_MODEL;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.sum;

import io.flk.domain.cost.CostComponent;
import io.flk.domain.cost.CostQueries.AttributedCostTotal;
import io.flk.domain.cost.CostQueries.AttributedCostTotals;
import io.flk.domain.cost.CostQueries.DailySpend;
import io.flk.domain.cost.CostQueries.DaySpend;
import io.flk.domain.cost.CostQueries.FetchAttributedCostTotals;
import io.flk.domain.cost.CostQueries.FetchDailySpend;
import io.flk.domain.cost.CostQueries.FetchInternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCost;
import io.flk.domain.cost.CostQueries.InternalDailyCosts;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Internal cost attribution per tenant, LLM model, component, strategy and UTC day, from the costs the
 * verification path and human review recorded. Rows are keyed by event id: a redelivered event adds nothing.
 */
@Component
@ProcessingGroup(CostAttributionProjection.GROUP)
public class CostAttributionProjection {

    public static final String GROUP = "cost-attribution";
    /** The strategy column of costs that belong to no strategy (LLM, review). */
    static final String NO_STRATEGY = "";
    static final String UNKNOWN_MODEL = "unknown";

    private final DSLContext dsl;

    public CostAttributionProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(TaskVerified event, @MessageIdentifier String eventId) {
        dsl.insertInto(COST_TASK_MODEL)
                .set(COST_TASK_MODEL.TENANT_ID, event.tenantId().value())
                .set(COST_TASK_MODEL.TASK_ID, event.taskId())
                .set(COST_TASK_MODEL.LLM_MODEL, event.llmModel())
                .onConflictDoNothing()
                .execute();
        List<CostLine> lines = new ArrayList<>();
        lines.add(new CostLine(CostComponent.LLM, NO_STRATEGY, event.llmCostUsd()));
        for (StrategyVerdict verdict : event.verdicts()) {
            lines.add(new CostLine(CostComponent.VERIFICATION, verdict.strategy().id(), verdict.costUsd()));
        }
        insert(eventId, event.tenantId(), day(event.verifiedAt()), event.llmModel(), lines);
    }

    @EventHandler
    void on(TaskLabelled event, @MessageIdentifier String eventId) {
        String model = dsl.select(COST_TASK_MODEL.LLM_MODEL).from(COST_TASK_MODEL)
                .where(COST_TASK_MODEL.TENANT_ID.eq(event.tenantId().value())
                        .and(COST_TASK_MODEL.TASK_ID.eq(event.taskId())))
                .fetchOptional(COST_TASK_MODEL.LLM_MODEL).orElse(UNKNOWN_MODEL);
        insert(eventId, event.tenantId(), day(event.at()), model,
                List.of(new CostLine(CostComponent.HUMAN_REVIEW, NO_STRATEGY, event.reviewCostUsd())));
    }

    @QueryHandler
    public InternalDailyCosts handle(FetchInternalDailyCost query) {
        var total = sum(COST_LINE.COST_USD);
        return new InternalDailyCosts(dsl.select(COST_LINE.DAY, COST_LINE.TENANT_ID, COST_LINE.LLM_MODEL,
                        COST_LINE.COMPONENT, COST_LINE.STRATEGY, total)
                .from(COST_LINE)
                .where(scope(query.tenantId(), query.from(), query.to()))
                .groupBy(COST_LINE.DAY, COST_LINE.TENANT_ID, COST_LINE.LLM_MODEL, COST_LINE.COMPONENT, COST_LINE.STRATEGY)
                .orderBy(COST_LINE.DAY, COST_LINE.TENANT_ID, COST_LINE.LLM_MODEL, COST_LINE.COMPONENT, COST_LINE.STRATEGY)
                .fetch(row -> new InternalDailyCost(row.value1(), row.value2(), row.value3(),
                        CostComponent.of(row.value4()), row.value5().isEmpty() ? null : row.value5(), row.value6())));
    }

    @QueryHandler
    public DailySpend handle(FetchDailySpend query) {
        Condition tenant = query.tenantId() == null ? DSL.trueCondition()
                : COST_LINE.TENANT_ID.eq(query.tenantId().value());
        LocalDate first = dsl.select(min(COST_LINE.DAY)).from(COST_LINE).where(tenant).fetchOne(0, LocalDate.class);
        var total = sum(COST_LINE.COST_USD);
        return new DailySpend(first, dsl.select(COST_LINE.DAY, total)
                .from(COST_LINE)
                .where(scope(query.tenantId(), query.from(), query.to()))
                .groupBy(COST_LINE.DAY)
                .orderBy(COST_LINE.DAY)
                .fetch(row -> new DaySpend(row.value1(), row.value2())));
    }

    @QueryHandler
    public AttributedCostTotals handle(FetchAttributedCostTotals query) {
        var total = sum(COST_LINE.COST_USD);
        return new AttributedCostTotals(dsl.select(COST_LINE.TENANT_ID, COST_LINE.COMPONENT, total)
                .from(COST_LINE)
                .groupBy(COST_LINE.TENANT_ID, COST_LINE.COMPONENT)
                .orderBy(COST_LINE.TENANT_ID, COST_LINE.COMPONENT)
                .fetch(row -> new AttributedCostTotal(row.value1(), CostComponent.of(row.value2()), row.value3())));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(COST_LINE).execute();
        dsl.truncate(COST_TASK_MODEL).execute();
    }

    /** One statement for all the costs of an event; zero costs (a strategy that timed out) add no rows. */
    private void insert(String eventId, TenantId tenantId, LocalDate day, String model, List<CostLine> lines) {
        var insert = dsl.insertInto(COST_LINE, COST_LINE.EVENT_ID, COST_LINE.COMPONENT, COST_LINE.STRATEGY,
                COST_LINE.TENANT_ID, COST_LINE.DAY, COST_LINE.LLM_MODEL, COST_LINE.COST_USD);
        boolean any = false;
        for (CostLine line : lines) {
            if (line.costUsd() != 0) {
                insert = insert.values(eventId, line.component().id(), line.strategy(), tenantId.value(), day, model,
                        BigDecimal.valueOf(line.costUsd()));
                any = true;
            }
        }
        if (any) {
            insert.onConflictDoNothing().execute();
        }
    }

    private record CostLine(CostComponent component, String strategy, double costUsd) {
    }

    private static Condition scope(TenantId tenantId, LocalDate from, LocalDate to) {
        Condition days = COST_LINE.DAY.ge(from).and(COST_LINE.DAY.lt(to));
        return tenantId == null ? days : days.and(COST_LINE.TENANT_ID.eq(tenantId.value()));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
