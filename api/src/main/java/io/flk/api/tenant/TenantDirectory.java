package io.flk.api.tenant;

import io.flk.api.security.FlkPrincipal;
import io.flk.api.web.ApiProblem;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Tenant scope and existence checks shared by every tenant-scoped endpoint. */
@Component
public class TenantDirectory {

    private final QueryGateway queries;

    public TenantDirectory(QueryGateway queries) {
        this.queries = queries;
    }

    /** The tenant named in {@code field}, if the caller may act for it; 403 otherwise. */
    public TenantId visibleTo(FlkPrincipal caller, String tenantId, String field) {
        TenantId id = TenantId.of(tenantId);
        if (!caller.mayAccess(id)) {
            throw ApiProblem.forbidden("You may not access tenant " + tenantId, field);
        }
        return id;
    }

    /** The registered, active tenant; 422 when unknown, 409 when suspended. */
    public TenantView requireActive(TenantId tenantId, String field) {
        TenantView tenant = queries.query(new FindTenant(tenantId), ResponseTypes.optionalInstanceOf(TenantView.class))
                .join()
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-tenant",
                        "Tenant " + tenantId.value() + " is not registered", field));
        if (tenant.status() == TenantStatus.SUSPENDED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "tenant-suspended",
                    "Tenant " + tenantId.value() + " is suspended", field);
        }
        return tenant;
    }
}
