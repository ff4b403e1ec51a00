package io.flk.api.verification;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyEvent;
import io.flk.domain.verification.PolicyId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Each tenant's live ensemble policy, read from the policy aggregate's own events (never from a lagging
 * read model) and kept current by those events as this instance publishes them. Another instance's
 * changes arrive through the time-to-live: an entry older than it is read again from the event store.
 */
@ProcessingGroup(PolicyCache.GROUP)
public class PolicyCache {

    public static final String GROUP = "policy-cache";

    private final EventStore eventStore;
    private final LivePolicy fallback;
    private final long timeToLiveNanos;
    private final Map<TenantId, Entry> entries = new ConcurrentHashMap<>();

    public PolicyCache(EventStore eventStore, LivePolicy fallback, Duration timeToLive) {
        this.eventStore = eventStore;
        this.fallback = fallback;
        this.timeToLiveNanos = timeToLive.toNanos();
    }

    public LivePolicy current(TenantId tenantId) {
        long now = System.nanoTime();
        Entry entry = entries.get(tenantId);
        if (entry == null || now - entry.loadedAt() > timeToLiveNanos) {
            entry = entries.merge(tenantId, new Entry(load(tenantId), now), Entry::newer);
        }
        return entry.policy();
    }

    @EventHandler
    void on(EnsemblePolicyEvent event) {
        entries.merge(event.tenantId(), new Entry(new LivePolicy(event.policyVersion(), event.policy()), System.nanoTime()),
                Entry::newer);
    }

    private LivePolicy load(TenantId tenantId) {
        DomainEventStream events = eventStore.readEvents(PolicyId.of(tenantId).toString());
        LivePolicy latest = fallback;
        while (events.hasNext()) {
            if (events.next().getPayload() instanceof EnsemblePolicyEvent event) {
                latest = new LivePolicy(event.policyVersion(), event.policy());
            }
        }
        return latest;
    }

    private record Entry(LivePolicy policy, long loadedAt) {

        /** Never replaces a policy version by an older one; a reload of the same version refreshes the clock. */
        Entry newer(Entry other) {
            return other.policy.policyVersion() >= policy.policyVersion() ? other : this;
        }
    }
}
