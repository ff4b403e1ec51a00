package io.flk.api.rollout.fleet;

import io.flk.api.tenant.TenantDirectory;
import io.flk.api.web.ApiProblem;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutQueries.ListRollouts;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetRolloutView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListActiveFleetRollouts;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.flk.domain.tenant.TenantStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The tenants a fleet rollout is for, checked before anything is recorded: each registered, active, and in no
 * other pending or running fleet rollout nor policy rollout. The check reads the read models; a rollout started
 * on a tenant a moment ago can slip through it, and is then refused by that tenant's lane when its wave is
 * released, which halts the fleet.
 */
@Component
class FleetTenants {

    private final TenantDirectory directory;
    private final QueryGateway queries;

    FleetTenants(TenantDirectory directory, QueryGateway queries) {
        this.directory = directory;
        this.queries = queries;
    }

    /** The tenants named, in their order, or every active tenant when none are named. */
    List<TenantId> resolve(List<String> named) {
        List<TenantId> tenants = named == null ? everyActiveTenant() : checked(named);
        Map<String, String> inFleets = tenantsInActiveFleetRollouts();
        for (int i = 0; i < tenants.size(); i++) {
            TenantId tenant = tenants.get(i);
            String field = named == null ? "tenants" : "tenants[" + i + "]";
            if (inFleets.containsKey(tenant.value())) {
                throw new ApiProblem(HttpStatus.CONFLICT, "rollout-in-progress", "fleet rollout "
                        + inFleets.get(tenant.value()) + " includes tenant " + tenant.value()
                        + " and has not ended; it must end before another fleet rollout includes the tenant", field);
            }
            requireNoPolicyRollout(tenant, field);
        }
        return tenants;
    }

    /** Fleet rollout ids by tenant, for the fleet rollouts pending approval or running. */
    private Map<String, String> tenantsInActiveFleetRollouts() {
        Map<String, String> fleets = new HashMap<>();
        queries.query(new ListActiveFleetRollouts(), ResponseTypes.multipleInstancesOf(FleetRolloutView.class)).join()
                .forEach(fleet -> fleet.tenants().forEach(tenant -> fleets.put(tenant, fleet.fleetRolloutId())));
        return fleets;
    }

    private List<TenantId> checked(List<String> named) {
        if (named.isEmpty()) {
            throw new InvalidValue("tenants", "name at least one tenant, or leave tenants out for every active tenant");
        }
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            String field = "tenants[" + i + "]";
            TenantId tenant;
            try {
                tenant = TenantId.of(named.get(i));
            } catch (InvalidValue invalid) {
                throw new InvalidValue(field, invalid.getMessage());
            }
            directory.requireActive(tenant, field);
            tenants.add(tenant);
        }
        return tenants;
    }

    private List<TenantId> everyActiveTenant() {
        List<TenantId> active = queries.query(new FetchTenants(), TenantList.class).join().tenants().stream()
                .filter(tenant -> tenant.status() == TenantStatus.ACTIVE)
                .map(tenant -> TenantId.of(tenant.tenantId()))
                .toList();
        if (active.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "no-active-tenants",
                    "No tenant is registered and active: there is nothing to roll out to", "tenants");
        }
        return active;
    }

    private void requireNoPolicyRollout(TenantId tenant, String field) {
        queries.query(new ListRollouts(tenant), ResponseTypes.multipleInstancesOf(RolloutView.class)).join().stream()
                .filter(rollout -> rollout.component() == RolloutComponent.ENSEMBLE_POLICY && rollout.status().active())
                .findFirst()
                .ifPresent(running -> {
                    throw new ApiProblem(HttpStatus.CONFLICT, "rollout-in-progress", "rollout "
                            + running.rolloutId() + " of tenant " + tenant.value() + " is " + running.status()
                            + "; it must end before a fleet rollout includes the tenant", field);
                });
    }
}
