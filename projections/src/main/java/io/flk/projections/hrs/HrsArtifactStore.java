package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_MODEL_ARTIFACT;

import io.flk.domain.hrs.HrsArtifacts;
import io.flk.domain.tenant.TenantId;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * HRS artifacts in PostgreSQL, written once (a trigger refuses any change) on the connection of the caller's
 * transaction, so that an artifact exists exactly when its {@code ModelVersionRegistered} event does. Saving a
 * version twice fails on the key instead of replacing bytes whose hash is already in the event log.
 */
@Component
public class HrsArtifactStore implements HrsArtifacts {

    private final DSLContext dsl;

    public HrsArtifactStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void save(TenantId tenantId, StoredArtifact artifact) {
        dsl.insertInto(HRS_MODEL_ARTIFACT)
                .set(HRS_MODEL_ARTIFACT.TENANT_ID, tenantId.value())
                .set(HRS_MODEL_ARTIFACT.MODEL_VERSION, artifact.modelVersion())
                .set(HRS_MODEL_ARTIFACT.SHA256, artifact.sha256())
                .set(HRS_MODEL_ARTIFACT.SIGNATURE, artifact.signature())
                .set(HRS_MODEL_ARTIFACT.SIGNING_KEY_ID, artifact.signingKeyId())
                .set(HRS_MODEL_ARTIFACT.BYTES, artifact.bytes())
                .execute();
    }

    @Override
    public Optional<StoredArtifact> find(TenantId tenantId, String modelVersion) {
        return dsl.selectFrom(HRS_MODEL_ARTIFACT)
                .where(HRS_MODEL_ARTIFACT.TENANT_ID.eq(tenantId.value())
                        .and(HRS_MODEL_ARTIFACT.MODEL_VERSION.eq(modelVersion)))
                .fetchOptional(row -> new StoredArtifact(row.getModelVersion(), row.getBytes(), row.getSha256(),
                        row.getSignature(), row.getSigningKeyId()));
    }
}
