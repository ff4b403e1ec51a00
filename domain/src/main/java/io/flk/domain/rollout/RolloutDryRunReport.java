package io.flk.domain.rollout;

import io.flk.domain.rollout.RolloutQueries.RolloutDecisionView;
import java.util.List;

/**
 * What a rollout would have done over a past window. Tasks are counted until the rollout ended (or the window did).
 *
 * @param status            RUNNING when the window ended before the rollout did
 * @param canaryTasks       treatment-group tasks the canary would have decided
 * @param controlTasks      treatment-group tasks left on what was live
 * @param controlGroupTasks tasks of the ensemble control group, never part of a rollout
 * @param notSimulatable    tasks without the recorded score of a strategy the candidate runs: left out, never
 *                          guessed
 * @param hardCapped        tasks the budget hard cap escalated, which no policy decided
 * @param looks             every judged look, with its window and gate verdicts, oldest first
 */
public record RolloutDryRunReport(RolloutStatus status, int step, double share, long canaryTasks, long controlTasks,
                                  long controlGroupTasks, long notSimulatable, long hardCapped,
                                  List<RolloutDecisionView> looks) {

    public RolloutDryRunReport {
        looks = List.copyOf(looks);
    }
}
