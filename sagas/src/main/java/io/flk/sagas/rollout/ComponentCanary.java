package io.flk.sagas.rollout;

import static io.flk.sagas.rollout.RolloutSaga.ACTOR;

import io.flk.domain.hrs.HrsLineId;
import io.flk.domain.hrs.HrsModelCommands.PromoteCanary;
import io.flk.domain.hrs.HrsModelCommands.RouteCanary;
import io.flk.domain.hrs.HrsModelCommands.WithdrawCanary;
import io.flk.domain.hrs.PromotionOutcome;
import io.flk.domain.hrs.PromotionRefusal;
import io.flk.domain.rollout.RolloutCommands.AbortRollout;
import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import io.flk.domain.verification.EnsemblePolicyCommands.PromotePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.RoutePolicyCanary;
import io.flk.domain.verification.EnsemblePolicyCommands.WithdrawPolicyCanary;
import io.flk.domain.verification.PolicyId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The canary of one rollout on its component, in the component's own commands: the HRS line routes a model
 * version and answers a refusal, the ensemble policy routes a candidate policy and throws one. Built by
 * {@link RolloutSaga} from its fields each time it speaks to the component.
 */
record ComponentCanary(RolloutLaneId laneId, RolloutId rolloutId, RolloutTarget target) {

    private static final Logger LOG = LoggerFactory.getLogger(ComponentCanary.class);
    /** What the ensemble policy answers while another rollout's canary is routed. */
    private static final String ROLLOUT_IN_PROGRESS = "rollout-in-progress";

    /** Routes the canary at {@code share}: its key, or empty when the component refused and the rollout aborts. */
    Optional<String> route(double share, Instant at, CommandGateway commands) {
        Attempt attempt = attempt(share, at, commands);
        if (attempt.refusal() != null) {
            abort(attempt.refusal(), at, commands);
        }
        return Optional.ofNullable(attempt.key());
    }

    /**
     * Routes the canary's first share. The lane approves a rollout as soon as the one before it ended, but that
     * one's canary leaves the component only once its own saga has promoted or withdrawn it; until then the
     * component refuses as a rollout in progress. While {@code mayWait}, that refusal leaves the rollout starting,
     * for the caller to try again; any other refusal, or that one once waiting is over, aborts the rollout.
     */
    Start start(double share, Instant at, boolean mayWait, CommandGateway commands) {
        Attempt attempt = attempt(share, at, commands);
        if (attempt.refusal() == null) {
            return new Start(attempt.key(), false);
        }
        if (mayWait && attempt.previousCanaryStillRouted()) {
            return new Start(null, true);
        }
        abort(attempt.refusal(), at, commands);
        return new Start(null, false);
    }

    /** How a start went: routed under {@code key}; else waiting for the lane's previous canary, or aborted. */
    record Start(String key, boolean waiting) {
    }

    /** The key the component routed the canary under, or why it refused and whether for another rollout's canary. */
    private record Attempt(String key, String refusal, boolean previousCanaryStillRouted) {
    }

    private Attempt attempt(double share, Instant at, CommandGateway commands) {
        try {
            if (onHrsLine()) {
                PromotionOutcome outcome = commands.sendAndWait(new RouteCanary(hrsLine(), rolloutId,
                        target.modelVersion(), share, target.gates(), ACTOR, at));
                if (outcome.accepted()) {
                    return new Attempt(target.modelVersion(), null, false);
                }
                return new Attempt(null, "the HRS line refused the canary: " + outcome.refusal() + " "
                        + outcome.detail(), outcome.refusal() == PromotionRefusal.ROLLOUT_IN_PROGRESS);
            }
            Long version = commands.sendAndWait(new RoutePolicyCanary(policy(), rolloutId,
                    target.candidatePolicy(), share, ACTOR, at));
            return new Attempt(String.valueOf(version), null, false);
        } catch (BusinessRuleViolation | InvalidValue | AggregateNotFoundException refused) {
            return new Attempt(null, "the " + target.component().id() + " component refused the canary: "
                    + refused.getMessage(), refused instanceof BusinessRuleViolation violation
                    && violation.code().equals(ROLLOUT_IN_PROGRESS));
        }
    }

    private void abort(String refusal, Instant at, CommandGateway commands) {
        commands.sendAndWait(new AbortRollout(laneId, rolloutId, ACTOR, refusal, at));
    }

    /** Routes all traffic to the canary, which completed after {@code steps} steps. */
    void promote(int steps, Instant at, CommandGateway commands) {
        String reason = "rollout " + rolloutId + " completed after " + steps + " steps";
        endWith(onHrsLine()
                ? new PromoteCanary(hrsLine(), rolloutId, ACTOR, at)
                : new PromotePolicyCanary(policy(), rolloutId, ACTOR, reason, at), commands);
    }

    void withdraw(String reason, Instant at, CommandGateway commands) {
        endWith(onHrsLine()
                ? new WithdrawCanary(hrsLine(), rolloutId, ACTOR, reason, at)
                : new WithdrawPolicyCanary(policy(), rolloutId, ACTOR, reason, at), commands);
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

    private boolean onHrsLine() {
        return target.component() == RolloutComponent.HRS_MODEL;
    }

    private HrsLineId hrsLine() {
        return HrsLineId.of(laneId.tenantId());
    }

    private PolicyId policy() {
        return PolicyId.of(laneId.tenantId());
    }
}
