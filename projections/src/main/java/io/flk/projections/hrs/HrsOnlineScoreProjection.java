package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_ONLINE_SCORE;
import static org.jooq.impl.DSL.count;

import io.flk.domain.hrs.HrsModelQueries.FetchHrsOnlinePerformance;
import io.flk.domain.hrs.HrsModelQueries.HrsOnlinePerformance;
import io.flk.domain.hrs.HrsModelQueries.HrsVersionPerformance;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.TaskEvent.TaskLabelled;
import io.flk.domain.verification.TaskEvent.TaskVerified;
import io.flk.domain.verification.evaluation.RocAuc;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The risk every HRS version gave live tasks, deciding or as a shadow, against the labels humans gave them later:
 * the online ROC AUC that tells whether a version ranks real traffic as well as its held-out test promised.
 */
@Component
@ProcessingGroup(HrsOnlineScoreProjection.GROUP)
public class HrsOnlineScoreProjection {

    public static final String GROUP = "hrs-online-scores";

    private final DSLContext dsl;

    public HrsOnlineScoreProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A deciding HRS that failed or timed out has no score, so it gave no risk to measure. */
    @EventHandler
    void on(TaskVerified task) {
        var insert = dsl.insertInto(HRS_ONLINE_SCORE, HRS_ONLINE_SCORE.TENANT_ID, HRS_ONLINE_SCORE.TASK_ID,
                HRS_ONLINE_SCORE.MODEL_VERSION, HRS_ONLINE_SCORE.DECIDING, HRS_ONLINE_SCORE.RISK);
        boolean any = false;
        String deciding = task.modelVersions().get(StrategyName.HRS.id());
        Double score = task.verdicts().stream().filter(verdict -> verdict.strategy() == StrategyName.HRS)
                .findFirst().map(StrategyVerdict::score).orElse(null);
        if (deciding != null && score != null) {
            insert = insert.values(task.tenantId().value(), task.taskId(), deciding, true, 1 - score);
            any = true;
        }
        for (Map.Entry<String, Double> shadow : task.hrsShadowRisks().entrySet()) {
            insert = insert.values(task.tenantId().value(), task.taskId(), shadow.getKey(), false, shadow.getValue());
            any = true;
        }
        if (any) {
            insert.onConflictDoNothing().execute();
        }
    }

    @EventHandler
    void on(TaskLabelled label) {
        dsl.update(HRS_ONLINE_SCORE)
                .set(HRS_ONLINE_SCORE.HALLUCINATED, Labels.hallucinated(label.verdict()))
                .where(HRS_ONLINE_SCORE.TENANT_ID.eq(label.tenantId().value())
                        .and(HRS_ONLINE_SCORE.TASK_ID.eq(label.taskId())))
                .execute();
    }

    /**
     * Counts come from one aggregate over the tenant's rows; the AUC needs the labelled risks themselves, a small
     * share of the rows, read in a second query.
     */
    @QueryHandler
    public HrsOnlinePerformance handle(FetchHrsOnlinePerformance query) {
        String tenantId = query.tenantId().value();
        Map<String, Double> aucs = onlineAucs(tenantId);
        return new HrsOnlinePerformance(dsl.select(HRS_ONLINE_SCORE.MODEL_VERSION,
                        count().filterWhere(HRS_ONLINE_SCORE.DECIDING.isTrue()),
                        count().filterWhere(HRS_ONLINE_SCORE.DECIDING.isFalse()),
                        count().filterWhere(HRS_ONLINE_SCORE.HALLUCINATED.isNotNull()),
                        count().filterWhere(HRS_ONLINE_SCORE.HALLUCINATED.isTrue()))
                .from(HRS_ONLINE_SCORE)
                .where(HRS_ONLINE_SCORE.TENANT_ID.eq(tenantId))
                .groupBy(HRS_ONLINE_SCORE.MODEL_VERSION)
                .orderBy(HRS_ONLINE_SCORE.MODEL_VERSION)
                .fetch(row -> new HrsVersionPerformance(row.value1(), row.value2(), row.value3(), row.value4(),
                        row.value5(), aucs.get(row.value1()))));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(HRS_ONLINE_SCORE).execute();
    }

    /** Versions without both classes labelled have no AUC and are absent from the map. */
    private Map<String, Double> onlineAucs(String tenantId) {
        Map<String, Double> aucs = new HashMap<>();
        dsl.select(HRS_ONLINE_SCORE.MODEL_VERSION, HRS_ONLINE_SCORE.RISK, HRS_ONLINE_SCORE.HALLUCINATED)
                .from(HRS_ONLINE_SCORE)
                .where(HRS_ONLINE_SCORE.TENANT_ID.eq(tenantId).and(HRS_ONLINE_SCORE.HALLUCINATED.isNotNull()))
                .fetchGroups(HRS_ONLINE_SCORE.MODEL_VERSION)
                .forEach((version, rows) -> {
                    double[] risks = new double[rows.size()];
                    boolean[] hallucinated = new boolean[rows.size()];
                    int positives = 0;
                    for (int i = 0; i < risks.length; i++) {
                        risks[i] = rows.get(i).value2();
                        hallucinated[i] = rows.get(i).value3();
                        positives += hallucinated[i] ? 1 : 0;
                    }
                    if (positives > 0 && positives < risks.length) {
                        aucs.put(version, RocAuc.of(risks, hallucinated));
                    }
                });
        return aucs;
    }
}
