package io.flk.projections.rollout;

import static io.flk.db.Tables.ROLLOUT_SAMPLE;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.not;
import static org.jooq.impl.DSL.percentileDisc;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import io.flk.domain.rollout.ArmStats;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutWindow;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.projections.hrs.Labels;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * The treatment-group tasks as the rollout gates see them, and the canary-against-control window they judge.
 * The statistics are those of {@link io.flk.domain.rollout.RolloutWindows#of}, computed where the rows are.
 */
@Component
@ProcessingGroup(RolloutSampleProjection.GROUP)
public class RolloutSampleProjection {

    public static final String GROUP = "rollout-samples";

    private static final double LATENCY_PERCENTILE = 0.95;

    private final DSLContext dsl;

    public RolloutSampleProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Control-group tasks run the baseline rules, whatever is rolled out, and a hard-capped task ran no strategy:
     * neither says anything about a canary. Any failed or timed-out verdict marks the task, that of a strategy
     * recorded with weight 0 (without a say) included: the event does not carry the weights, and that strategy
     * still ran on the task's hot path.
     */
    @EventHandler
    void on(TaskVerified task) {
        if (task.controlGroup() || task.budgetHardCap() != null) {
            return;
        }
        dsl.insertInto(ROLLOUT_SAMPLE)
                .set(ROLLOUT_SAMPLE.TENANT_ID, task.tenantId().value())
                .set(ROLLOUT_SAMPLE.TASK_ID, task.taskId())
                .set(ROLLOUT_SAMPLE.VERIFIED_AT, task.verifiedAt().atOffset(ZoneOffset.UTC))
                .set(ROLLOUT_SAMPLE.HRS_VERSION, task.modelVersions().get(StrategyName.HRS.id()))
                .set(ROLLOUT_SAMPLE.POLICY_VERSION, task.policyVersion())
                .set(ROLLOUT_SAMPLE.DECISION_MICROS, task.decisionMicros())
                .set(ROLLOUT_SAMPLE.STRATEGY_FAILED,
                        task.verdicts().stream().anyMatch(verdict -> verdict.timedOut() || verdict.failed()))
                .set(ROLLOUT_SAMPLE.ESCALATED, task.decision() == Decision.ESCALATED)
                .set(ROLLOUT_SAMPLE.COST_USD, task.llmCostUsd() + task.verificationCostUsd())
                .onConflictDoNothing()
                .execute();
    }

    /**
     * A task is labelled once, so a label that finds the row labelled is a redelivery. A label of a task that is
     * no sample (control group, hard cap) finds no row and changes nothing.
     */
    @EventHandler
    void on(TaskLabelled label) {
        dsl.update(ROLLOUT_SAMPLE)
                .set(ROLLOUT_SAMPLE.LABELLED_HALLUCINATION, Labels.hallucinated(label.verdict()))
                .set(ROLLOUT_SAMPLE.REVIEW_COST_USD, label.reviewCostUsd())
                .where(ROLLOUT_SAMPLE.TENANT_ID.eq(label.tenantId().value())
                        .and(ROLLOUT_SAMPLE.TASK_ID.eq(label.taskId()))
                        .and(ROLLOUT_SAMPLE.REVIEW_COST_USD.isNull()))
                .execute();
    }

    /**
     * Both arms in one statement: the window's rows, each with its flags computed once, grouped by arm. The latency
     * bound is a scalar subquery over the control's rows, evaluated once; the bound reported is the same product of
     * the control's p95 and the ratio.
     */
    @QueryHandler
    public RolloutWindow handle(FetchRolloutWindow query) {
        Condition inWindow = ROLLOUT_SAMPLE.TENANT_ID.eq(query.tenantId().value())
                .and(ROLLOUT_SAMPLE.VERIFIED_AT.ge(timestamp(query.from())))
                .and(ROLLOUT_SAMPLE.VERIFIED_AT.lt(timestamp(query.to())));
        Condition canary = switch (query.component()) {
            case HRS_MODEL -> ROLLOUT_SAMPLE.HRS_VERSION.isNotDistinctFrom(query.canaryKey());
            case ENSEMBLE_POLICY -> ROLLOUT_SAMPLE.POLICY_VERSION.eq(Long.parseLong(query.canaryKey()));
        };
        Table<?> rows = select(
                field(canary).as("canary"),
                field(ROLLOUT_SAMPLE.STRATEGY_FAILED.isTrue()
                        .or(ROLLOUT_SAMPLE.DECISION_MICROS.gt(query.sloLatencyMicros()))).as("bad"),
                field(ROLLOUT_SAMPLE.VERIFIED_AT.ge(timestamp(query.shortFrom()))).as("short_window"),
                field(ROLLOUT_SAMPLE.LABELLED_HALLUCINATION.isTrue()).as("hallucination"),
                ROLLOUT_SAMPLE.ESCALATED,
                field(ROLLOUT_SAMPLE.ESCALATED.isFalse()
                        .and(ROLLOUT_SAMPLE.LABELLED_HALLUCINATION.isDistinctFrom(inline(true)))).as("trusted"),
                ROLLOUT_SAMPLE.COST_USD.plus(coalesce(ROLLOUT_SAMPLE.REVIEW_COST_USD, 0.0)).as("cost"),
                ROLLOUT_SAMPLE.DECISION_MICROS)
                .from(ROLLOUT_SAMPLE).where(inWindow).asTable("w");
        Field<Boolean> isCanary = rows.field("canary", Boolean.class);
        Condition bad = condition(rows.field("bad", Boolean.class));
        Condition shortWindow = condition(rows.field("short_window", Boolean.class));
        Condition hallucination = condition(rows.field("hallucination", Boolean.class));
        Condition escalated = condition(rows.field(ROLLOUT_SAMPLE.ESCALATED));
        Condition trusted = condition(rows.field("trusted", Boolean.class));
        Field<Double> cost = rows.field("cost", Double.class);
        Field<Long> micros = rows.field(ROLLOUT_SAMPLE.DECISION_MICROS);
        Field<Double> bound = query.latencyRatio() == null ? inline((Double) null)
                : field(select(percentileDisc(LATENCY_PERCENTILE).withinGroupOrderBy(ROLLOUT_SAMPLE.DECISION_MICROS)
                        .cast(SQLDataType.DOUBLE).mul(val(query.latencyRatio())))
                        .from(ROLLOUT_SAMPLE).where(inWindow.and(not(canary))));

        // in the order of ArmStats's components
        Map<Boolean, ArmStats> arms = dsl.select(isCanary, count(), count().filterWhere(bad),
                        count().filterWhere(shortWindow), count().filterWhere(shortWindow.and(bad)),
                        percentileDisc(LATENCY_PERCENTILE).withinGroupOrderBy(micros),
                        count().filterWhere(condition(isCanary).and(micros.cast(SQLDataType.DOUBLE).gt(bound))),
                        count().filterWhere(hallucination), count().filterWhere(hallucination.and(escalated)),
                        count().filterWhere(trusted), sum(cost), sum(cost.mul(cost)), sum(cost).filterWhere(trusted))
                .from(rows)
                .groupBy(isCanary)
                .fetchMap(isCanary, RolloutSampleProjection::stats);
        ArmStats control = arms.getOrDefault(false, ArmStats.EMPTY);
        Double boundMicros = query.latencyRatio() == null || control.latencyP95Micros() == null ? null
                : control.latencyP95Micros() * query.latencyRatio();
        return new RolloutWindow(query.from(), query.to(), query.shortFrom(), query.sloLatencyMicros(), boundMicros,
                arms.getOrDefault(true, ArmStats.EMPTY), control);
    }

    @ResetHandler
    void reset() {
        dsl.truncate(ROLLOUT_SAMPLE).execute();
    }

    /** The arm's row after its key; a sum over no trusted task is null in SQL and 0 here. */
    private static ArmStats stats(Record row) {
        Long p95 = row.get(5, Long.class);
        return new ArmStats(row.get(1, Long.class), row.get(2, Long.class), row.get(3, Long.class),
                row.get(4, Long.class), p95 == null ? null : p95.doubleValue(), row.get(6, Long.class),
                row.get(7, Long.class), row.get(8, Long.class), row.get(9, Long.class),
                orZero(row.get(10, Double.class)), orZero(row.get(11, Double.class)),
                orZero(row.get(12, Double.class)));
    }

    /**
     * A literal rather than a bind value: jOOQ binds a timestamp as a string cast to timestamptz, a cast that
     * PostgreSQL evaluates again for every row; with literals a window of 200,000 tasks took a third of the time.
     */
    private static Field<OffsetDateTime> timestamp(Instant at) {
        return inline(at.atOffset(ZoneOffset.UTC));
    }

    private static double orZero(Double sum) {
        return sum == null ? 0 : sum;
    }
}
