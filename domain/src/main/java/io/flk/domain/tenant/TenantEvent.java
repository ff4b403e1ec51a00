package io.flk.domain.tenant;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Everything that happens to a tenant. Each event is a complete fact with its actor and time. */
public sealed interface TenantEvent {

    TenantId tenantId();

    @Revision("1")
    record TenantRegistered(TenantId tenantId, TenantSettings settings, String actor, Instant at) implements TenantEvent {
    }

    @Revision("1")
    record TenantSettingsChanged(TenantId tenantId, TenantSettings before, TenantSettings after,
                                 String actor, Instant at) implements TenantEvent {
    }

    @Revision("1")
    record TenantSuspended(TenantId tenantId, String reason, String actor, Instant at) implements TenantEvent {
    }
}
