package io.flk.sagas.rollout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.PromoteCanary;
import io.flk.domain.hrs.HrsModelCommands.RouteCanary;
import io.flk.domain.hrs.HrsModelCommands.WithdrawCanary;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutCommands.ConfirmRolloutStarted;
import io.flk.domain.rollout.RolloutCommands.JudgeRolloutStep;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutAborted;
import io.flk.domain.rollout.RolloutEvent.RolloutApproved;
import io.flk.domain.rollout.RolloutEvent.RolloutCompleted;
import io.flk.domain.rollout.RolloutEvent.RolloutPaused;
import io.flk.domain.rollout.RolloutEvent.RolloutResumed;
import io.flk.domain.rollout.RolloutEvent.RolloutRolledBack;
import io.flk.domain.rollout.RolloutEvent.RolloutShareChanged;
import io.flk.domain.rollout.RolloutEvent.RolloutStarted;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutOutcome;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutQueries.FetchRolloutWindow;
import io.flk.domain.rollout.RolloutStatus;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.rollout.RolloutWindow;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.WithdrawPolicyCanary;
import io.flk.domain.verification.PolicyId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one approved rollout: asks the component to route the canary, looks at the current step every
 * {@code checkInterval} and hands the window to the lane, which judges it; moves the component's share as the
 * lane decides, and promotes or withdraws the canary at the end. Decisions live in the lane, time in the
 * deadlines: a look repeated after a crash carries the evaluation number the lane already judged and is
 * ignored there. A component that refuses (a domain error) aborts the rollout; any other failure propagates so
 * that the event is retried. Lives from {@code RolloutApproved} to the rollout's end; its fields are its JSON.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RolloutSaga {

    public static final String ROLLOUT_ID = "rolloutId";
    public static final String STEP_CHECK = "rollout-step-check";
    /** The actor recorded on the commands this saga sends. */
    public static final String ACTOR = "rollout-saga";

    private static final Logger LOG = LoggerFactory.getLogger(RolloutSaga.class);

    private RolloutLaneId laneId;
    private RolloutId rolloutId;
    private RolloutTarget target;
    private RolloutPlan plan;
    private String canaryKey;
    private int step;
    private Instant stepStartedAt;
    /** Looks sent to the lane; never goes back, so the lane can tell a repeated look from a new one. */
    private long evaluation;

    @StartSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutApproved event, CommandGateway commands) {
        laneId = RolloutLaneId.of(event.tenantId(), event.component());
        rolloutId = event.rolloutId();
        target = event.target();
        plan = event.plan();
        route(plan.initialShare(), event.at(), commands).ifPresent(key ->
                commands.sendAndWait(new ConfirmRolloutStarted(laneId, rolloutId, key, event.at())));
    }

    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutStarted event, DeadlineManager deadlines) {
        canaryKey = event.canaryKey();
        stepFrom(1, event.at(), deadlines);
    }

    /** A share of 1 is the completion that follows at once; promoting the canary routes all traffic to it. */
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutShareChanged event, CommandGateway commands, DeadlineManager deadlines) {
        if (event.toShare() >= 1) {
            return;
        }
        stepFrom(event.toStep(), event.at(), deadlines);
        route(event.toShare(), event.at(), commands);
    }

    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutPaused event, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STEP_CHECK);
    }

    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutResumed event, DeadlineManager deadlines) {
        stepFrom(event.step(), event.at(), deadlines);
    }

    /**
     * One look at the current step. A failed query or command loses no decision: the look is repeated at the
     * next interval. The next look is scheduled only while the lane answers that this step still runs; a step
     * that moved on is scheduled by its own event.
     */
    @DeadlineHandler(deadlineName = STEP_CHECK)
    void onStepCheck(RolloutId rollout, @Timestamp Instant now, CommandGateway commands, QueryGateway queries,
                     DeadlineManager deadlines) {
        try {
            RolloutWindow window = queries.query(windowUntil(now), ResponseTypes.instanceOf(RolloutWindow.class))
                    .join();
            RolloutOutcome outcome = commands.sendAndWait(
                    new JudgeRolloutStep(laneId, rollout, step, evaluation + 1, window, now));
            evaluation++;
            if (outcome.status() != RolloutStatus.RUNNING || outcome.step() != step) {
                return;
            }
        } catch (RuntimeException failed) {
            LOG.warn("look {} at step {} of rollout {} failed; looking again in {}", evaluation + 1, step, rollout,
                    plan.checkInterval(), failed);
        }
        deadlines.schedule(now.plus(plan.checkInterval()), STEP_CHECK, rollout);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutCompleted event, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STEP_CHECK);
        String reason = "rollout " + rolloutId + " completed after " + event.steps() + " steps";
        endWith(event.component() == RolloutComponent.HRS_MODEL
                ? new PromoteCanary(HrsLineId.of(laneId.tenantId()), rolloutId, ACTOR, event.at())
                : new PromotePolicyCanary(PolicyId.of(laneId.tenantId()), rolloutId, ACTOR, reason, event.at()),
                commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutRolledBack event, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STEP_CHECK);
        endWith(withdrawal(event.reason(), event.at()), commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutAborted event, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STEP_CHECK);
        endWith(withdrawal(event.reason(), event.at()), commands);
    }

    private void stepFrom(int newStep, Instant at, DeadlineManager deadlines) {
        step = newStep;
        stepStartedAt = at;
        deadlines.cancelAllWithinScope(STEP_CHECK);
        deadlines.schedule(at.plus(plan.checkInterval()), STEP_CHECK, rolloutId);
    }

    /** Routes the canary at {@code share}: its key, or empty when the component refused and the rollout aborts. */
    private Optional<String> route(double share, Instant at, CommandGateway commands) {
        String refusal;
        try {
            if (target.component() == RolloutComponent.HRS_MODEL) {
                PromotionOutcome outcome = commands.sendAndWait(new RouteCanary(HrsLineId.of(laneId.tenantId()),
                        rolloutId, target.modelVersion(), share, target.gates(), ACTOR, at));
                if (outcome.accepted()) {
                    return Optional.of(target.modelVersion());
                }
                refusal = "the HRS line refused the canary: " + outcome.refusal() + " " + outcome.detail();
            } else {
                Long version = commands.sendAndWait(new RoutePolicyCanary(PolicyId.of(laneId.tenantId()), rolloutId,
                        target.candidatePolicy(), share, ACTOR, at));
                return Optional.of(String.valueOf(version));
            }
        } catch (BusinessRuleViolation | InvalidValue | AggregateNotFoundException refused) {
            refusal = "the " + target.component().id() + " component refused the canary: " + refused.getMessage();
        }
        commands.sendAndWait(new AbortRollout(laneId, rolloutId, ACTOR, refusal, at));
        return Optional.empty();
    }

    private Object withdrawal(String reason, Instant at) {
        return target.component() == RolloutComponent.HRS_MODEL
                ? new WithdrawCanary(HrsLineId.of(laneId.tenantId()), rolloutId, ACTOR, reason, at)
                : new WithdrawPolicyCanary(PolicyId.of(laneId.tenantId()), rolloutId, ACTOR, reason, at);
    }

    /**
     * The rollout has ended in the lane whatever the component answers. A refusal (answered, as the HRS line does,
     * or thrown) will not change on a retry: the component now disagrees with the lane until an operator acts,
     * so it is logged as an error and the saga ends. Any other failure propagates, so the event is retried and
     * the saga ends only once the component has done its part.
     */
    private void endWith(Object componentCommand, CommandGateway commands) {
        String refusal;
        try {
            Object answer = commands.sendAndWait(componentCommand);
            if (!(answer instanceof PromotionOutcome outcome) || outcome.accepted()) {
                return;
            }
            refusal = outcome.refusal() + " " + outcome.detail();
        } catch (BusinessRuleViolation | InvalidValue | AggregateNotFoundException refused) {
            refusal = refused.getMessage();
        }
        LOG.error("rollout {} ended but the {} component refused {}: {}", rolloutId, target.component().id(),
                componentCommand.getClass().getSimpleName(), refusal);
    }

    private FetchRolloutWindow windowUntil(Instant now) {
        return new FetchRolloutWindow(laneId.tenantId(), laneId.component(), canaryKey, stepStartedAt, now,
                plan.shortWindowStart(stepStartedAt, now), plan.latencyRatio(), plan.sloLatencyMicros());
    }
}
