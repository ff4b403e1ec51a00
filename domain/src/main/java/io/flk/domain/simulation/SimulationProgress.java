package io.flk.domain.simulation;

/**
 * How far a simulation run got.
 *
 * @param eventsRead     recorded events read so far (labels, disagreements, decisions)
 * @param tasksRead      recorded decisions read so far
 * @param estimatedTasks recorded decisions in the range, counted when the run started; {@code null} until counted
 * @param fraction       tasksRead / estimatedTasks, at most 1; {@code null} until counted
 */
public record SimulationProgress(Phase phase, long eventsRead, long tasksRead, Long estimatedTasks, Double fraction) {

    public static final SimulationProgress QUEUED = new SimulationProgress(Phase.QUEUED, 0, 0, null, null);

    public enum Phase {
        QUEUED,
        /** Counting the decisions in the range. */
        COUNTING,
        /** Reading the labels and disagreements of the range's tasks. */
        LABELS,
        /** Replaying the decisions under the candidate. */
        DECISIONS,
        DONE
    }

    public static SimulationProgress of(Phase phase, long eventsRead, long tasksRead, Long estimatedTasks) {
        Double fraction = estimatedTasks == null ? null
                : estimatedTasks == 0 ? 1.0 : Math.min(1.0, (double) tasksRead / estimatedTasks);
        return new SimulationProgress(phase, eventsRead, tasksRead, estimatedTasks, fraction);
    }
}
