package io.flk.commands.tenant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.tenant.TenantCommands.ChangeTenantSettings;
import io.flk.domain.tenant.TenantCommands.RegisterTenant;
import io.flk.domain.tenant.TenantCommands.SuspendTenant;
import io.flk.domain.tenant.TenantEvent.TenantRegistered;
import io.flk.domain.tenant.TenantEvent.TenantSettingsChanged;
import io.flk.domain.tenant.TenantEvent.TenantSuspended;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantSettings;
import io.flk.domain.tenant.TenantStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant of the platform: its settings and whether it may use the service. Handlers return the new version.
 * Lives as long as the tenant, so it is snapshotted; its fields are the snapshot's JSON, hence the revision.
 */
@Aggregate(snapshotTriggerDefinition = Tenant.SNAPSHOTS)
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Tenant {

    /** The snapshot trigger bean, defined with the application's Axon configuration. */
    public static final String SNAPSHOTS = "longLivedAggregateSnapshots";

    @AggregateIdentifier
    private TenantId tenantId;
    private TenantSettings settings;
    private TenantStatus status;

    protected Tenant() {
    }

    @CommandHandler
    public Tenant(RegisterTenant command) {
        apply(new TenantRegistered(command.tenantId(), command.settings(), command.actor(), command.at()));
    }

    @CommandHandler
    public long handle(ChangeTenantSettings command) {
        requireActive();
        if (!settings.equals(command.settings())) {
            apply(new TenantSettingsChanged(tenantId, settings, command.settings(), command.actor(), command.at()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(SuspendTenant command) {
        if (status == TenantStatus.SUSPENDED) {
            throw new BusinessRuleViolation("tenant-suspended", "tenant " + tenantId.value() + " is already suspended");
        }
        apply(new TenantSuspended(tenantId, command.reason(), command.actor(), command.at()));
        return getVersion();
    }

    private void requireActive() {
        if (status == TenantStatus.SUSPENDED) {
            throw new BusinessRuleViolation("tenant-suspended", "tenant " + tenantId.value() + " is suspended");
        }
    }

    @EventSourcingHandler
    void on(TenantRegistered event) {
        tenantId = event.tenantId();
        settings = event.settings();
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantSettingsChanged event) {
        settings = event.after();
    }

    @EventSourcingHandler
    void on(TenantSuspended event) {
        status = TenantStatus.SUSPENDED;
    }
}
