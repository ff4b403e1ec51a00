package io.flk.api.hrs;

import io.flk.domain.hrs.HrsArtifacts;
import io.flk.domain.hrs.HrsArtifacts.StoredArtifact;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.RecordArtifactRefused;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.training.HrsArtifact;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.HrsModel;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered HRS versions as servable models. Each is loaded once per instance and checked on that load: its
 * bytes must hash to the SHA-256 the registration event recorded (the event log, not the artifact table, is the
 * authority), the signature must verify with a trusted key, and the bytes must read as an HRS artifact. A refused
 * artifact is never served and its refusal is recorded as an event.
 */
public class HrsModelCache {

    private static final Logger log = LoggerFactory.getLogger(HrsModelCache.class);

    private final EventStore eventStore;
    private final HrsArtifacts artifacts;
    private final HrsSigning signing;
    private final CommandGateway commands;
    private final HrsMetrics metrics;
    private final Clock clock;
    private final String instance;
    private final Map<Key, Loaded> loaded = new ConcurrentHashMap<>();

    public HrsModelCache(EventStore eventStore, HrsArtifacts artifacts, HrsSigning signing, CommandGateway commands,
                         HrsMetrics metrics, Clock clock, String instance) {
        this.eventStore = eventStore;
        this.artifacts = artifacts;
        this.signing = signing;
        this.commands = commands;
        this.metrics = metrics;
        this.clock = clock;
        this.instance = instance;
    }

    /** The model, or empty when the version is not registered for this tenant or its artifact was refused. */
    public Optional<HrsModel> model(TenantId tenantId, String modelVersion) {
        return Optional.ofNullable(resolve(new Key(tenantId, modelVersion)).model());
    }

    /** Why the version cannot be served, or empty when it can. */
    public Optional<String> refusal(TenantId tenantId, String modelVersion) {
        return Optional.ofNullable(resolve(new Key(tenantId, modelVersion)).refusal());
    }

    /**
     * Loaded models and refused artifacts are kept (artifacts never change); an unregistered version is looked up
     * again next time, since it may be registered meanwhile. Two threads may load the same version at once: the
     * line records a refusal once however often it is reported.
     */
    private Loaded resolve(Key key) {
        Loaded known = loaded.get(key);
        if (known != null) {
            return known;
        }
        Loaded result = load(key);
        if (result.registered()) {
            loaded.putIfAbsent(key, result);
        }
        return result;
    }

    private Loaded load(Key key) {
        Optional<RegisteredModel> registered = registration(key);
        if (registered.isEmpty()) {
            return new Loaded(null, "version " + key.version() + " is not registered for tenant "
                    + key.tenantId().value(), false);
        }
        Optional<StoredArtifact> stored = artifacts.find(key.tenantId(), key.version());
        if (stored.isEmpty()) {
            return refused(key, "its artifact is missing from the artifact store");
        }
        byte[] bytes = stored.get().bytes();
        String computed = HrsArtifact.sha256(bytes);
        if (!computed.equals(registered.get().artifactSha256())) {
            return refused(key, "its bytes hash to " + computed + ", not to the registered "
                    + registered.get().artifactSha256());
        }
        if (!signing.verifies(key.tenantId(), key.version(), registered.get().artifactSha256(),
                registered.get().signature(), registered.get().signingKeyId())) {
            return refused(key, "its Ed25519 signature does not verify with trusted key "
                    + registered.get().signingKeyId());
        }
        try {
            return new Loaded(HrsArtifact.read(bytes), null, true);
        } catch (HrsArtifact.Unreadable unreadable) {
            return refused(key, "its bytes cannot be read: " + unreadable.getMessage());
        }
    }

    /** From sequence number 0: read plainly, the stream starts at the line's latest snapshot and hides its events. */
    private Optional<RegisteredModel> registration(Key key) {
        DomainEventStream events = eventStore.readEvents(HrsLineId.of(key.tenantId()).toString(), 0);
        while (events.hasNext()) {
            if (events.next().getPayload() instanceof ModelVersionRegistered registered
                    && registered.model().modelVersion().equals(key.version())) {
                return Optional.of(registered.model());
            }
        }
        return Optional.empty();
    }

    private Loaded refused(Key key, String reason) {
        log.error("HRS artifact {} of tenant {} is refused: {}", key.version(), key.tenantId().value(), reason);
        metrics.artifactRefused(key.tenantId());
        commands.send(new RecordArtifactRefused(HrsLineId.of(key.tenantId()), key.version(), reason, instance,
                clock.instant())).exceptionally(failed -> {
                    log.error("Could not record the refusal of HRS artifact {}", key.version(), failed);
                    return null;
                });
        return new Loaded(null, reason, true);
    }

    private record Key(TenantId tenantId, String version) {
    }

    private record Loaded(HrsModel model, String refusal, boolean registered) {
    }
}
