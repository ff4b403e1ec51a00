package io.flk.projections.cost;

import static io.flk.db.Tables.COST_RECONCILIATION;

import io.flk.db.tables.records.CostReconciliationRecord;
import io.flk.domain.cost.ReconciliationEvent.ReconciliationCompleted;
import io.flk.domain.cost.ReconciliationQueries.FetchReconciliations;
import io.flk.domain.cost.ReconciliationQueries.ReconciliationList;
import io.flk.domain.cost.ReconciliationQueries.ReconciliationView;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The reconciliation runs, newest first, with their totals and diff (the lines stay in the event). */
@Component
@ProcessingGroup(ReconciliationProjection.GROUP)
public class ReconciliationProjection {

    public static final String GROUP = "cost-reconciliations";

    private final DSLContext dsl;

    public ReconciliationProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(ReconciliationCompleted event) {
        dsl.insertInto(COST_RECONCILIATION)
                .set(COST_RECONCILIATION.RECONCILIATION_ID, event.reconciliationId().value())
                .set(COST_RECONCILIATION.PERIOD_FROM, event.from())
                .set(COST_RECONCILIATION.PERIOD_TO, event.to())
                .set(COST_RECONCILIATION.CURRENCY, event.currency())
                .set(COST_RECONCILIATION.INTERNAL_USD, event.internalUsd())
                .set(COST_RECONCILIATION.IMPORTED_ALLOCATED_USD, event.importedAllocatedUsd())
                .set(COST_RECONCILIATION.UNALLOCATED_USD, event.unallocatedUsd())
                .set(COST_RECONCILIATION.DIFF_PERCENT, event.diffPercent())
                .set(COST_RECONCILIATION.THRESHOLD_PERCENT, event.thresholdPercent())
                .set(COST_RECONCILIATION.EXCEEDED, event.diffPercent() != null
                        && Math.abs(event.diffPercent()) > event.thresholdPercent())
                .set(COST_RECONCILIATION.RUN_TRIGGER, event.trigger())
                .set(COST_RECONCILIATION.ACTOR, event.actor())
                .set(COST_RECONCILIATION.AT, event.at().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @QueryHandler
    public ReconciliationList handle(FetchReconciliations query) {
        return new ReconciliationList(dsl.selectFrom(COST_RECONCILIATION)
                .orderBy(COST_RECONCILIATION.AT.desc(), COST_RECONCILIATION.RECONCILIATION_ID)
                .limit(query.limit())
                .fetch(ReconciliationProjection::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(COST_RECONCILIATION).execute();
    }

    private static ReconciliationView toView(CostReconciliationRecord row) {
        return new ReconciliationView(row.getReconciliationId(), row.getPeriodFrom(), row.getPeriodTo(),
                row.getCurrency(), row.getInternalUsd(), row.getImportedAllocatedUsd(), row.getUnallocatedUsd(),
                row.getDiffPercent(), row.getThresholdPercent(), row.getExceeded(), row.getRunTrigger(),
                row.getActor(), row.getAt().toInstant());
    }
}
