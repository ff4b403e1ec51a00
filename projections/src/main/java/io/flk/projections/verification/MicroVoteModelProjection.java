package io.flk.projections.verification;

import static io.flk.db.Tables.MICRO_VOTE_TRAINING;

import io.flk.db.tables.records.MicroVoteTrainingRecord;
import io.flk.domain.verification.MicroVoteModelEvent.MicroVoteModelTrained;
import io.flk.domain.verification.MicroVoteModelQueries.FetchMicroVoteModels;
import io.flk.domain.verification.MicroVoteModelQueries.MicroVoteModelHistory;
import io.flk.domain.verification.MicroVoteModelQueries.MicroVoteModelView;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Every micro-vote training, for operators and auditors; the artifacts themselves are not a projection. */
@Component
@ProcessingGroup(MicroVoteModelProjection.GROUP)
public class MicroVoteModelProjection {

    public static final String GROUP = "micro-vote-models";

    private final DSLContext dsl;

    public MicroVoteModelProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(MicroVoteModelTrained event, EventMessage<?> message) {
        dsl.insertInto(MICRO_VOTE_TRAINING)
                .set(MICRO_VOTE_TRAINING.EVENT_ID, message.getIdentifier())
                .set(MICRO_VOTE_TRAINING.MODEL_VERSION, event.modelVersion())
                .set(MICRO_VOTE_TRAINING.ROWS_TOTAL, event.rows())
                .set(MICRO_VOTE_TRAINING.HALLUCINATED_ROWS, event.hallucinatedRows())
                .set(MICRO_VOTE_TRAINING.HOLDOUT_ROWS, event.holdoutRows())
                .set(MICRO_VOTE_TRAINING.HOLDOUT_AUC, event.holdoutAuc())
                .set(MICRO_VOTE_TRAINING.HOLDOUT_ACCURACY, event.holdoutAccuracy())
                .set(MICRO_VOTE_TRAINING.SEED, event.seed())
                .set(MICRO_VOTE_TRAINING.ARTIFACT_SHA256, event.artifactSha256())
                .set(MICRO_VOTE_TRAINING.TRAINED_BY, event.trainedBy())
                .set(MICRO_VOTE_TRAINING.TRAINED_AT, event.at().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @QueryHandler
    public MicroVoteModelHistory handle(FetchMicroVoteModels query) {
        return new MicroVoteModelHistory(dsl.selectFrom(MICRO_VOTE_TRAINING)
                .orderBy(MICRO_VOTE_TRAINING.TRAINED_AT.desc(), MICRO_VOTE_TRAINING.EVENT_ID)
                .fetch(MicroVoteModelProjection::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(MICRO_VOTE_TRAINING).execute();
    }

    private static MicroVoteModelView toView(MicroVoteTrainingRecord row) {
        return new MicroVoteModelView(row.getModelVersion(), row.getRowsTotal(), row.getHallucinatedRows(),
                row.getHoldoutRows(), row.getHoldoutAuc(), row.getHoldoutAccuracy(), row.getSeed(),
                row.getArtifactSha256(), row.getTrainedBy(), row.getTrainedAt().toInstant());
    }
}
