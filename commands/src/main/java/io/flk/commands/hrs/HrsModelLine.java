package io.flk.commands.hrs;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.commands.tenant.Tenant;
import io.flk.domain.hrs.EligibilityGates;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.ApprovePromotion;
import io.flk.domain.hrs.HrsModelCommands.PromoteCanary;
import io.flk.domain.hrs.HrsModelCommands.RecordArtifactRefused;
import io.flk.domain.hrs.HrsModelCommands.RegisterModelVersion;
import io.flk.domain.hrs.HrsModelCommands.RejectPromotion;
import io.flk.domain.hrs.HrsModelCommands.RequestPromotion;
import io.flk.domain.hrs.HrsModelCommands.RollbackToLastGood;
import io.flk.domain.hrs.HrsModelCommands.RouteCanary;
import io.flk.domain.hrs.HrsModelCommands.WithdrawCanary;
import io.flk.domain.hrs.HrsModelEvent.HrsRoutingChanged;
import io.flk.domain.hrs.HrsModelEvent.ModelArtifactRefused;
import io.flk.domain.hrs.HrsModelEvent.ModelVersionRegistered;
import io.flk.domain.hrs.HrsModelEvent.PromotionApproved;
import io.flk.domain.hrs.HrsModelEvent.PromotionExpired;
import io.flk.domain.hrs.HrsModelEvent.PromotionRefused;
import io.flk.domain.hrs.HrsModelEvent.PromotionRejected;
import io.flk.domain.hrs.HrsModelEvent.PromotionRequested;
import io.flk.domain.hrs.HrsModelEvent.RolledBackToLastGood;
import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.hrs.PromotionRefusal;
import io.flk.domain.hrs.PromotionRequestId;
import io.flk.domain.hrs.RegisteredModel;
import io.flk.domain.hrs.RoutingRole;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tenant's HRS models: the registry of immutable versions, the promotion requests waiting for a second
 * principal, the routing the hot path follows and the champions it had. Invariants: a version's artifact never
 * changes; only a registered version whose artifact was not refused is routed, and only an eligible one decides;
 * nobody approves their own request; a request is approved, rejected or expired at most once; a rollback never
 * returns to a version that was rolled back or whose artifact was refused; while a rollout's canary holds the
 * challenger slot, only that rollout moves it and no manual promotion changes who decides. Refusals of promotion
 * commands are recorded and answered, not thrown, so that the audit keeps them. Lives as long as the tenant:
 * snapshotted.
 */
@Aggregate(snapshotTriggerDefinition = Tenant.SNAPSHOTS)
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class HrsModelLine {

    public static final String PROMOTION_EXPIRY = "hrs-promotion-expiry";
    public static final String ROLLBACK_CAUSE = "rollback";
    public static final String PROMOTION_CAUSE_PREFIX = "promotion:";
    /** Followed by the rollout id: the routing changes a rollout makes, from which the line knows its canary. */
    public static final String ROLLOUT_CAUSE_PREFIX = "rollout:";

    private static final double MAX_CHALLENGER_SHARE = 0.5;

    @AggregateIdentifier
    private HrsLineId lineId;
    private Map<String, RegisteredVersion> versions = new LinkedHashMap<>();
    private Map<String, Set<String>> artifactRefusals = new LinkedHashMap<>();
    /** By request id value. */
    private Map<String, Request> requests = new LinkedHashMap<>();
    private HrsRouting routing = HrsRouting.bundledOnly();
    /** Earlier champions, most recent last; {@code null} is the bundled model. */
    private List<String> previousChampions = new ArrayList<>();
    private Set<String> rolledBack = new HashSet<>();
    /** The rollout whose canary is the challenger, or {@code null}. */
    private RolloutId canaryRollout;
    /**
     * The manual challenger the canary took the slot of, or {@code null}: a withdrawn canary gives the slot back,
     * so that an aborted or rolled-back rollout leaves the routing as it found it.
     */
    private String displacedChallenger;
    private double displacedShare;

    protected HrsModelLine() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RegisterModelVersion command) {
        RegisteredModel model = command.model();
        RegisteredVersion registered = versions.get(model.modelVersion());
        if (registered == null) {
            apply(new ModelVersionRegistered(command.lineId().tenantId(), model, command.actor(), command.at()));
        } else if (!registered.artifactSha256().equals(model.artifactSha256())) {
            throw new BusinessRuleViolation("version-immutable", "HRS version " + model.modelVersion()
                    + " is already registered with another artifact; register the new artifact as a new version");
        }
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(RecordArtifactRefused command) {
        String version = command.modelVersion();
        if (!versions.containsKey(version)) {
            throw new BusinessRuleViolation("version-not-registered",
                    "HRS version " + version + " is not registered for tenant " + command.lineId().tenantId().value());
        }
        if (!artifactRefusals.getOrDefault(version, Set.of()).contains(command.reason())) {
            apply(new ModelArtifactRefused(command.lineId().tenantId(), version, command.reason(),
                    command.detectedBy(), command.at()));
        }
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PromotionOutcome handle(RequestPromotion command, DeadlineManager deadlineManager) {
        requireWellFormed(command);
        if (requests.containsKey(command.requestId().value())) {
            throw new BusinessRuleViolation("request-exists", "promotion request " + command.requestId() + " exists");
        }
        TenantId tenantId = command.lineId().tenantId();
        String version = command.modelVersion();
        Optional<Refused> refused = refusalToRoute(tenantId, version, command.target(), command.gates());
        if (refused.isPresent()) {
            return refuse(tenantId, null, version, refused.get(), command.actor(), command.at());
        }
        routingChangedBy(version, command.target(), command.challengerShare());
        RegisteredVersion registered = versions.get(version);
        Instant expiresAt = command.at().plus(command.ttl());
        apply(new PromotionRequested(tenantId, command.requestId(), version, command.target(),
                command.challengerShare(), command.gates(), registered.rocAuc(), registered.ece(), command.actor(),
                command.reason(), command.at(), expiresAt));
        deadlineManager.schedule(expiresAt, PROMOTION_EXPIRY, command.requestId());
        return accepted(command.requestId());
    }

    @CommandHandler
    public PromotionOutcome handle(ApprovePromotion command, DeadlineManager deadlineManager) {
        Request request = requireRequest(command.requestId());
        if (!command.actorIsApprover()) {
            throw new BusinessRuleViolation("approver-role-required",
                    "only an approver may approve promotion request " + command.requestId());
        }
        TenantId tenantId = lineId.tenantId();
        String version = request.modelVersion();
        if (!request.pending()) {
            return refuse(tenantId, request.requestId(), version, new Refused(PromotionRefusal.NOT_PENDING,
                    "request " + request.requestId() + " was already decided or expired"), command.actor(), command.at());
        }
        if (command.actor().equals(request.requestedBy())) {
            return refuse(tenantId, request.requestId(), version, new Refused(PromotionRefusal.SELF_APPROVAL,
                    command.actor() + " requested this promotion and cannot also approve it"), command.actor(),
                    command.at());
        }
        if (!command.at().isBefore(request.expiresAt())) {
            apply(new PromotionExpired(tenantId, request.requestId(), version, request.expiresAt()));
            followPendingExpiries(deadlineManager);
            return refuse(tenantId, request.requestId(), version, new Refused(PromotionRefusal.EXPIRED,
                    "request " + request.requestId() + " expired at " + request.expiresAt()), command.actor(),
                    command.at());
        }
        if (canaryRollout != null && (request.target().decides() || version.equals(routing.challenger()))) {
            return refuse(tenantId, request.requestId(), version, rolloutInProgress(), command.actor(), command.at());
        }
        Optional<Refused> refused = refusalToRoute(tenantId, version, request.target(), request.gates());
        if (refused.isPresent()) {
            return refuse(tenantId, request.requestId(), version, refused.get(), command.actor(), command.at());
        }
        HrsRouting after = routingChangedBy(version, request.target(), request.challengerShare());
        apply(new PromotionApproved(tenantId, request.requestId(), version, request.target(), request.requestedBy(),
                command.actor(), command.reason(), command.at()));
        apply(new HrsRoutingChanged(tenantId, routing, after, PROMOTION_CAUSE_PREFIX + request.requestId(),
                command.actor(), command.at()));
        followPendingExpiries(deadlineManager);
        return accepted(request.requestId());
    }

    /** Rejecting needs no approver: the requester withdraws their own request this way. */
    @CommandHandler
    public PromotionOutcome handle(RejectPromotion command, DeadlineManager deadlineManager) {
        Request request = requireRequest(command.requestId());
        if (!request.pending()) {
            throw new BusinessRuleViolation("not-pending",
                    "promotion request " + command.requestId() + " was already decided or expired");
        }
        apply(new PromotionRejected(lineId.tenantId(), request.requestId(), request.modelVersion(), command.actor(),
                command.reason(), command.at()));
        followPendingExpiries(deadlineManager);
        return accepted(request.requestId());
    }

    @CommandHandler
    public PromotionOutcome handle(RollbackToLastGood command) {
        String from = routing.champion();
        String to = lastGoodChampion();
        if (Objects.equals(from, to)) {
            throw new BusinessRuleViolation("nothing-to-roll-back", "tenant " + lineId.tenantId().value()
                    + " has no earlier champion to roll back to");
        }
        HrsRouting after = routing.withChampion(to);
        apply(new RolledBackToLastGood(lineId.tenantId(), from, to, command.actor(), command.reason(), command.at()));
        apply(new HrsRoutingChanged(lineId.tenantId(), routing, after, ROLLBACK_CAUSE, command.actor(),
                command.at()));
        return accepted(null);
    }

    /**
     * Routes a rollout's canary in the challenger slot, replacing any manual challenger; a retry at the same share
     * records nothing. Creates the line so that a canary of an unregistered version is refused on the record.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PromotionOutcome handle(RouteCanary command) {
        if (!(command.share() > 0 && command.share() <= 1)) {
            throw new InvalidValue("share", "a canary's share must be within (0, 1]");
        }
        if (command.gates() == null) {
            throw new InvalidValue("gates", "the eligibility gates are required");
        }
        TenantId tenantId = command.lineId().tenantId();
        String version = command.modelVersion();
        if (canaryRollout != null && !canaryRollout.equals(command.rolloutId())) {
            return refuse(tenantId, null, version, rolloutInProgress(), command.actor(), command.at());
        }
        Optional<Refused> refused = refusalToRoute(tenantId, version, RoutingRole.CHALLENGER, command.gates());
        if (refused.isPresent()) {
            return refuse(tenantId, null, version, refused.get(), command.actor(), command.at());
        }
        if (canaryRollout != null && !version.equals(routing.challenger())) {
            throw new BusinessRuleViolation("canary-version-mismatch", "rollout " + canaryRollout + " routes version "
                    + routing.challenger() + ", not " + version);
        }
        if (version.equals(routing.champion())) {
            throw new BusinessRuleViolation("canary-is-champion",
                    "version " + version + " is already the champion of tenant " + tenantId.value());
        }
        HrsRouting after = routing.with(version, RoutingRole.CHALLENGER, command.share());
        if (!after.equals(routing)) {
            apply(new HrsRoutingChanged(tenantId, routing, after, ROLLOUT_CAUSE_PREFIX + command.rolloutId(),
                    command.actor(), command.at()));
        }
        return accepted(null);
    }

    /** The rollout completed: its canary becomes the champion, and the champion it replaces is the last good one. */
    @CommandHandler
    public PromotionOutcome handle(PromoteCanary command) {
        TenantId tenantId = lineId.tenantId();
        if (canaryRollout == null) {
            return refuse(tenantId, null, null, new Refused(PromotionRefusal.NOT_PENDING, "no canary of rollout "
                    + command.rolloutId() + " is routed for tenant " + tenantId.value()), command.actor(),
                    command.at());
        }
        String canary = routing.challenger();
        if (!canaryRollout.equals(command.rolloutId())) {
            return refuse(tenantId, null, canary, rolloutInProgress(), command.actor(), command.at());
        }
        Optional<Refused> refused = artifactRefusal(canary);
        if (refused.isPresent()) {
            return refuse(tenantId, null, canary, refused.get(), command.actor(), command.at());
        }
        apply(new HrsRoutingChanged(tenantId, routing, routing.with(canary, RoutingRole.CHAMPION, 0),
                ROLLOUT_CAUSE_PREFIX + command.rolloutId(), command.actor(), command.at()));
        return accepted(null);
    }

    /**
     * The canary leaves the challenger slot, and the manual challenger it displaced gets it back unless that one's
     * artifact was refused meanwhile or it became the champion. Nothing happens when this rollout's canary is not
     * routed (a retry).
     */
    @CommandHandler
    public PromotionOutcome handle(WithdrawCanary command) {
        if (command.rolloutId().equals(canaryRollout)) {
            HrsRouting withdrawn = routing.with(routing.challenger(), RoutingRole.RETIRED, 0);
            boolean restorable = displacedChallenger != null && artifactRefusal(displacedChallenger).isEmpty()
                    && !displacedChallenger.equals(withdrawn.champion());
            apply(new HrsRoutingChanged(lineId.tenantId(), routing, restorable
                    ? withdrawn.with(displacedChallenger, RoutingRole.CHALLENGER, displacedShare) : withdrawn,
                    ROLLOUT_CAUSE_PREFIX + command.rolloutId(), command.actor(), command.at()));
        }
        return accepted(null);
    }

    @DeadlineHandler(deadlineName = PROMOTION_EXPIRY)
    void onPromotionExpiry(PromotionRequestId requestId) {
        Request request = requests.get(requestId.value());
        if (request != null && request.pending()) {
            apply(new PromotionExpired(lineId.tenantId(), requestId, request.modelVersion(), request.expiresAt()));
        }
    }

    private static void requireWellFormed(RequestPromotion command) {
        if (command.target() == null) {
            throw new InvalidValue("target", "target must be CHAMPION, CHALLENGER, SHADOW or RETIRED");
        }
        double share = command.challengerShare();
        if (command.target() == RoutingRole.CHALLENGER && !(share > 0 && share <= MAX_CHALLENGER_SHARE)) {
            throw new InvalidValue("challengerShare", "a challenger's share must be within (0, 0.5]");
        }
        if (command.target() != RoutingRole.CHALLENGER && share != 0) {
            throw new InvalidValue("challengerShare", "only a challenger takes a share of the traffic");
        }
        if (command.gates() == null) {
            throw new InvalidValue("gates", "the eligibility gates are required");
        }
        if (command.ttl() == null || command.ttl().isNegative() || command.ttl().isZero()) {
            throw new InvalidValue("ttl", "ttl must be positive");
        }
    }

    private Request requireRequest(PromotionRequestId requestId) {
        Request request = requests.get(requestId.value());
        if (request == null) {
            throw new BusinessRuleViolation("unknown-request",
                    "no promotion request " + requestId + " on tenant " + lineId.tenantId().value());
        }
        return request;
    }

    /** Why {@code version} may not take {@code target}, if it may not; retiring a refused artifact is allowed. */
    private Optional<Refused> refusalToRoute(TenantId tenantId, String version, RoutingRole target,
                                             EligibilityGates gates) {
        RegisteredVersion registered = versions.get(version);
        if (registered == null) {
            return Optional.of(new Refused(PromotionRefusal.NOT_REGISTERED,
                    "version " + version + " is not registered for tenant " + tenantId.value()));
        }
        if (target != RoutingRole.RETIRED && artifactRefusals.containsKey(version)) {
            return artifactRefusal(version);
        }
        if (target.decides() && !gates.admits(registered.rocAuc(), registered.ece())) {
            return Optional.of(new Refused(PromotionRefusal.NOT_ELIGIBLE, String.format(Locale.ROOT,
                    "version %s cannot decide as %s: ROC AUC %.4f (minimum %.4f), ECE %.4f (maximum %.4f)", version,
                    target, registered.rocAuc(), gates.minRocAuc(), registered.ece(), gates.maxEce())));
        }
        return Optional.empty();
    }

    private Optional<Refused> artifactRefusal(String version) {
        if (!artifactRefusals.containsKey(version)) {
            return Optional.empty();
        }
        return Optional.of(new Refused(PromotionRefusal.ARTIFACT_REFUSED, "the artifact of version " + version
                + " was refused: " + String.join("; ", new TreeSet<>(artifactRefusals.get(version)))));
    }

    private Refused rolloutInProgress() {
        return new Refused(PromotionRefusal.ROLLOUT_IN_PROGRESS, "rollout " + canaryRollout + " routes version "
                + routing.challenger() + " as its canary; complete or abort it first");
    }

    private HrsRouting routingChangedBy(String version, RoutingRole target, double share) {
        HrsRouting after = routing.with(version, target, share);
        if (after.equals(routing)) {
            throw new BusinessRuleViolation("routing-unchanged",
                    "making version " + version + " " + target + " would not change the routing");
        }
        return after;
    }

    private PromotionOutcome refuse(TenantId tenantId, PromotionRequestId requestId, String version, Refused refused,
                                    String actor, Instant at) {
        apply(new PromotionRefused(tenantId, requestId, version, refused.refusal(), refused.detail(), actor, at));
        return new PromotionOutcome(requestId, refused.refusal(), refused.detail(), routing, getVersion());
    }

    private PromotionOutcome accepted(PromotionRequestId requestId) {
        return new PromotionOutcome(requestId, null, null, routing, getVersion());
    }

    /**
     * A deadline manager identifies a schedule by an id of its own making that no event records, so one request's
     * expiry cannot be cancelled alone: all are cancelled and those of the requests still pending scheduled again.
     */
    private void followPendingExpiries(DeadlineManager deadlineManager) {
        deadlineManager.cancelAllWithinScope(PROMOTION_EXPIRY);
        requests.values().stream().filter(Request::pending).forEach(pending ->
                deadlineManager.schedule(pending.expiresAt(), PROMOTION_EXPIRY, pending.requestId()));
    }

    /** The most recent earlier champion still trusted, or {@code null} (the bundled model) when there is none. */
    private String lastGoodChampion() {
        for (int i = previousChampions.size() - 1; i >= 0; i--) {
            String candidate = previousChampions.get(i);
            if (candidate == null) {
                return null;
            }
            if (!candidate.equals(routing.champion()) && !rolledBack.contains(candidate)
                    && !artifactRefusals.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @EventSourcingHandler
    void on(ModelVersionRegistered event) {
        lineId = HrsLineId.of(event.tenantId());
        versions.put(event.model().modelVersion(), new RegisteredVersion(event.model().artifactSha256(),
                event.model().metrics().rocAuc(), event.model().metrics().ece()));
    }

    @EventSourcingHandler
    void on(ModelArtifactRefused event) {
        artifactRefusals.computeIfAbsent(event.modelVersion(), version -> new TreeSet<>()).add(event.reason());
    }

    /** A refused request for an unregistered version can be the first event of a line. */
    @EventSourcingHandler
    void on(PromotionRefused event) {
        lineId = HrsLineId.of(event.tenantId());
    }

    @EventSourcingHandler
    void on(PromotionRequested event) {
        requests.put(event.requestId().value(), new Request(event.requestId(), event.modelVersion(), event.target(),
                event.challengerShare(), event.gates(), event.requestedBy(), event.expiresAt(), true));
    }

    @EventSourcingHandler
    void on(PromotionApproved event) {
        requests.computeIfPresent(event.requestId().value(), (id, request) -> request.settled());
    }

    @EventSourcingHandler
    void on(PromotionRejected event) {
        requests.computeIfPresent(event.requestId().value(), (id, request) -> request.settled());
    }

    @EventSourcingHandler
    void on(PromotionExpired event) {
        requests.computeIfPresent(event.requestId().value(), (id, request) -> request.settled());
    }

    @EventSourcingHandler
    void on(HrsRoutingChanged event) {
        if (!Objects.equals(event.before().champion(), event.after().champion())) {
            previousChampions.add(event.before().champion());
        }
        routing = event.after();
        RolloutId canaryBefore = canaryRollout;
        if (event.cause() != null && event.cause().startsWith(ROLLOUT_CAUSE_PREFIX)) {
            // a withdrawal may hand the slot back to a manual challenger: the canary is gone once the slot changed hands
            RolloutId rollout = RolloutId.of(event.cause().substring(ROLLOUT_CAUSE_PREFIX.length()));
            boolean canaryLeft = rollout.equals(canaryBefore)
                    && !Objects.equals(event.before().challenger(), routing.challenger());
            canaryRollout = canaryLeft || routing.challenger() == null ? null : rollout;
        } else if (!Objects.equals(event.before().challenger(), routing.challenger())) {
            canaryRollout = null;
        }
        if (canaryBefore == null && canaryRollout != null) {
            displacedChallenger = event.before().challenger();
            displacedShare = event.before().challengerShare();
        } else if (canaryRollout == null) {
            displacedChallenger = null;
            displacedShare = 0;
        }
    }

    /** Forgets the champions above the one restored; the routing change that follows records the one left. */
    @EventSourcingHandler
    void on(RolledBackToLastGood event) {
        if (event.fromVersion() != null) {
            rolledBack.add(event.fromVersion());
        }
        int restored = Math.max(0, previousChampions.lastIndexOf(event.toVersion()));
        previousChampions.subList(restored, previousChampions.size()).clear();
    }

    record RegisteredVersion(String artifactSha256, double rocAuc, double ece) {
    }

    record Request(PromotionRequestId requestId, String modelVersion, RoutingRole target, double challengerShare,
                   EligibilityGates gates, String requestedBy, Instant expiresAt, boolean pending) {

        Request settled() {
            return new Request(requestId, modelVersion, target, challengerShare, gates, requestedBy, expiresAt, false);
        }
    }

    private record Refused(PromotionRefusal refusal, String detail) {
    }
}
