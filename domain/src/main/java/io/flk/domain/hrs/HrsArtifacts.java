package io.flk.domain.hrs;

import io.flk.domain.tenant.TenantId;
import java.util.Optional;

/** Where HRS artifacts live (PostgreSQL): written once with their registration, never changed. */
public interface HrsArtifacts {

    /** Joins the caller's transaction, so that the artifact and its registration commit together. */
    void save(TenantId tenantId, StoredArtifact artifact);

    Optional<StoredArtifact> find(TenantId tenantId, String modelVersion);

    record StoredArtifact(String modelVersion, byte[] bytes, String sha256, String signature, String signingKeyId) {

        public StoredArtifact {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }
}
