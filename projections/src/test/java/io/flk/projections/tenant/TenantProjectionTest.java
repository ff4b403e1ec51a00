package io.flk.projections.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.flk.db.testing.TestDatabase;
import io.flk.domain.tenant.TenantEvent.TenantRegistered;
import io.flk.domain.tenant.TenantEvent.TenantSettingsChanged;
import io.flk.domain.tenant.TenantEvent.TenantSuspended;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantSettings;
import io.flk.domain.tenant.TenantStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final TenantSettings DEFAULTS = new TenantSettings("Acme", Duration.ofHours(4), 0.05);
    private static final TenantSettings FASTER = new TenantSettings("Acme Corp", Duration.ofMinutes(30), 0.2);

    private final TenantProjection projection = new TenantProjection(TestDatabase.get().dsl());
    private final TenantId tenant = TenantId.of("p-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void showsTheLatestSettingsStatusAndVersion() {
        projection.on(new TenantRegistered(tenant, DEFAULTS, "operator", T0), 0);
        projection.on(new TenantSettingsChanged(tenant, DEFAULTS, FASTER, "operator", T0.plusSeconds(5)), 1);
        projection.on(new TenantSuspended(tenant, "unpaid", "operator", T0.plusSeconds(9)), 2);

        TenantView view = projection.handle(new FindTenant(tenant)).orElseThrow();

        assertThat(view.displayName()).isEqualTo("Acme Corp");
        assertThat(view.escalationSlaSeconds()).isEqualTo(1800);
        assertThat(view.reviewSampleRate()).isEqualTo(0.2);
        assertThat(view.status()).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(view.version()).isEqualTo(2);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void anOlderEventDeliveredAgainDoesNotUndoANewerOne() {
        projection.on(new TenantRegistered(tenant, DEFAULTS, "operator", T0), 0);
        TenantSettingsChanged change = new TenantSettingsChanged(tenant, DEFAULTS, FASTER, "operator", T0);
        projection.on(change, 1);
        projection.on(new TenantRegistered(tenant, DEFAULTS, "operator", T0), 0);
        projection.on(change, 1);

        TenantView view = projection.handle(new FindTenant(tenant)).orElseThrow();
        assertThat(view.displayName()).isEqualTo("Acme Corp");
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void anUnknownTenantIsNotFound() {
        assertThat(projection.handle(new FindTenant(tenant))).isEmpty();
    }
}
