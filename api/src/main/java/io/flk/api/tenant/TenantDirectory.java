package io.flk.api.tenant;

import io.flk.api.security.FlkPrincipal;
import io.flk.api.web.ApiProblem;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FindTenant;
import io.flk.domain.tenant.TenantQueries.TenantView;
import io.flk.domain.tenant.TenantStatus;
import io.flk.domain.tenant.TenantEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tenant scope and existence checks shared by every tenant-scoped endpoint. Active tenants are cached:
 * the hot path checks its tenant on every request. Tenant events this instance publishes evict the entry
 * at once; another instance's suspension takes effect within the time-to-live.
 */
@Component
@ProcessingGroup(TenantDirectory.GROUP)
public class TenantDirectory {

    public static final String GROUP = "tenant-directory";
    private static final long TIME_TO_LIVE_NANOS = Duration.ofSeconds(10).toNanos();

    private final QueryGateway queries;
    private final Map<TenantId, Cached> active = new ConcurrentHashMap<>();

    public TenantDirectory(QueryGateway queries) {
        this.queries = queries;
    }

    @EventHandler
    void on(TenantEvent event) {
        active.remove(event.tenantId());
    }

    /** The tenant named in {@code field}, if the caller may act for it; 403 otherwise. */
    public TenantId visibleTo(FlkPrincipal caller, String tenantId, String field) {
        TenantId id = TenantId.of(tenantId);
        if (!caller.mayAccess(id)) {
            throw ApiProblem.forbidden("You may not access tenant " + tenantId, field);
        }
        return id;
    }

    /** The tenant named in {@code field}, if the caller may act for it and it is registered and active. */
    public TenantId activeFor(FlkPrincipal caller, String tenantId, String field) {
        TenantId id = visibleTo(caller, tenantId, field);
        requireActive(id, field);
        return id;
    }

    /** The registered, active tenant; 422 when unknown, 409 when suspended. */
    public TenantView requireActive(TenantId tenantId, String field) {
        Cached cached = active.get(tenantId);
        if (cached != null && System.nanoTime() - cached.loadedAt() < TIME_TO_LIVE_NANOS) {
            return cached.tenant();
        }
        long loadedAt = System.nanoTime();
        TenantView tenant = queries.query(new FindTenant(tenantId), ResponseTypes.optionalInstanceOf(TenantView.class))
                .join()
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-tenant",
                        "Tenant " + tenantId.value() + " is not registered", field));
        if (tenant.status() == TenantStatus.SUSPENDED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "tenant-suspended",
                    "Tenant " + tenantId.value() + " is suspended", field);
        }
        active.put(tenantId, new Cached(tenant, loadedAt));
        return tenant;
    }

    private record Cached(TenantView tenant, long loadedAt) {
    }
}
