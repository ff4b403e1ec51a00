package io.flk.projections.tenant;

import static io.flk.db.Tables.TENANT;

import io.flk.db.tables.records.TenantRecord;
import io.flk.domain.tenant.TenantEvent.TenantRegistered;
import io.flk.domain.tenant.TenantEvent.TenantSettingsChanged;
import io.flk.domain.tenant.TenantEvent.TenantSuspended;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantSettings;
import io.flk.domain.tenant.TenantStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The tenant directory: one row per tenant with its current settings and status. */
@Component
@ProcessingGroup(TenantProjection.GROUP)
public class TenantProjection {

    public static final String GROUP = "tenants";

    private final DSLContext dsl;

    public TenantProjection(DSLContext dsl) {
        this.dsl = dsl;
    }

    @EventHandler
    void on(TenantRegistered event, @SequenceNumber long version) {
        TenantSettings settings = event.settings();
        dsl.insertInto(TENANT)
                .set(TENANT.TENANT_ID, event.tenantId().value())
                .set(TENANT.DISPLAY_NAME, settings.displayName())
                .set(TENANT.ESCALATION_SLA_SECONDS, settings.escalationSla().toSeconds())
                .set(TENANT.REVIEW_SAMPLE_RATE, settings.reviewSampleRate())
                .set(TENANT.STATUS, TenantStatus.ACTIVE.name())
                .set(TENANT.REGISTERED_AT, utc(event.at()))
                .set(TENANT.UPDATED_AT, utc(event.at()))
                .set(TENANT.VERSION, version)
                .onConflict(TENANT.TENANT_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(TenantSettingsChanged event, @SequenceNumber long version) {
        TenantSettings after = event.after();
        dsl.update(TENANT)
                .set(TENANT.DISPLAY_NAME, after.displayName())
                .set(TENANT.ESCALATION_SLA_SECONDS, after.escalationSla().toSeconds())
                .set(TENANT.REVIEW_SAMPLE_RATE, after.reviewSampleRate())
                .set(TENANT.UPDATED_AT, utc(event.at()))
                .set(TENANT.VERSION, version)
                .where(TENANT.TENANT_ID.eq(event.tenantId().value()).and(TENANT.VERSION.lt(version)))
                .execute();
    }

    @EventHandler
    void on(TenantSuspended event, @SequenceNumber long version) {
        dsl.update(TENANT)
                .set(TENANT.STATUS, TenantStatus.SUSPENDED.name())
                .set(TENANT.UPDATED_AT, utc(event.at()))
                .set(TENANT.VERSION, version)
                .where(TENANT.TENANT_ID.eq(event.tenantId().value()).and(TENANT.VERSION.lt(version)))
                .execute();
    }

    @QueryHandler
    public Optional<TenantView> handle(FindTenant query) {
        return dsl.selectFrom(TENANT).where(TENANT.TENANT_ID.eq(query.tenantId().value()))
                .fetchOptional(TenantProjection::toView);
    }

    @QueryHandler
    public TenantList handle(FetchTenants query) {
        return new TenantList(dsl.selectFrom(TENANT).orderBy(TENANT.TENANT_ID).fetch(TenantProjection::toView));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(TENANT).execute();
    }

    private static TenantView toView(TenantRecord row) {
        return new TenantView(row.getTenantId(), row.getDisplayName(), row.getEscalationSlaSeconds(),
                row.getReviewSampleRate(), TenantStatus.valueOf(row.getStatus()), row.getRegisteredAt().toInstant(),
                row.getUpdatedAt().toInstant(), row.getVersion());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
