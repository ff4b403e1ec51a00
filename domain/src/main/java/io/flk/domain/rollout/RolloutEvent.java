package io.flk.domain.rollout;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The life of a rollout, from request to its end. Every look at a step is recorded with the window's numbers
 * and every gate's verdict, so an auditor can recompute each action from the log alone.
 */
public sealed interface RolloutEvent {

    TenantId tenantId();

    RolloutId rolloutId();

    RolloutComponent component();

    @Revision("1")
    record RolloutRequested(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutTarget target,
                            RolloutPlan plan, String requestedBy, String reason, Instant at) implements RolloutEvent {
    }

    /** A rollout command that was refused: concurrent rollouts and self-approvals are what an auditor looks for. */
    @Revision("1")
    record RolloutRefused(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutRefusal refusal,
                          String detail, String attemptedBy, Instant at) implements RolloutEvent {
    }

    @Revision("1")
    record RolloutApproved(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutTarget target,
                           RolloutPlan plan, String requestedBy, String approvedBy, String reason, Instant at)
            implements RolloutEvent {
    }

    @Revision("1")
    record RolloutRejected(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, String rejectedBy,
                           String reason, Instant at) implements RolloutEvent {
    }

    /**
     * The component routes the canary share to what is rolled out.
     *
     * @param canaryKey how the canary's tasks are recognised in the log: the model version, or the candidate
     *                  policy version as a string
     */
    @Revision("1")
    record RolloutStarted(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutTarget target,
                          String canaryKey, double share, Instant at) implements RolloutEvent {
    }

    /**
     * One look at a step: the window's numbers, every gate's verdict and the action they add up to.
     *
     * @param evaluation the saga's look counter: a look repeated after a crash carries the same number and is
     *                   ignored, so no step is judged twice
     */
    @Revision("1")
    record RolloutStepJudged(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, int step,
                             long evaluation, RolloutWindow window, RolloutJudgement judgement, Instant at)
            implements RolloutEvent {
    }

    /** The canary share moved (ADVANCE or SHRINK); the new step starts collecting from {@code at}. */
    @Revision("1")
    record RolloutShareChanged(TenantId tenantId, RolloutId rolloutId, RolloutComponent component,
                               RolloutAction action, int fromStep, int toStep, double fromShare, double toShare,
                               String canaryKey, String reason, Instant at) implements RolloutEvent {
    }

    @Revision("1")
    record RolloutPaused(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, String actor,
                         String reason, Instant at) implements RolloutEvent {
    }

    /** Resuming starts a fresh step at the same share: evidence gathered before the pause is not reused. */
    @Revision("1")
    record RolloutResumed(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, int step,
                          double share, String actor, String reason, Instant at) implements RolloutEvent {
    }

    /** The canary reached all traffic: it becomes the champion model or the live policy version. */
    @Revision("1")
    record RolloutCompleted(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutTarget target,
                            String canaryKey, int steps, Instant at) implements RolloutEvent {
    }

    /** The gates withdrew the canary without a human; {@code failedGate} is {@code null} when no single gate did. */
    @Revision("1")
    record RolloutRolledBack(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutTarget target,
                             String canaryKey, int step, double fromShare, GateKind failedGate, String reason,
                             Instant at) implements RolloutEvent {
    }

    /** An operator stopped the rollout, or the component refused to route the canary; it is withdrawn. */
    @Revision("1")
    record RolloutAborted(TenantId tenantId, RolloutId rolloutId, RolloutComponent component, RolloutTarget target,
                          String canaryKey, String actor, String reason, Instant at) implements RolloutEvent {
    }
}
