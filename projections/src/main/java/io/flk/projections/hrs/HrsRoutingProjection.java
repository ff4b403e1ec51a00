package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_ROUTING;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelQueries.FindHrsRouting;
import io.flk.domain.hrs.HrsModelQueries.HrsRoutingView;
import io.flk.domain.hrs.HrsRouting;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The HRS routing of each tenant, with the version its line reached by the change: the line's sequence numbers
 * count every one of its events from 0, so the version after the change is its sequence number plus one.
 */
@Component
@ProcessingGroup(HrsRoutingProjection.GROUP)
public class HrsRoutingProjection {

    public static final String GROUP = "hrs-routing";

    private final DSLContext dsl;
    private final JsonColumn json;

    public HrsRoutingProjection(DSLContext dsl, ObjectMapper objectMapper) {
        this.dsl = dsl;
        this.json = new JsonColumn(objectMapper);
    }

    /** Keeps the newest change: a redelivered older one does not bring an earlier routing back. */
    @EventHandler
    void on(HrsRoutingChanged event, @SequenceNumber long sequenceNumber) {
        long version = sequenceNumber + 1;
        var routing = json.write(event.after());
        dsl.insertInto(HRS_ROUTING)
                .set(HRS_ROUTING.TENANT_ID, event.tenantId().value())
                .set(HRS_ROUTING.ROUTING, routing)
                .set(HRS_ROUTING.CHANGED_BY, event.actor())
                .set(HRS_ROUTING.CAUSE, event.cause())
                .set(HRS_ROUTING.CHANGED_AT, event.at().atOffset(ZoneOffset.UTC))
                .set(HRS_ROUTING.VERSION, version)
                .onConflict(HRS_ROUTING.TENANT_ID)
                .doUpdate()
                .set(HRS_ROUTING.ROUTING, routing)
                .set(HRS_ROUTING.CHANGED_BY, event.actor())
                .set(HRS_ROUTING.CAUSE, event.cause())
                .set(HRS_ROUTING.CHANGED_AT, event.at().atOffset(ZoneOffset.UTC))
                .set(HRS_ROUTING.VERSION, version)
                .where(HRS_ROUTING.VERSION.lt(version))
                .execute();
    }

    /** A tenant whose line never changed its routing runs the bundled model alone, at version 0. */
    @QueryHandler
    public HrsRoutingView handle(FindHrsRouting query) {
        String tenantId = query.tenantId().value();
        return dsl.selectFrom(HRS_ROUTING)
                .where(HRS_ROUTING.TENANT_ID.eq(tenantId))
                .fetchOptional(row -> new HrsRoutingView(row.getTenantId(),
                        json.read(row.getRouting(), HrsRouting.class, "routing of " + row.getTenantId()),
                        row.getChangedBy(), row.getCause(), row.getChangedAt().toInstant(), row.getVersion()))
                .orElseGet(() -> new HrsRoutingView(tenantId, HrsRouting.bundledOnly(), null, null, null, 0));
    }

    @ResetHandler
    void reset() {
        dsl.truncate(HRS_ROUTING).execute();
    }
}
