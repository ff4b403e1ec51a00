package io.flk.api.budget;

import io.flk.domain.budget.BudgetEvent.BudgetHardCapLifted;
import io.flk.domain.budget.BudgetEvent.BudgetHardCapReached;
import io.flk.domain.budget.BudgetQueries.FindHardCapEnforcement;
import io.flk.domain.budget.BudgetQueries.HardCapEnforcement;
import io.flk.domain.budget.HardCapBehaviour;
import io.flk.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the verification hot path asks before verifying: is the tenant's hard cap in force, and how must its
 * verifications behave. Answers from the budget read model, cached per tenant for {@code flk.budget.gate-ttl}
 * so that the hot path does not query per request; this instance drops a tenant's entry as soon as it sees the
 * cap reached or lifted, other instances within the TTL.
 */
@Component
@ProcessingGroup(BudgetGate.GROUP)
public class BudgetGate {

    public static final String GROUP = "budget-gate";

    private record Entry(Optional<HardCapBehaviour> behaviour, Instant expiresAt) {
    }

    private final QueryGateway queries;
    private final Clock clock;
    private final Duration ttl;
    private final Map<TenantId, Entry> cache = new ConcurrentHashMap<>();

    public BudgetGate(QueryGateway queries, Clock clock, @Value("${flk.budget.gate-ttl:PT2S}") Duration ttl) {
        this.queries = queries;
        this.clock = clock;
        this.ttl = ttl;
    }

    public Optional<HardCapBehaviour> hardCapFor(TenantId tenantId) {
        Instant now = clock.instant();
        Entry entry = cache.get(tenantId);
        if (entry == null || !now.isBefore(entry.expiresAt())) {
            entry = new Entry(queries.query(new FindHardCapEnforcement(tenantId),
                            ResponseTypes.optionalInstanceOf(HardCapEnforcement.class)).join()
                    .map(HardCapEnforcement::behaviour), now.plus(ttl));
            cache.put(tenantId, entry);
        }
        return entry.behaviour();
    }

    @EventHandler
    @DisallowReplay
    void on(BudgetHardCapReached event) {
        cache.remove(event.tenantId());
    }

    @EventHandler
    @DisallowReplay
    void on(BudgetHardCapLifted event) {
        cache.remove(event.tenantId());
    }
}
