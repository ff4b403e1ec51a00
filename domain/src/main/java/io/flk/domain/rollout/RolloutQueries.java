package io.flk.domain.rollout;

import io.flk.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** Read side of rollouts: the windows the saga judges, and the rollouts with their decisions. */
public final class RolloutQueries {

    private RolloutQueries() {
    }

    /**
     * Canary against control over [{@code from}, {@code to}) from the recorded treatment-group tasks: canary
     * tasks are those whose HRS model version (HRS_MODEL) or policy version (ENSEMBLE_POLICY) is
     * {@code canaryKey}; control tasks are the tenant's other treatment-group tasks.
     *
     * @param latencyRatio the latency gate's ratio, or {@code null} when the gate is off
     */
    public record FetchRolloutWindow(TenantId tenantId, RolloutComponent component, String canaryKey, Instant from,
                                     Instant to, Instant shortFrom, Double latencyRatio, long sloLatencyMicros) {
    }

    public record FindRollout(TenantId tenantId, RolloutId rolloutId) {
    }

    /** Newest first. */
    public record ListRollouts(TenantId tenantId) {
    }

    /** Every judged look of a rollout, oldest first. */
    public record FetchRolloutDecisions(TenantId tenantId, RolloutId rolloutId) {
    }

    /**
     * @param canaryKey   {@code null} until the rollout started
     * @param endedBy     who or what ended it: an actor, or {@code gates}
     */
    public record RolloutView(String tenantId, String rolloutId, RolloutComponent component, RolloutTarget target,
                              RolloutPlan plan, RolloutStatus status, String canaryKey, int step, double share,
                              String requestedBy, String approvedBy, Instant requestedAt, Instant startedAt,
                              Instant endedAt, String endedBy, String endReason, RolloutAction lastAction) {
    }

    public record RolloutDecisionView(long evaluation, int step, Instant at, RolloutWindow window,
                                      RolloutJudgement judgement) {
    }

    public record RolloutDecisions(String rolloutId, List<RolloutDecisionView> decisions) {

        public RolloutDecisions {
            decisions = List.copyOf(decisions);
        }
    }
}
