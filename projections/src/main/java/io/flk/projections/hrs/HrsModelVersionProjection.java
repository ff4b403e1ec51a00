package io.flk.projections.hrs;

import static io.flk.db.Tables.HRS_MODEL_VERSION;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flk.db.tables.records.HrsModelVersionRecord;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelEvent.ModelArtifactRefused;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.HrsModelQueries.FetchHrsModelVersions;
import io.flk.domain.hrs.HrsModelQueries.FindHrsModelVersion;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionList;
import io.flk.domain.hrs.HrsModelQueries.HrsModelVersionView;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.RoutingRole;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Every registered HRS version of a tenant, with its place in the current routing and any refusal of its bytes. */
@Component
@ProcessingGroup(HrsModelVersionProjection.GROUP)
public class HrsModelVersionProjection {

    public static final String GROUP = "hrs-model-versions";

    private final DSLContext dsl;
    private final JsonColumn json;

    public HrsModelVersionProjection(DSLContext dsl, ObjectMapper objectMapper) {
        this.dsl = dsl;
        this.json = new JsonColumn(objectMapper);
    }

    @EventHandler
    void on(ModelVersionRegistered event) {
        dsl.insertInto(HRS_MODEL_VERSION)
                .set(HRS_MODEL_VERSION.TENANT_ID, event.tenantId().value())
                .set(HRS_MODEL_VERSION.MODEL_VERSION, event.model().modelVersion())
                .set(HRS_MODEL_VERSION.MODEL, json.write(event.model()))
                .set(HRS_MODEL_VERSION.REGISTERED_BY, event.registeredBy())
                .set(HRS_MODEL_VERSION.REGISTERED_AT, event.at().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ModelArtifactRefused event) {
        dsl.update(HRS_MODEL_VERSION)
                .set(HRS_MODEL_VERSION.REFUSAL, event.reason())
                .where(HRS_MODEL_VERSION.TENANT_ID.eq(event.tenantId().value())
                        .and(HRS_MODEL_VERSION.MODEL_VERSION.eq(event.modelVersion())))
                .execute();
    }

    /** Rewrites every version's role from the new routing, so that versions it no longer names lose theirs. */
    @EventHandler
    void on(HrsRoutingChanged event) {
        Map<String, String> roles = new HashMap<>();
        HrsRouting after = event.after();
        after.shadows().forEach(shadow -> roles.put(shadow, RoutingRole.SHADOW.name()));
        if (after.challenger() != null) {
            roles.put(after.challenger(), RoutingRole.CHALLENGER.name());
        }
        if (after.champion() != null) {
            roles.put(after.champion(), RoutingRole.CHAMPION.name());
        }
        Field<String> role = roles.isEmpty() ? DSL.inline((String) null)
                : DSL.case_(HRS_MODEL_VERSION.MODEL_VERSION).mapValues(roles).else_(DSL.inline((String) null));
        dsl.update(HRS_MODEL_VERSION)
                .set(HRS_MODEL_VERSION.ROLE, role)
                .where(HRS_MODEL_VERSION.TENANT_ID.eq(event.tenantId().value()))
                .execute();
    }

    @QueryHandler
    public HrsModelVersionList handle(FetchHrsModelVersions query) {
        return new HrsModelVersionList(dsl.selectFrom(HRS_MODEL_VERSION)
                .where(HRS_MODEL_VERSION.TENANT_ID.eq(query.tenantId().value()))
                .orderBy(HRS_MODEL_VERSION.REGISTERED_AT.desc(), HRS_MODEL_VERSION.MODEL_VERSION.desc())
                .fetch(this::toView));
    }

    @QueryHandler
    public Optional<HrsModelVersionView> handle(FindHrsModelVersion query) {
        return dsl.selectFrom(HRS_MODEL_VERSION)
                .where(HRS_MODEL_VERSION.TENANT_ID.eq(query.tenantId().value())
                        .and(HRS_MODEL_VERSION.MODEL_VERSION.eq(query.modelVersion())))
                .fetchOptional(this::toView);
    }

    @ResetHandler
    void reset() {
        dsl.truncate(HRS_MODEL_VERSION).execute();
    }

    private HrsModelVersionView toView(HrsModelVersionRecord row) {
        RegisteredModel model = json.read(row.getModel(), RegisteredModel.class,
                "model " + row.getTenantId() + "/" + row.getModelVersion());
        return new HrsModelVersionView(row.getTenantId(), model, row.getRegisteredBy(),
                row.getRegisteredAt().toInstant(), row.getRole() == null ? null : RoutingRole.valueOf(row.getRole()),
                row.getRefusal());
    }
}
