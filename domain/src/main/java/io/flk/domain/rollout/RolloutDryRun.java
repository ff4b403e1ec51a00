package io.flk.domain.rollout;

import io.flk.domain.hrs.HrsRouting;
import io.flk.domain.rollout.RolloutQueries.RolloutDecisionView;
import io.flk.domain.simulation.TaskOutcome;
import io.flk.domain.simulation.TaskReplay;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.verification.PolicyCanary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout replayed over a past window: recorded tasks, in time order, are split into canary and control by
 * the same buckets the hot path uses at the current share; canary tasks take the outcome the candidate would
 * have given them (a {@link TaskReplay.Simulated}'s simulated outcome), control tasks their recorded one. Every
 * {@code checkInterval} of recorded time the step is judged by {@link RolloutJudge}, as the live saga would,
 * and its action applied. Memory is bounded by one step's samples.
 */
public final class RolloutDryRun {

    private final TenantId tenantId;
    private final RolloutTarget target;
    private final RolloutPlan plan;
    private final List<RolloutSample> stepSamples = new ArrayList<>();
    private final List<RolloutDecisionView> looks = new ArrayList<>();
    private int step = 1;
    private double share;
    private Instant stepStartedAt;
    private Instant nextLook;
    private RolloutStatus status = RolloutStatus.RUNNING;
    private long canaryTasks;
    private long controlTasks;
    private long controlGroupTasks;
    private long notSimulatable;
    private long hardCapped;

    public RolloutDryRun(TenantId tenantId, RolloutTarget target, RolloutPlan plan, Instant from) {
        this.tenantId = tenantId;
        this.target = target.validated();
        this.plan = plan.validated();
        this.share = plan.initialShare();
        this.stepStartedAt = from;
        this.nextLook = from.plus(plan.checkInterval());
    }

    /** The next recorded task; tasks must come in the order they were verified. */
    public void accept(TaskReplay replay) {
        lookUntil(replay.task().verifiedAt());
        if (status != RolloutStatus.RUNNING) {
            return;
        }
        if (replay instanceof TaskReplay.HardCapped) {
            hardCapped++;
        } else if (replay instanceof TaskReplay.MissingScores) {
            notSimulatable++;
        } else if (replay.task().controlGroup()) {
            controlGroupTasks++;
        } else {
            sample((TaskReplay.Simulated) replay);
        }
    }

    /** Takes the looks due until {@code to}, the end of the replayed window, and reports. */
    public RolloutDryRunReport finish(Instant to) {
        lookUntil(to);
        return new RolloutDryRunReport(status, step, share, canaryTasks, controlTasks, controlGroupTasks,
                notSimulatable, hardCapped, looks);
    }

    private void sample(TaskReplay.Simulated replay) {
        boolean canary = routesToCanary(replay.task().taskId());
        TaskOutcome outcome = canary ? replay.simulated() : replay.actual();
        if (canary) {
            canaryTasks++;
        } else {
            controlTasks++;
        }
        stepSamples.add(new RolloutSample(replay.task().verifiedAt(), canary, outcome.latencyMicros(),
                outcome.strategyFailed(), outcome.escalated(), replay.labelledHallucination(), outcome.costUsd()));
    }

    /** The hot path's own bucket rules, so that the replay splits traffic as the live rollout would. */
    private boolean routesToCanary(String taskId) {
        return switch (target.component()) {
            case HRS_MODEL -> new HrsRouting(null, target.modelVersion(), share, List.of())
                    .decidingVersion(tenantId, taskId) != null;
            case ENSEMBLE_POLICY -> new PolicyCanary(null, 0, target.candidatePolicy(), share)
                    .decides(tenantId, taskId);
        };
    }

    private void lookUntil(Instant time) {
        while (status == RolloutStatus.RUNNING && !time.isBefore(nextLook)) {
            look(nextLook);
        }
    }

    private void look(Instant at) {
        RolloutWindow window = RolloutWindows.of(stepSamples, stepStartedAt, at,
                plan.shortWindowStart(stepStartedAt, at), plan.latencyRatio(), plan.sloLatencyMicros());
        RolloutJudgement judgement = RolloutJudge.judge(plan, new RolloutProgress(step, share, stepStartedAt, at),
                window);
        looks.add(new RolloutDecisionView(looks.size() + 1, step, at, window, judgement));
        nextLook = at.plus(plan.checkInterval());
        switch (judgement.action()) {
            case ADVANCE, SHRINK -> {
                share = judgement.shareAfter();
                if (share >= 1) {
                    status = RolloutStatus.COMPLETED;
                } else {
                    startStep(at);
                }
            }
            case ROLLBACK -> {
                share = 0;
                status = RolloutStatus.ROLLED_BACK;
            }
            case HOLD -> {
                if (plan.pausesAt(stepStartedAt, at)) {
                    status = RolloutStatus.PAUSED;
                }
            }
        }
    }

    private void startStep(Instant at) {
        step++;
        stepStartedAt = at;
        stepSamples.clear();
    }
}
