package io.flk.sagas.rollout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.flk.domain.rollout.RolloutCommands.ConfirmRolloutStarted;
import io.flk.domain.rollout.RolloutCommands.JudgeRolloutStep;
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
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.responsetypes.ResponseTypes;
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
 * ignored there. A component that refuses (a domain error) aborts the rollout, unless at the start it still
 * routes the lane's previous canary, which that rollout's saga is about to promote or withdraw: the start is then
 * tried again. Any other failure propagates so that the event is retried. Lives from {@code RolloutApproved} to
 * the rollout's end; its fields are its JSON.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RolloutSaga {

    public static final String ROLLOUT_ID = "rolloutId";
    public static final String STEP_CHECK = "rollout-step-check";
    /** Another try at routing the first share, while the lane's previous canary is still routed. */
    public static final String START_RETRY = "rollout-start-retry";
    private static final Duration FIRST_START_RETRY = Duration.ofSeconds(1);
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
    private Instant approvedAt;
    /** Tries at routing the first share that found the lane's previous canary still routed. */
    private int startRetries;

    @StartSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutApproved event, CommandGateway commands, DeadlineManager deadlines) {
        laneId = RolloutLaneId.of(event.tenantId(), event.component());
        rolloutId = event.rolloutId();
        target = event.target();
        plan = event.plan();
        approvedAt = event.at();
        start(event.at(), commands, deadlines);
    }

    @DeadlineHandler(deadlineName = START_RETRY)
    void onStartRetry(@Timestamp Instant now, CommandGateway commands, DeadlineManager deadlines) {
        start(now, commands, deadlines);
    }

    /**
     * Routes the first share and confirms the start. While the lane's previous canary is still routed, tries again
     * after a second, then after twice as long each time up to the check interval, for at most
     * {@code maxStepDuration} after the approval; after that the refusal aborts the rollout.
     */
    private void start(Instant at, CommandGateway commands, DeadlineManager deadlines) {
        boolean mayWait = at.isBefore(approvedAt.plus(plan.maxStepDuration()));
        ComponentCanary.Start start = canary().start(plan.initialShare(), at, mayWait, commands);
        if (start.key() != null) {
            commands.sendAndWait(new ConfirmRolloutStarted(laneId, rolloutId, start.key(), at));
        } else if (start.waiting()) {
            Duration backoff = FIRST_START_RETRY.multipliedBy(1L << Math.min(startRetries++, 20));
            Duration delay = backoff.compareTo(plan.checkInterval()) < 0 ? backoff : plan.checkInterval();
            LOG.info("rollout {} waits for the previous canary of {} to leave; starting again in {}", rolloutId,
                    laneId, delay);
            deadlines.schedule(at.plus(delay), START_RETRY, rolloutId);
        }
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
        canary().route(event.toShare(), event.at(), commands);
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
        canary().promote(event.steps(), event.at(), commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutRolledBack event, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STEP_CHECK);
        canary().withdraw(event.reason(), event.at(), commands);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ROLLOUT_ID)
    void on(RolloutAborted event, CommandGateway commands, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(STEP_CHECK);
        canary().withdraw(event.reason(), event.at(), commands);
    }

    private void stepFrom(int newStep, Instant at, DeadlineManager deadlines) {
        step = newStep;
        stepStartedAt = at;
        deadlines.cancelAllWithinScope(STEP_CHECK);
        deadlines.schedule(at.plus(plan.checkInterval()), STEP_CHECK, rolloutId);
    }

    /** Built on demand so that the saga's JSON stays its own fields. */
    private ComponentCanary canary() {
        return new ComponentCanary(laneId, rolloutId, target);
    }

    private FetchRolloutWindow windowUntil(Instant now) {
        return new FetchRolloutWindow(laneId.tenantId(), laneId.component(), canaryKey, stepStartedAt, now,
                plan.shortWindowStart(stepStartedAt, now), plan.latencyRatio(), plan.sloLatencyMicros());
    }
}
