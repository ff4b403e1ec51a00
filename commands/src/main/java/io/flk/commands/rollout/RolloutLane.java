package io.flk.commands.rollout;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.commands.tenant.Tenant;
import io.flk.domain.rollout.RolloutAction;
import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ApproveRollout;
import io.flk.domain.rollout.RolloutCommands.ConfirmRolloutStarted;
import io.flk.domain.rollout.RolloutCommands.JudgeRolloutStep;
import io.flk.domain.rollout.RolloutCommands.PauseRollout;
import io.flk.domain.rollout.RolloutCommands.RejectRollout;
import io.flk.domain.rollout.RolloutCommands.RequestRollout;
import io.flk.domain.rollout.RolloutCommands.ResumeRollout;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutApproved;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutRefused;
import io.flk.domain.rollout.RolloutEvent.RolloutRejected;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutEvent.RolloutStepJudged;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutJudge;
import io.flk.domain.rollout.RolloutJudgement;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutProgress;
import io.flk.domain.rollout.RolloutRefusal;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The rollouts of one component of one tenant, one at a time. Invariants: a second rollout is refused while
 * one is pending, starting, running or paused; nobody approves a rollout they requested, and only an approver
 * approves; a look at a step is judged at most once, and only while its step is the current one; every
 * transition happens from the states that allow it. Refusals are recorded and answered, not thrown, so that the
 * audit keeps them. Every look is an event and the lane lives as long as the tenant: snapshotted.
 */
@Aggregate(snapshotTriggerDefinition = Tenant.SNAPSHOTS)
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RolloutLane {

    /**
     * The actor recorded for what the rollout's automation does rather than a human: a pause by the gates at a
     * step's wall-clock cap, a refused start confirmation or look.
     */
    public static final String GATES = "rollout-gates";

    @AggregateIdentifier
    private RolloutLaneId laneId;
    /** The latest rollout, ended or not. */
    private Rollout current;
    /** The final status of every rollout before {@link #current}, by id value. */
    private Map<String, RolloutStatus> earlier = new LinkedHashMap<>();

    protected RolloutLane() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RolloutOutcome handle(RequestRollout command) {
        RolloutTarget target = required("target", command.target()).validated();
        RolloutPlan plan = required("plan", command.plan()).validated();
        RolloutLaneId lane = command.laneId();
        if (target.component() != lane.component()) {
            throw new InvalidValue("component", "a " + target.component() + " rollout does not belong to lane " + lane);
        }
        RolloutId rolloutId = required("rolloutId", command.rolloutId());
        if (known(rolloutId)) {
            throw new BusinessRuleViolation("rollout-exists", "rollout " + rolloutId + " exists on " + lane);
        }
        if (current != null && current.status().active()) {
            return refuse(rolloutId, RolloutRefusal.ROLLOUT_IN_PROGRESS, "rollout " + current.id() + " is "
                    + current.status() + " on " + lane + "; it must end before another starts", command.actor(),
                    command.at());
        }
        apply(new RolloutRequested(lane.tenantId(), rolloutId, lane.component(), target, plan, command.actor(),
                command.reason(), command.at()));
        return outcome(rolloutId, null, null);
    }

    @CommandHandler
    public RolloutOutcome handle(ApproveRollout command) {
        Optional<RolloutOutcome> refused = refusedUnless(command.rolloutId(),
                status -> status == RolloutStatus.PENDING_APPROVAL, "approved", command.actor(), command.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!command.actorIsApprover() || required("actor", command.actor()).equals(current.requestedBy())) {
            String detail = command.actorIsApprover()
                    ? command.actor() + " requested rollout " + current.id() + " and cannot also approve it"
                    : command.actor() + " does not hold the approver role";
            return refuse(current.id(), RolloutRefusal.SELF_APPROVAL, detail, command.actor(), command.at());
        }
        apply(new RolloutApproved(laneId.tenantId(), current.id(), laneId.component(), current.target(),
                current.plan(), current.requestedBy(), command.actor(), command.reason(), command.at()));
        return outcome(current.id(), null, null);
    }

    /** Rejecting needs no approver: the requester withdraws their own request this way. */
    @CommandHandler
    public RolloutOutcome handle(RejectRollout command) {
        Optional<RolloutOutcome> refused = refusedUnless(command.rolloutId(),
                status -> status == RolloutStatus.PENDING_APPROVAL, "rejected", command.actor(), command.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        apply(new RolloutRejected(laneId.tenantId(), current.id(), laneId.component(), command.actor(),
                command.reason(), command.at()));
        return outcome(current.id(), null, null);
    }

    /** Confirming again with the same canary is a retry of the component's answer and changes nothing. */
    @CommandHandler
    public RolloutOutcome handle(ConfirmRolloutStarted command) {
        String canaryKey = command.canaryKey();
        if (canaryKey == null || canaryKey.isBlank()) {
            throw new InvalidValue("canaryKey", "canaryKey must name the canary's model or policy version");
        }
        if (isCurrent(command.rolloutId()) && current.status() == RolloutStatus.RUNNING
                && canaryKey.equals(current.canaryKey())) {
            return outcome(current.id(), null, null);
        }
        Optional<RolloutOutcome> refused = refusedUnless(command.rolloutId(),
                status -> status == RolloutStatus.STARTING, "started", GATES, command.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        apply(new RolloutStarted(laneId.tenantId(), current.id(), laneId.component(), current.target(), canaryKey,
                current.plan().initialShare(), command.at()));
        return outcome(current.id(), null, null);
    }

    /**
     * Judges one look. A look at a step that moved on, at a rollout that is not running, or repeated after a
     * crash (its evaluation already judged) is ignored: nothing is recorded and the current state is answered.
     */
    @CommandHandler
    public RolloutOutcome handle(JudgeRolloutStep command) {
        required("window", command.window());
        RolloutId rolloutId = required("rolloutId", command.rolloutId());
        if (!known(rolloutId)) {
            return refuse(rolloutId, RolloutRefusal.UNKNOWN_ROLLOUT, unknown(rolloutId), GATES, command.at());
        }
        Rollout judged = current;
        if (!isCurrent(rolloutId) || judged.status() != RolloutStatus.RUNNING || command.step() != judged.step()
                || command.evaluation() <= judged.lastEvaluation()) {
            return outcome(rolloutId, null, null);
        }
        Instant at = command.at();
        RolloutJudgement judgement = RolloutJudge.judge(judged.plan(),
                new RolloutProgress(judged.step(), judged.share(), judged.stepStartedAt(), at), command.window());
        apply(new RolloutStepJudged(laneId.tenantId(), rolloutId, laneId.component(), judged.step(),
                command.evaluation(), command.window(), judgement, at));
        switch (judgement.action()) {
            case ADVANCE -> {
                changeShare(judged, RolloutAction.ADVANCE, judgement, at);
                if (judgement.shareAfter() >= 1) {
                    apply(new RolloutCompleted(laneId.tenantId(), rolloutId, laneId.component(), judged.target(),
                            judged.canaryKey(), judged.step() + 1, at));
                }
            }
            case SHRINK -> changeShare(judged, RolloutAction.SHRINK, judgement, at);
            case ROLLBACK -> apply(new RolloutRolledBack(laneId.tenantId(), rolloutId, laneId.component(),
                    judged.target(), judged.canaryKey(), judged.step(), judged.share(), judgement.decidingGate(),
                    judgement.reason(), at));
            case HOLD -> {
                if (judged.plan().pausesAt(judged.stepStartedAt(), at)) {
                    apply(new RolloutPaused(laneId.tenantId(), rolloutId, laneId.component(), GATES,
                            judgement.reason(), at));
                }
            }
        }
        return outcome(rolloutId, null, null);
    }

    @CommandHandler
    public RolloutOutcome handle(PauseRollout command) {
        Optional<RolloutOutcome> refused = refusedUnless(command.rolloutId(),
                status -> status == RolloutStatus.RUNNING, "paused", command.actor(), command.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        apply(new RolloutPaused(laneId.tenantId(), current.id(), laneId.component(), command.actor(),
                command.reason(), command.at()));
        return outcome(current.id(), null, null);
    }

    @CommandHandler
    public RolloutOutcome handle(ResumeRollout command) {
        Optional<RolloutOutcome> refused = refusedUnless(command.rolloutId(),
                status -> status == RolloutStatus.PAUSED, "resumed", command.actor(), command.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        apply(new RolloutResumed(laneId.tenantId(), current.id(), laneId.component(), current.step() + 1,
                current.share(), command.actor(), command.reason(), command.at()));
        return outcome(current.id(), null, null);
    }

    /** Any rollout that has not ended can be aborted, also before it was approved or while it starts. */
    @CommandHandler
    public RolloutOutcome handle(AbortRollout command) {
        Optional<RolloutOutcome> refused = refusedUnless(command.rolloutId(), RolloutStatus::active, "aborted",
                command.actor(), command.at());
        if (refused.isPresent()) {
            return refused.get();
        }
        apply(new RolloutAborted(laneId.tenantId(), current.id(), laneId.component(), current.target(),
                current.canaryKey(), command.actor(), command.reason(), command.at()));
        return outcome(current.id(), null, null);
    }

    private void changeShare(Rollout judged, RolloutAction action, RolloutJudgement judgement, Instant at) {
        apply(new RolloutShareChanged(laneId.tenantId(), judged.id(), laneId.component(), action, judged.step(),
                judged.step() + 1, judged.share(), judgement.shareAfter(), judged.canaryKey(), judgement.reason(),
                at));
    }

    /** The refusal of a command on {@code rolloutId}, unless it is the current rollout in an allowed status. */
    private Optional<RolloutOutcome> refusedUnless(RolloutId rolloutId, Predicate<RolloutStatus> allowed,
                                                   String done, String actor, Instant at) {
        required("rolloutId", rolloutId);
        if (!known(rolloutId)) {
            return Optional.of(refuse(rolloutId, RolloutRefusal.UNKNOWN_ROLLOUT, unknown(rolloutId), actor, at));
        }
        RolloutStatus status = statusOf(rolloutId);
        if (!allowed.test(status)) {
            return Optional.of(refuse(rolloutId, RolloutRefusal.WRONG_STATE,
                    "rollout " + rolloutId + " is " + status + " and cannot be " + done, actor, at));
        }
        return Optional.empty();
    }

    private RolloutOutcome refuse(RolloutId rolloutId, RolloutRefusal refusal, String detail, String actor,
                                  Instant at) {
        apply(new RolloutRefused(laneId.tenantId(), rolloutId, laneId.component(), refusal, detail, actor, at));
        return outcome(rolloutId, refusal, detail);
    }

    /** Status, step and share are those of {@code rolloutId}: none for a rollout this lane does not know. */
    private RolloutOutcome outcome(RolloutId rolloutId, RolloutRefusal refusal, String detail) {
        if (isCurrent(rolloutId)) {
            return new RolloutOutcome(rolloutId, refusal, detail, current.status(), current.step(), current.share(),
                    getVersion());
        }
        return new RolloutOutcome(rolloutId, refusal, detail, statusOf(rolloutId), 0, 0, getVersion());
    }

    private String unknown(RolloutId rolloutId) {
        return "no rollout " + rolloutId + " on " + laneId;
    }

    private boolean isCurrent(RolloutId rolloutId) {
        return current != null && current.id().equals(rolloutId);
    }

    private boolean known(RolloutId rolloutId) {
        return isCurrent(rolloutId) || earlier.containsKey(rolloutId.value());
    }

    private RolloutStatus statusOf(RolloutId rolloutId) {
        return isCurrent(rolloutId) ? current.status() : earlier.get(rolloutId.value());
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValue(field, field + " is required");
        }
        return value;
    }

    @EventSourcingHandler
    void on(RolloutRequested event) {
        laneId = RolloutLaneId.of(event.tenantId(), event.component());
        if (current != null) {
            earlier.put(current.id().value(), current.status());
        }
        current = new Rollout(event.rolloutId(), event.target(), event.plan(), event.requestedBy(),
                RolloutStatus.PENDING_APPROVAL, null, 0, 0, null, 0);
    }

    @EventSourcingHandler
    void on(RolloutApproved event) {
        current = current.in(RolloutStatus.STARTING);
    }

    @EventSourcingHandler
    void on(RolloutRejected event) {
        current = current.in(RolloutStatus.REJECTED);
    }

    @EventSourcingHandler
    void on(RolloutStarted event) {
        current = current.started(event.canaryKey()).stepping(1, event.share(), event.at());
    }

    @EventSourcingHandler
    void on(RolloutStepJudged event) {
        current = current.judged(event.evaluation());
    }

    @EventSourcingHandler
    void on(RolloutShareChanged event) {
        current = current.stepping(event.toStep(), event.toShare(), event.at());
    }

    @EventSourcingHandler
    void on(RolloutPaused event) {
        current = current.in(RolloutStatus.PAUSED);
    }

    @EventSourcingHandler
    void on(RolloutResumed event) {
        current = current.in(RolloutStatus.RUNNING).stepping(event.step(), event.share(), event.at());
    }

    @EventSourcingHandler
    void on(RolloutCompleted event) {
        current = current.in(RolloutStatus.COMPLETED);
    }

    @EventSourcingHandler
    void on(RolloutRolledBack event) {
        current = current.in(RolloutStatus.ROLLED_BACK);
    }

    @EventSourcingHandler
    void on(RolloutAborted event) {
        current = current.in(RolloutStatus.ABORTED);
    }

    /**
     * @param lastEvaluation the highest look judged so far; the saga's counter never goes back, across steps
     */
    record Rollout(RolloutId id, RolloutTarget target, RolloutPlan plan, String requestedBy, RolloutStatus status,
                   String canaryKey, int step, double share, Instant stepStartedAt, long lastEvaluation) {

        Rollout in(RolloutStatus next) {
            return new Rollout(id, target, plan, requestedBy, next, canaryKey, step, share, stepStartedAt,
                    lastEvaluation);
        }

        Rollout started(String key) {
            return new Rollout(id, target, plan, requestedBy, RolloutStatus.RUNNING, key, step, share, stepStartedAt,
                    lastEvaluation);
        }

        Rollout stepping(int nextStep, double nextShare, Instant startedAt) {
            return new Rollout(id, target, plan, requestedBy, status, canaryKey, nextStep, nextShare, startedAt,
                    lastEvaluation);
        }

        Rollout judged(long evaluation) {
            return new Rollout(id, target, plan, requestedBy, status, canaryKey, step, share, stepStartedAt,
                    evaluation);
        }
    }
}
