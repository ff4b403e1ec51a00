package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_TRAINING;

import io.flk.db.tables.records.HrsTrainingRecord;
import io.flk.domain.hrs.HrsCandidate;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsTrainings;
import io.flk.domain.hrs.HrsModelQueries.FindHrsTraining;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingList;
import io.flk.domain.hrs.HrsModelQueries.HrsTrainingView;
import io.flk.domain.hrs.HrsModelQueries.TrainingStatus;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingCompleted;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingFailed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingProgressed;
import io.flk.domain.hrs.HrsTrainingEvent.HrsTrainingStarted;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Every HRS training of a tenant, from its start through its progress to a registered version or a failure. */
@Component
@ProcessingGroup(HrsTrainingProjection.GROUP)
public class HrsTrainingProjection {

    public static final String GROUP = "hrs-trainings";

    private final DSLContext dsl;

    public HrsTrainingProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(HrsTrainingStarted event) {
        dsl.insertInto(HRS_TRAINING)
                .set(HRS_TRAINING.TRAINING_ID, event.trainingId().value())
                .set(HRS_TRAINING.TENANT_ID, event.tenantId().value())
                .set(HRS_TRAINING.STATUS, TrainingStatus.RUNNING.name())
                .set(HRS_TRAINING.WINDOW_FROM, event.windowFrom().atOffset(ZoneOffset.UTC))
                .set(HRS_TRAINING.WINDOW_TO, event.windowTo().atOffset(ZoneOffset.UTC))
                .set(HRS_TRAINING.SEED, event.seed())
                .set(HRS_TRAINING.CANDIDATES, event.candidates().stream().map(HrsCandidate::id).toArray(String[]::new))
                .set(HRS_TRAINING.ROWS_TOTAL, event.rows())
                .set(HRS_TRAINING.HALLUCINATED_ROWS, event.hallucinatedRows())
                .set(HRS_TRAINING.TRIGGER_KIND, event.trigger())
                .set(HRS_TRAINING.STARTED_BY, event.startedBy())
                .set(HRS_TRAINING.STARTED_AT, event.at().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    /** Only while running: a progress event redelivered after the end must not make a finished training look busy. */
    @EventHandler
    void on(HrsTrainingProgressed event) {
        dsl.update(HRS_TRAINING)
                .set(HRS_TRAINING.STAGE, event.stage())
                .set(HRS_TRAINING.STEP, event.step())
                .set(HRS_TRAINING.STEPS, event.steps())
                .set(HRS_TRAINING.DETAIL, event.detail())
                .where(HRS_TRAINING.TRAINING_ID.eq(event.trainingId().value())
                        .and(HRS_TRAINING.STATUS.eq(TrainingStatus.RUNNING.name())))
                .execute();
    }

    @EventHandler
    void on(HrsTrainingCompleted event) {
        dsl.update(HRS_TRAINING)
                .set(HRS_TRAINING.STATUS, TrainingStatus.COMPLETED.name())
                .set(HRS_TRAINING.MODEL_VERSION, event.modelVersion())
                .set(HRS_TRAINING.FINISHED_AT, event.at().atOffset(ZoneOffset.UTC))
                .where(HRS_TRAINING.TRAINING_ID.eq(event.trainingId().value()))
                .execute();
    }

    @EventHandler
    void on(HrsTrainingFailed event) {
        dsl.update(HRS_TRAINING)
                .set(HRS_TRAINING.STATUS, TrainingStatus.FAILED.name())
                .set(HRS_TRAINING.FAILURE, event.reason())
                .set(HRS_TRAINING.FINISHED_AT, event.at().atOffset(ZoneOffset.UTC))
                .where(HRS_TRAINING.TRAINING_ID.eq(event.trainingId().value()))
                .execute();
    }

    /** Another tenant's training answers empty, exactly like an unknown one. */
    @QueryHandler
    public Optional<HrsTrainingView> handle(FindHrsTraining query) {
        return dsl.selectFrom(HRS_TRAINING)
                .where(HRS_TRAINING.TRAINING_ID.eq(query.trainingId().value())
                        .and(HRS_TRAINING.TENANT_ID.eq(query.tenantId().value())))
                .fetchOptional(HrsTrainingProjection::toView);
    }

    @QueryHandler
    public HrsTrainingList handle(FetchHrsTrainings query) {
        return new HrsTrainingList(dsl.selectFrom(HRS_TRAINING)
                .where(HRS_TRAINING.TENANT_ID.eq(query.tenantId().value()))
                .orderBy(HRS_TRAINING.STARTED_AT.desc(), HRS_TRAINING.TRAINING_ID.desc())
                .fetch(HrsTrainingProjection::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(HRS_TRAINING).execute();
    }

    private static HrsTrainingView toView(HrsTrainingRecord row) {
        return new HrsTrainingView(row.getTrainingId(), row.getTenantId(), TrainingStatus.valueOf(row.getStatus()),
                row.getWindowFrom().toInstant(), row.getWindowTo().toInstant(), row.getSeed(),
                Arrays.stream(row.getCandidates()).map(id -> HrsCandidate.fromId(id, "candidates")).toList(),
                row.getRowsTotal(), row.getHallucinatedRows(), row.getTriggerKind(), row.getStartedBy(),
                row.getStartedAt().toInstant(), row.getStage(), row.getStep(), row.getSteps(), row.getDetail(),
                row.getModelVersion(), row.getFailure(),
                row.getFinishedAt() == null ? null : row.getFinishedAt().toInstant());
    }
}
