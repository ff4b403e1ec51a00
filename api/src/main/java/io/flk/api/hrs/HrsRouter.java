package io.flk.api.hrs;

import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.HrsModel;
import io.flk.domain.verification.HrsModelRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Each tenant's HRS routing, read from the model line's own events (never from a lagging read model) and kept
 * current by those events as this instance publishes them; another instance's changes arrive within the
 * time-to-live. A version that cannot be served (its artifact refused) gives way: a challenger to the champion,
 * a champion to the bundled model, a shadow to nothing.
 */
@ProcessingGroup(HrsRouter.GROUP)
public class HrsRouter implements HrsModelRegistry {

    public static final String GROUP = "hrs-routing-cache";

    private final EventStore eventStore;
    private final HrsModelCache models;
    private final HrsModel bundled;
    private final long timeToLiveNanos;
    private final Map<TenantId, Entry> entries = new ConcurrentHashMap<>();

    public HrsRouter(EventStore eventStore, HrsModelCache models, HrsModel bundled, Duration timeToLive) {
        this.eventStore = eventStore;
        this.models = models;
        this.bundled = bundled;
        this.timeToLiveNanos = timeToLive.toNanos();
    }

    public HrsRouting routing(TenantId tenantId) {
        long now = System.nanoTime();
        Entry entry = entries.get(tenantId);
        if (entry == null || now - entry.loadedAt() > timeToLiveNanos) {
            entry = entries.merge(tenantId, load(tenantId, now), Entry::newer);
        }
        return entry.routing();
    }

    /**
     * Loads the models the tenant's routing names, so that a strategy thread does not pay for reading and
     * checking an artifact within its timeout.
     */
    public void prepare(TenantId tenantId) {
        routing(tenantId).versions().forEach(version -> models.model(tenantId, version));
    }

    @Override
    public HrsModel modelFor(TenantId tenantId, String taskId, String pinnedVersion) {
        if (pinnedVersion != null && pinnedVersion.equals(bundled.version())) {
            return bundled;
        }
        if (pinnedVersion != null) {
            return models.model(tenantId, pinnedVersion).orElseThrow(() -> new IllegalStateException(
                    "pinned HRS version " + pinnedVersion + " cannot be served"));
        }
        HrsRouting routing = routing(tenantId);
        return servable(tenantId, routing.decidingVersion(tenantId, taskId))
                .or(() -> servable(tenantId, routing.champion()))
                .orElse(bundled);
    }

    /** Risk of every servable shadow version, by version; shadows never decide. */
    public Map<String, Double> shadowRisks(TenantId tenantId, Map<String, Double> features) {
        Map<String, Double> risks = new TreeMap<>();
        for (String shadow : routing(tenantId).shadows()) {
            servable(tenantId, shadow).ifPresent(model ->
                    risks.put(shadow, Math.min(1, Math.max(0, model.risk(features)))));
        }
        return risks;
    }

    /** Why an operator may not pin this version for the tenant, or empty when they may. */
    public Optional<String> refusalToPin(TenantId tenantId, String version) {
        return bundled.version().equals(version) ? Optional.empty() : models.refusal(tenantId, version);
    }

    @EventHandler
    void on(HrsRoutingChanged event, @SequenceNumber long sequence) {
        entries.merge(event.tenantId(), new Entry(event.after(), sequence, System.nanoTime()), Entry::newer);
    }

    private Optional<HrsModel> servable(TenantId tenantId, String version) {
        return version == null ? Optional.empty() : models.model(tenantId, version);
    }

    /** From sequence number 0: read plainly, the stream starts at the line's latest snapshot and hides its events. */
    private Entry load(TenantId tenantId, long now) {
        DomainEventStream events = eventStore.readEvents(HrsLineId.of(tenantId).toString(), 0);
        Entry latest = new Entry(HrsRouting.bundledOnly(), -1, now);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof HrsRoutingChanged changed) {
                latest = new Entry(changed.after(), event.getSequenceNumber(), now);
            }
        }
        return latest;
    }

    private record Entry(HrsRouting routing, long sequence, long loadedAt) {

        /** Never replaces a routing by an older one; a reload of the same one refreshes the clock. */
        Entry newer(Entry other) {
            return other.sequence >= sequence ? other : this;
        }
    }
}
