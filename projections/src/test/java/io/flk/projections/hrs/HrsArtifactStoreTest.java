package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_MODEL_ARTIFACT;
import static io.flk.projections.hrs.HrsFixtures.freshTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.hrs.HrsArtifacts.StoredArtifact;
import io.flk.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class HrsArtifactStoreTest {

    private final DSLContext dsl = TestDatabase.get().dsl();
    private final HrsArtifactStore store = new HrsArtifactStore(dsl);
    private final TenantId tenant = freshTenant();

    @Test
    void storedBytesComeBackWithTheirHashAndSignatureForTheirTenantOnly() {
        byte[] bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        store.save(tenant, artifact("hrs-1", bytes));

        StoredArtifact found = store.find(tenant, "hrs-1").orElseThrow();
        assertThat(found.bytes()).isEqualTo(bytes);
        assertThat(found.sha256()).isEqualTo("a".repeat(64));
        assertThat(found.signature()).isEqualTo("c2lnbmF0dXJl");
        assertThat(found.signingKeyId()).isEqualTo("b".repeat(64));
        assertThat(store.find(tenant, "hrs-2")).isEmpty();
        assertThat(store.find(freshTenant(), "hrs-1")).isEmpty();
    }

    @Test
    void aStoredArtifactCanBeNeitherChangedNorDeleted() {
        store.save(tenant, artifact("hrs-1", new byte[] {1, 2, 3}));
        var ofTenant = HRS_MODEL_ARTIFACT.TENANT_ID.eq(tenant.value());

        assertThatThrownBy(() -> dsl.update(HRS_MODEL_ARTIFACT).set(HRS_MODEL_ARTIFACT.BYTES, new byte[] {9})
                .where(ofTenant).execute()).hasMessageContaining("write-once");
        assertThatThrownBy(() -> dsl.deleteFrom(HRS_MODEL_ARTIFACT).where(ofTenant).execute())
                .hasMessageContaining("write-once");
        assertThatThrownBy(() -> dsl.truncate(HRS_MODEL_ARTIFACT).execute()).hasMessageContaining("write-once");
        assertThat(store.find(tenant, "hrs-1").orElseThrow().bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void savingAVersionAgainIsRefusedInsteadOfReplacingItsBytes() {
        store.save(tenant, artifact("hrs-1", new byte[] {1}));

        assertThatThrownBy(() -> store.save(tenant, artifact("hrs-1", new byte[] {2})))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("hrs_model_artifact_pk");
        assertThat(store.find(tenant, "hrs-1").orElseThrow().bytes()).containsExactly(1);
    }

    @Test
    void anArtifactSavedInATransactionThatRollsBackIsNotStored() throws SQLException {
        try (Connection connection = TestDatabase.get().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            HrsArtifactStore inTransaction = new HrsArtifactStore(DSL.using(connection, SQLDialect.POSTGRES));
            inTransaction.save(tenant, artifact("hrs-1", new byte[] {1}));
            assertThat(inTransaction.find(tenant, "hrs-1")).isPresent();
            connection.rollback();
            connection.setAutoCommit(true);
        }

        assertThat(store.find(tenant, "hrs-1")).isEmpty();
    }

    private static StoredArtifact artifact(String version, byte[] bytes) {
        return new StoredArtifact(version, bytes, "a".repeat(64), "c2lnbmF0dXJl", "b".repeat(64));
    }
}
