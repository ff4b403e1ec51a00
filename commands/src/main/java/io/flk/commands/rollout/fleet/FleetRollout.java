package io.flk.commands.rollout.fleet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.fleet.FleetMember;
import io.flk.domain.rollout.fleet.FleetMemberOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.AbortFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.ApproveFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.PauseFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RecordFleetMemberEnded;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RejectFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.RequestFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutCommands.ResumeFleetRollout;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetMemberEnded;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutAborted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutApproved;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutCompleted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutHalted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutPaused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRefused;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRejected;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRequested;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutResumed;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveBakeStarted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetWaveReleased;
import io.flk.domain.rollout.fleet.FleetRolloutId;
import io.flk.domain.rollout.fleet.FleetRolloutOutcome;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One ensemble-policy candidate rolled out to many tenants, wave after wave, each tenant through its own rollout
 * with its own gates. Invariants: the request and its four-eyes approval hold for every tenant at once (nobody
 * approves what they requested, only an approver approves); a wave is released only when every rollout of the
 * one before completed and its tenants ran the candidate for the bake time, and never while the fleet is paused;
 * the first rollout that does not complete halts the fleet rollout, and the ones still running are listed to be
 * aborted. Refusals are recorded and answered, not thrown, so that the audit keeps them.
 */
@Aggregate
public class FleetRollout {

    /** Named deadline: the bake of a completed wave is over; its payload is the wave's number. */
    public static final String WAVE_BAKE = "fleet-wave-bake";
    /** A week: longer, and the fleet's approval would outlive what the approver looked at. */
    public static final Duration MAX_BAKE_TIME = Duration.ofDays(7);

    @AggregateIdentifier
    private FleetRolloutId fleetRolloutId;
    private FleetRolloutStatus status;
    private RolloutTarget target;
    private RolloutPlan plan;
    private String requestedBy;
    private String requestReason;
    private List<TenantId> tenants;
    private int waveSize;
    private Duration bakeTime;
    private int wavesReleased;
    /** While the last wave released bakes: when the next one is due; {@code null} otherwise. */
    private Instant nextWaveAt;
    /** Released members whose rollout has not ended, by tenant, in release order. */
    private Map<TenantId, FleetMember> running = new LinkedHashMap<>();
    private Set<TenantId> ended = new HashSet<>();

    protected FleetRollout() {
    }

    /** Model versions are trained per tenant, so only a policy candidate has a meaning for every tenant. */
    @CommandHandler
    public FleetRollout(RequestFleetRollout command) {
        RolloutTarget candidate = required("target", command.target()).validated();
        if (candidate.component() != RolloutComponent.ENSEMBLE_POLICY) {
            throw new InvalidValue("component", "a fleet rollout rolls out an ENSEMBLE_POLICY; a model version "
                    + "belongs to one tenant and is rolled out on that tenant alone");
        }
        RolloutPlan validPlan = required("plan", command.plan()).validated();
        List<TenantId> fleet = required("tenants", command.tenants());
        if (fleet.isEmpty()) {
            throw new InvalidValue("tenants", "a fleet rollout needs at least one tenant");
        }
        Set<TenantId> distinct = new HashSet<>();
        for (int i = 0; i < fleet.size(); i++) {
            if (!distinct.add(required("tenants[" + i + "]", fleet.get(i)))) {
                throw new InvalidValue("tenants[" + i + "]", "tenant " + fleet.get(i).value() + " is named twice");
            }
        }
        if (command.waveSize() < 1) {
            throw new InvalidValue("waveSize", "waveSize must be at least 1");
        }
        Duration bake = required("bakeTime", command.bakeTime());
        if (bake.isNegative() || bake.compareTo(MAX_BAKE_TIME) > 0) {
            throw new InvalidValue("bakeTime", "bakeTime must be between PT0S and " + MAX_BAKE_TIME);
        }
        apply(new FleetRolloutRequested(required("fleetRolloutId", command.fleetRolloutId()), candidate, validPlan,
                fleet, Math.min(command.waveSize(), fleet.size()), bake, command.actor(), command.reason(),
                command.at()));
    }

    @CommandHandler
    public FleetRolloutOutcome handle(ApproveFleetRollout command) {
        if (status != FleetRolloutStatus.PENDING_APPROVAL) {
            return refuse(RolloutRefusal.WRONG_STATE, "cannot be approved", command.actor(), command.at());
        }
        if (!command.actorIsApprover() || required("actor", command.actor()).equals(requestedBy)) {
            String detail = command.actorIsApprover()
                    ? command.actor() + " requested fleet rollout " + fleetRolloutId + " and cannot also approve it"
                    : command.actor() + " does not hold the approver role";
            return refuse(RolloutRefusal.SELF_APPROVAL, detail, command.actor(), command.at());
        }
        apply(new FleetRolloutApproved(fleetRolloutId, target, plan, requestedBy, requestReason, command.actor(),
                command.reason(), command.at()));
        releaseNextWave(command.at());
        return outcome(null, null);
    }

    /** Rejecting needs no approver: the requester withdraws their own request this way. */
    @CommandHandler
    public FleetRolloutOutcome handle(RejectFleetRollout command) {
        if (status != FleetRolloutStatus.PENDING_APPROVAL) {
            return refuse(RolloutRefusal.WRONG_STATE, "cannot be rejected", command.actor(), command.at());
        }
        apply(new FleetRolloutRejected(fleetRolloutId, command.actor(), command.reason(), command.at()));
        return outcome(null, null);
    }

    @CommandHandler
    public FleetRolloutOutcome handle(PauseFleetRollout command) {
        if (status != FleetRolloutStatus.RUNNING) {
            return refuse(RolloutRefusal.WRONG_STATE, "cannot be paused", command.actor(), command.at());
        }
        apply(new FleetRolloutPaused(fleetRolloutId, command.actor(), command.reason(), List.copyOf(running.values()),
                command.at()));
        return outcome(null, null);
    }

    /**
     * What a pause held back follows now: the next wave (or its bake), or the end, when every running rollout
     * completed. A bake that ended during the pause does not start again.
     */
    @CommandHandler
    public FleetRolloutOutcome handle(ResumeFleetRollout command, DeadlineManager deadlines) {
        if (status != FleetRolloutStatus.PAUSED) {
            return refuse(RolloutRefusal.WRONG_STATE, "cannot be resumed", command.actor(), command.at());
        }
        apply(new FleetRolloutResumed(fleetRolloutId, command.actor(), command.reason(),
                List.copyOf(running.values()), command.at()));
        afterWave(command.at(), deadlines);
        return outcome(null, null);
    }

    @CommandHandler
    public FleetRolloutOutcome handle(AbortFleetRollout command) {
        if (!status.active()) {
            return refuse(RolloutRefusal.WRONG_STATE, "cannot be aborted", command.actor(), command.at());
        }
        apply(new FleetRolloutAborted(fleetRolloutId, command.actor(), command.reason(),
                List.copyOf(running.values()), command.at()));
        return outcome(null, null);
    }

    /**
     * Records how a tenant's rollout ended and decides what follows: a halt on anything but a completion, the next
     * wave when this one completed, the fleet's completion after the last. A paused fleet halts too, but releases
     * nothing before it resumes. After the fleet ended, ends are still recorded (its aborted rollouts report back)
     * but decide nothing.
     */
    @CommandHandler
    public FleetRolloutOutcome handle(RecordFleetMemberEnded command, DeadlineManager deadlines) {
        TenantId tenant = required("tenantId", command.tenantId());
        FleetMemberOutcome memberOutcome = required("outcome", command.outcome());
        if (ended.contains(tenant)) {
            return outcome(null, null);
        }
        FleetMember member = running.get(tenant);
        if (member == null || !member.rolloutId().equals(command.rolloutId())) {
            throw new BusinessRuleViolation("not-a-fleet-member", "rollout " + command.rolloutId() + " on tenant "
                    + tenant.value() + " was not released by fleet rollout " + fleetRolloutId);
        }
        boolean deciding = status == FleetRolloutStatus.RUNNING || status == FleetRolloutStatus.PAUSED;
        apply(new FleetMemberEnded(fleetRolloutId, member, memberOutcome, command.reason(), command.at()));
        if (!deciding) {
            return outcome(null, null);
        }
        if (memberOutcome != FleetMemberOutcome.COMPLETED) {
            apply(new FleetRolloutHalted(fleetRolloutId, member, memberOutcome, "the rollout on tenant "
                    + tenant.value() + " ended " + memberOutcome + ": " + command.reason(),
                    List.copyOf(running.values()), command.at()));
        } else if (status == FleetRolloutStatus.RUNNING) {
            afterWave(command.at(), deadlines);
        }
        return outcome(null, null);
    }

    /** A bake that ends while the fleet is paused leaves the next wave to the resume; one that ended already, too. */
    @DeadlineHandler(deadlineName = WAVE_BAKE)
    void onBakeEnded(Integer wave) {
        if (status == FleetRolloutStatus.RUNNING && nextWaveAt != null && wave == wavesReleased) {
            releaseNextWave(nextWaveAt);
        }
    }

    /**
     * Once no rollout of the current wave runs: the fleet's completion after the last wave; otherwise the next wave,
     * at once without a bake time, else when the bake is over.
     */
    private void afterWave(Instant at, DeadlineManager deadlines) {
        if (!running.isEmpty()) {
            return;
        }
        if (ended.size() == tenants.size()) {
            apply(new FleetRolloutCompleted(fleetRolloutId, tenants.size(), wavesReleased, at));
        } else if (bakeTime.isZero() || (nextWaveAt != null && !at.isBefore(nextWaveAt))) {
            releaseNextWave(at);
        } else if (nextWaveAt == null) {
            Instant due = at.plus(bakeTime);
            apply(new FleetWaveBakeStarted(fleetRolloutId, wavesReleased, due, at));
            deadlines.schedule(due, WAVE_BAKE, wavesReleased);
        }
    }

    private void releaseNextWave(Instant at) {
        int from = wavesReleased * waveSize;
        List<FleetMember> members = new ArrayList<>();
        for (TenantId tenant : tenants.subList(from, Math.min(from + waveSize, tenants.size()))) {
            members.add(new FleetMember(tenant, fleetRolloutId.memberRolloutId(tenant)));
        }
        apply(new FleetWaveReleased(fleetRolloutId, wavesReleased + 1, members, at));
    }

    private FleetRolloutOutcome refuse(RolloutRefusal refusal, String detail, String actor, Instant at) {
        String said = refusal == RolloutRefusal.WRONG_STATE
                ? "fleet rollout " + fleetRolloutId + " is " + status + " and " + detail : detail;
        apply(new FleetRolloutRefused(fleetRolloutId, refusal, said, actor, at));
        return outcome(refusal, said);
    }

    private FleetRolloutOutcome outcome(RolloutRefusal refusal, String detail) {
        return new FleetRolloutOutcome(fleetRolloutId, refusal, detail, status, getVersion());
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValue(field, field + " is required");
        }
        return value;
    }

    @EventSourcingHandler
    void on(FleetRolloutRequested event) {
        fleetRolloutId = event.fleetRolloutId();
        status = FleetRolloutStatus.PENDING_APPROVAL;
        target = event.target();
        plan = event.plan();
        requestedBy = event.requestedBy();
        requestReason = event.reason();
        tenants = event.tenants();
        waveSize = event.waveSize();
        bakeTime = event.bakeTime();
    }

    @EventSourcingHandler
    void on(FleetRolloutApproved event) {
        status = FleetRolloutStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(FleetRolloutRejected event) {
        status = FleetRolloutStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(FleetWaveBakeStarted event) {
        nextWaveAt = event.nextWaveAt();
    }

    @EventSourcingHandler
    void on(FleetWaveReleased event) {
        nextWaveAt = null;
        wavesReleased = event.wave();
        event.members().forEach(member -> running.put(member.tenantId(), member));
    }

    @EventSourcingHandler
    void on(FleetMemberEnded event) {
        running.remove(event.member().tenantId());
        ended.add(event.member().tenantId());
    }

    @EventSourcingHandler
    void on(FleetRolloutHalted event) {
        status = FleetRolloutStatus.HALTED;
    }

    @EventSourcingHandler
    void on(FleetRolloutPaused event) {
        status = FleetRolloutStatus.PAUSED;
    }

    @EventSourcingHandler
    void on(FleetRolloutResumed event) {
        status = FleetRolloutStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(FleetRolloutAborted event) {
        status = FleetRolloutStatus.ABORTED;
    }

    @EventSourcingHandler
    void on(FleetRolloutCompleted event) {
        status = FleetRolloutStatus.COMPLETED;
    }
}
