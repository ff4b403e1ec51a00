package io.flk.api.verification;

import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.EnsemblePolicyCanaryEvent;
import io.flk.domain.verification.EnsemblePolicyEvent;
import io.flk.domain.verification.PolicyId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Each tenant's live ensemble policy and its rollout canary, read from the policy aggregate's own events (never
 * from a lagging read model) and kept current by those events as this instance publishes them. Another
 * instance's changes arrive through the time-to-live: an entry older than it is read again from the event store.
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
            entry = entries.merge(tenantId, load(tenantId, now), Entry::newer);
        }
        return entry.policy();
    }

    @EventHandler
    void on(EnsemblePolicyEvent event, @SequenceNumber long sequence) {
        entries.merge(event.tenantId(), new Entry(LivePolicy.of(event), sequence, System.nanoTime()), Entry::newer);
    }

    /**
     * A canary event changes only part of the state, so it applies to the entry it directly follows; any other
     * entry is dropped and the next verification reads the stream again.
     */
    @EventHandler
    void on(EnsemblePolicyCanaryEvent event, @SequenceNumber long sequence) {
        entries.computeIfPresent(event.tenantId(), (tenant, entry) -> entry.sequence() == sequence - 1
                ? new Entry(entry.policy().after(event), sequence, System.nanoTime()) : null);
    }

    /**
     * From sequence number 0, so that a snapshot of the policy does not stand in for the events before it: the
     * snapshot is the aggregate, which this cache cannot read, and without them a tenant would be verified under
     * the built-in default.
     */
    private Entry load(TenantId tenantId, long now) {
        DomainEventStream events = eventStore.readEvents(PolicyId.of(tenantId).toString(), 0);
        LivePolicy latest = fallback;
        long sequence = -1;
        while (events.hasNext()) {
            DomainEventMessage<?> message = events.next();
            Object payload = message.getPayload();
            if (payload instanceof EnsemblePolicyEvent event) {
                latest = LivePolicy.of(event);
            } else if (payload instanceof EnsemblePolicyCanaryEvent event) {
                latest = latest.after(event);
            }
            sequence = message.getSequenceNumber();
        }
        return new Entry(latest, sequence, now);
    }

    /** @param sequence the last event of the policy's stream that the entry reflects, -1 for none */
    private record Entry(LivePolicy policy, long sequence, long loadedAt) {

        /** Never replaces an entry by an older one; a reload of the same one refreshes the clock. */
        Entry newer(Entry other) {
            return other.sequence >= sequence ? other : this;
        }
    }
}
