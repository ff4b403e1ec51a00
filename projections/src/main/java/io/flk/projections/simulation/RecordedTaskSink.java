package io.flk.projections.simulation;

import io.flk.domain.simulation.RecordedTask;

/**
 * Receives a replayed range: the summary of its labels first, on the replay's thread, then its decisions in time
 * order, on the thread that parses them (one thread, started after {@link #labelsRead}; the replay returns only
 * once it has ended, so whatever it built is visible to the replay's caller).
 */
public interface RecordedTaskSink {

    /**
     * Once the labels of the range's tasks are read, before the first task.
     *
     * @param labels        tasks of the range with a label
     * @param reviewCostUsd the review cost recorded with those labels, summed
     */
    void labelsRead(long labels, double reviewCostUsd);

    void accept(RecordedTask task);
}
