package io.flk.projections.verification;

import static io.flk.db.Tables.MICRO_VOTE_ARTIFACT;

import io.flk.domain.verification.training.MicroVoteArtifact;
import io.flk.domain.verification.training.MicroVoteArtifacts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Trained micro-vote artifacts in PostgreSQL. Written inside the training command's transaction, so the
 * artifact exists exactly when its {@code MicroVoteModelTrained} event does.
 */
@Component
public class MicroVoteArtifactStore implements MicroVoteArtifacts {

    private final DSLContext dsl;

    public MicroVoteArtifactStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void save(MicroVoteArtifact artifact, Instant trainedAt) {
        dsl.insertInto(MICRO_VOTE_ARTIFACT)
                .set(MICRO_VOTE_ARTIFACT.MODEL_VERSION, artifact.version())
                .set(MICRO_VOTE_ARTIFACT.ARTIFACT, artifact.bytes())
                .set(MICRO_VOTE_ARTIFACT.ARTIFACT_SHA256, artifact.sha256())
                .set(MICRO_VOTE_ARTIFACT.TRAINED_AT, trainedAt.atOffset(ZoneOffset.UTC))
                .onConflict(MICRO_VOTE_ARTIFACT.MODEL_VERSION)
                .doUpdate()
                .set(MICRO_VOTE_ARTIFACT.ARTIFACT, artifact.bytes())
                .set(MICRO_VOTE_ARTIFACT.ARTIFACT_SHA256, artifact.sha256())
                .set(MICRO_VOTE_ARTIFACT.TRAINED_AT, trainedAt.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public Optional<MicroVoteArtifact> latest() {
        return dsl.selectFrom(MICRO_VOTE_ARTIFACT)
                .orderBy(MICRO_VOTE_ARTIFACT.TRAINED_AT.desc(), MICRO_VOTE_ARTIFACT.MODEL_VERSION)
                .limit(1)
                .fetchOptional(row -> new MicroVoteArtifact(row.getModelVersion(), row.getArtifact(),
                        row.getArtifactSha256()));
    }
}
