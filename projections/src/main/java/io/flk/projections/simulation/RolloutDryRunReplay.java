package io.flk.projections.simulation;

import io.flk.domain.rollout.RolloutDryRun;
import io.flk.domain.rollout.RolloutDryRunReport;
import io.flk.domain.rollout.RolloutPlan;
import io.flk.domain.rollout.RolloutTarget;
import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.simulation.ReviewPrice;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.TaskSimulator;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;

/** A rollout dry-run: the recorded range streamed from the event store, in time order, through the gate logic. */
public class RolloutDryRunReplay {

    private final TaskEventReplay replay;

    public RolloutDryRunReplay(TaskEventReplay replay) {
        this.replay = replay;
    }

    /**
     * @param candidate           how canary tasks are re-decided: the candidate policy, or the live policy with the
     *                            HRS version's recorded shadow risks
     * @param configuredReviewUsd the price of a review when the range's tasks recorded no review cost
     * @throws ReplayCancelled when {@code control} asked for it
     * @throws ReplayTooLarge  when the range has more labelled tasks than a replay may hold
     */
    public RolloutDryRunReport dryRun(TenantId tenantId, RolloutTarget target, RolloutPlan plan,
                                      SimulationCandidate candidate, Instant from, Instant to,
                                      double configuredReviewUsd, ReplayControl control) {
        Stepping stepping = new Stepping(new RolloutDryRun(tenantId, target, plan, from), candidate.validated(),
                configuredReviewUsd);
        replay.replay(tenantId, from, to, control, stepping);
        return stepping.dryRun.finish(to);
    }

    /** The simulator exists once the labels are read: the review price comes from them. */
    private static final class Stepping implements RecordedTaskSink {

        private final RolloutDryRun dryRun;
        private final SimulationCandidate candidate;
        private final double configuredReviewUsd;
        private TaskSimulator simulator;

        Stepping(RolloutDryRun dryRun, SimulationCandidate candidate, double configuredReviewUsd) {
            this.dryRun = dryRun;
            this.candidate = candidate;
            this.configuredReviewUsd = configuredReviewUsd;
        }

        @Override
        public void labelsRead(long labels, double reviewCostUsd) {
            simulator = new TaskSimulator(candidate, ReviewPrice.of(labels, reviewCostUsd, configuredReviewUsd));
        }

        @Override
        public void accept(RecordedTask task) {
            dryRun.accept(simulator.replay(task));
        }
    }
}
