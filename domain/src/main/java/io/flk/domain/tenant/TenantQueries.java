package io.flk.domain.tenant;

import java.time.Instant;
import java.util.List;

public final class TenantQueries {

    private TenantQueries() {
    }

    public record FindTenant(TenantId tenantId) {
    }

    public record FetchTenants() {
    }

    public record TenantView(String tenantId, String displayName, long escalationSlaSeconds,
                             double reviewSampleRate, TenantStatus status, Instant registeredAt,
                             Instant updatedAt, long version) {
    }

    public record TenantList(List<TenantView> tenants) {
    }
}
