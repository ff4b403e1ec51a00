package io.flk.projections.verification;

import static io.flk.db.Tables.KPI_DAILY;
import static io.flk.db.Tables.KPI_LATENCY;
import static io.flk.db.Tables.KPI_TASK;

import io.flk.db.tables.records.KpiDailyRecord;
import io.flk.db.tables.records.KpiTaskRecord;
import io.flk.domain.escalation.Verdict;
import io.flk.domain.verification.Decision;
import io.flk.domain.verification.KpiCounters;
import io.flk.domain.verification.KpiQueries.FetchKpis;
import io.flk.domain.verification.KpiQueries.KpiFigures;
import io.flk.domain.verification.KpiQueries.KpiReport;
import io.flk.domain.verification.KpiQueries.KpiRow;
import io.flk.domain.verification.LatencyHistogram;
import io.flk.domain.verification.TaskEvent.EnsembleDisagreed;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Containment KPIs per tenant, day, policy version and group. Many tasks update the same few counter rows,
 * so the group runs on one segment: parallel segments would only queue on (or deadlock over) those rows.
 */
@Component
@ProcessingGroup(KpiProjection.GROUP)
public class KpiProjection {

    public static final String GROUP = "kpis";

    private final DSLContext dsl;

    public KpiProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(TaskVerified task) {
        LocalDate day = LocalDate.ofInstant(task.verifiedAt(), ZoneOffset.UTC);
        int counted = dsl.insertInto(KPI_TASK)
                .set(KPI_TASK.TENANT_ID, task.tenantId().value())
                .set(KPI_TASK.TASK_ID, task.taskId())
                .set(KPI_TASK.DAY, day)
                .set(KPI_TASK.POLICY_VERSION, task.policyVersion())
                .set(KPI_TASK.CONTROL_GROUP, task.controlGroup())
                .set(KPI_TASK.DECISION, task.decision().name())
                .onConflictDoNothing()
                .execute();
        if (counted == 0) {
            return;
        }
        Slice slice = new Slice(task.tenantId().value(), day, task.policyVersion(), task.controlGroup());
        add(slice, Map.of(KPI_DAILY.TASKS, 1L,
                KPI_DAILY.ESCALATED, task.decision() == Decision.ESCALATED ? 1L : 0L,
                KPI_DAILY.LLM_COST_USD, BigDecimal.valueOf(task.llmCostUsd()),
                KPI_DAILY.VERIFICATION_COST_USD, BigDecimal.valueOf(task.verificationCostUsd())));
        dsl.insertInto(KPI_LATENCY)
                .set(KPI_LATENCY.TENANT_ID, slice.tenantId())
                .set(KPI_LATENCY.DAY, day)
                .set(KPI_LATENCY.POLICY_VERSION, slice.policyVersion())
                .set(KPI_LATENCY.CONTROL_GROUP, slice.controlGroup())
                .set(KPI_LATENCY.BUCKET, LatencyHistogram.bucketOf(task.decisionMicros()))
                .set(KPI_LATENCY.TASKS, 1L)
                .onConflict(KPI_LATENCY.TENANT_ID, KPI_LATENCY.DAY, KPI_LATENCY.POLICY_VERSION,
                        KPI_LATENCY.CONTROL_GROUP, KPI_LATENCY.BUCKET)
                .doUpdate().set(KPI_LATENCY.TASKS, KPI_LATENCY.TASKS.plus(1L))
                .execute();
    }

    @EventHandler
    void on(EnsembleDisagreed disagreement) {
        dsl.update(KPI_TASK).set(KPI_TASK.DISAGREED, true)
                .where(task(disagreement.tenantId().value(), disagreement.taskId()).and(KPI_TASK.DISAGREED.isFalse()))
                .returning()
                .fetchOptional()
                .ifPresent(task -> add(Slice.of(task), Map.of(KPI_DAILY.DISAGREEMENTS, 1L)));
    }

    @EventHandler
    void on(TaskLabelled label) {
        dsl.update(KPI_TASK).set(KPI_TASK.LABEL, label.verdict().name())
                .where(task(label.tenantId().value(), label.taskId()).and(KPI_TASK.LABEL.isNull()))
                .returning()
                .fetchOptional()
                .ifPresent(task -> {
                    boolean hallucination = label.verdict() == Verdict.HALLUCINATION;
                    boolean escalated = Decision.valueOf(task.getDecision()) == Decision.ESCALATED;
                    add(Slice.of(task), Map.of(KPI_DAILY.LABELLED, 1L,
                            KPI_DAILY.CAUGHT_HALLUCINATIONS, hallucination && escalated ? 1L : 0L,
                            KPI_DAILY.ESCAPED_HALLUCINATIONS, hallucination && !escalated ? 1L : 0L,
                            KPI_DAILY.REVIEW_COST_USD, BigDecimal.valueOf(label.reviewCostUsd())));
                });
    }

    @QueryHandler
    public KpiReport handle(FetchKpis query) {
        Condition range = KPI_DAILY.TENANT_ID.eq(query.tenantId().value())
                .and(KPI_DAILY.DAY.between(query.from(), query.to()));
        Map<Slice, LatencyHistogram> latencies = latencies(query);
        LatencyHistogram[] groupLatency = {new LatencyHistogram(), new LatencyHistogram()};
        KpiCounters[] groupCounts = {KpiCounters.NONE, KpiCounters.NONE};
        List<KpiRow> rows = new ArrayList<>();
        for (KpiDailyRecord row : dsl.selectFrom(KPI_DAILY).where(range)
                .orderBy(KPI_DAILY.DAY, KPI_DAILY.POLICY_VERSION, KPI_DAILY.CONTROL_GROUP).fetch()) {
            KpiCounters counts = counters(row);
            LatencyHistogram latency = latencies.getOrDefault(
                    new Slice(row.getTenantId(), row.getDay(), row.getPolicyVersion(), row.getControlGroup()), new LatencyHistogram());
            rows.add(new KpiRow(row.getDay(), row.getPolicyVersion(), row.getControlGroup(),
                    KpiFigures.of(counts, latency)));
            int group = row.getControlGroup() ? 1 : 0;
            groupCounts[group] = groupCounts[group].plus(counts);
        }
        latencies.forEach((slice, histogram) -> groupLatency[slice.controlGroup() ? 1 : 0].merge(histogram));
        KpiFigures treatment = KpiFigures.of(groupCounts[0], groupLatency[0]);
        KpiFigures control = KpiFigures.of(groupCounts[1], groupLatency[1]);
        Double delta = treatment.containmentRate() == null || control.containmentRate() == null ? null
                : treatment.containmentRate() - control.containmentRate();
        return new KpiReport(query.tenantId().value(), query.from(), query.to(), treatment, control, delta, rows);
    }

    @ResetHandler
    void reset() {
        dsl.truncate(KPI_TASK, KPI_DAILY, KPI_LATENCY).execute();
    }

    private Map<Slice, LatencyHistogram> latencies(FetchKpis query) {
        Map<Slice, LatencyHistogram> bySlice = new HashMap<>();
        dsl.selectFrom(KPI_LATENCY)
                .where(KPI_LATENCY.TENANT_ID.eq(query.tenantId().value())
                        .and(KPI_LATENCY.DAY.between(query.from(), query.to())))
                .forEach(row -> bySlice.computeIfAbsent(new Slice(row.getTenantId(), row.getDay(),
                        row.getPolicyVersion(), row.getControlGroup()), slice -> new LatencyHistogram()).add(row.getBucket(), row.getTasks()));
        return bySlice;
    }

    /** Adds to the counters of the slice a task belongs to, creating its row on first use. */
    private void add(Slice slice, Map<Field<?>, Object> increments) {
        var insert = dsl.insertInto(KPI_DAILY)
                .set(KPI_DAILY.TENANT_ID, slice.tenantId())
                .set(KPI_DAILY.DAY, slice.day())
                .set(KPI_DAILY.POLICY_VERSION, slice.policyVersion())
                .set(KPI_DAILY.CONTROL_GROUP, slice.controlGroup())
                .set(increments)
                .onConflict(KPI_DAILY.TENANT_ID, KPI_DAILY.DAY, KPI_DAILY.POLICY_VERSION, KPI_DAILY.CONTROL_GROUP)
                .doUpdate();
        Map<Field<?>, Object> sums = new HashMap<>();
        increments.forEach((field, amount) -> sums.put(field, plus(field, amount)));
        insert.set(sums).execute();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Number> Field<T> plus(Field<?> counter, Object amount) {
        Field<T> typed = (Field<T>) counter;
        return typed.plus((T) amount);
    }

    private static Condition task(String tenantId, String taskId) {
        return KPI_TASK.TENANT_ID.eq(tenantId).and(KPI_TASK.TASK_ID.eq(taskId));
    }

    /** The counter row a task belongs to. */
    private record Slice(String tenantId, LocalDate day, long policyVersion, boolean controlGroup) {

        static Slice of(KpiTaskRecord task) {
            return new Slice(task.getTenantId(), task.getDay(), task.getPolicyVersion(), task.getControlGroup());
        }
    }

    private static KpiCounters counters(KpiDailyRecord row) {
        return new KpiCounters(row.getTasks(), row.getEscalated(), row.getDisagreements(), row.getLabelled(),
                row.getCaughtHallucinations(), row.getEscapedHallucinations(), row.getLlmCostUsd(),
                row.getVerificationCostUsd(), row.getReviewCostUsd());
    }
}
