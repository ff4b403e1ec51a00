package io.flk.projections.simulation;

import io.flk.domain.simulation.RecordedTask;
import io.flk.domain.simulation.ReviewPrice;
import io.flk.domain.simulation.SimulationCandidate;
import io.flk.domain.simulation.SimulationResult;
import io.flk.domain.simulation.SimulationTally;
import io.flk.domain.simulation.TaskSimulator;
import io.flk.domain.tenant.TenantId;
import java.time.Instant;

/** A what-if simulation: the recorded range streamed from the event store through the candidate into a tally. */
public class WhatIfSimulation {

    private final TaskEventReplay replay;

    public WhatIfSimulation(TaskEventReplay replay) {
        this.replay = replay;
    }

    /**
     * @param configuredReviewUsd the price of a review when the range's tasks recorded no review cost
     * @throws ReplayCancelled when {@code control} asked for it
     * @throws ReplayTooLarge  when the range has more labelled tasks than a simulation may hold
     */
    public SimulationResult simulate(TenantId tenantId, Instant from, Instant to, SimulationCandidate candidate,
                                     double configuredReviewUsd, ReplayControl control) {
        Tallying tallying = new Tallying(candidate.validated(), configuredReviewUsd);
        replay.replay(tenantId, from, to, control, tallying);
        return tallying.tally.result();
    }

    /** The simulator and tally exist once the labels are read: the review price comes from them. */
    private static final class Tallying implements RecordedTaskSink {

        private final SimulationCandidate candidate;
        private final double configuredReviewUsd;
        private TaskSimulator simulator;
        private SimulationTally tally;

        Tallying(SimulationCandidate candidate, double configuredReviewUsd) {
            this.candidate = candidate;
            this.configuredReviewUsd = configuredReviewUsd;
        }

        @Override
        public void labelsRead(long labels, double reviewCostUsd) {
            ReviewPrice price = ReviewPrice.of(labels, reviewCostUsd, configuredReviewUsd);
            simulator = new TaskSimulator(candidate, price);
            tally = new SimulationTally(candidate, price);
        }

        @Override
        public void accept(RecordedTask task) {
            tally.add(simulator.replay(task));
        }
    }
}
