package io.flk.domain.tenant;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commands of the {@code Tenant} aggregate. Time and actor come from the caller, never from a clock inside. */
public final class TenantCommands {

    private TenantCommands() {
    }

    public record RegisterTenant(@TargetAggregateIdentifier TenantId tenantId, TenantSettings settings,
                                 String actor, Instant at) {
    }

    public record ChangeTenantSettings(@TargetAggregateIdentifier TenantId tenantId, TenantSettings settings,
                                       @TargetAggregateVersion Long expectedVersion, String actor, Instant at) {
    }

    public record SuspendTenant(@TargetAggregateIdentifier TenantId tenantId, String reason,
                                @TargetAggregateVersion Long expectedVersion, String actor, Instant at) {
    }
}
