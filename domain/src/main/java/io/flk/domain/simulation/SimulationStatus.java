package io.flk.domain.simulation;

/** Where a simulation run stands. */
public enum SimulationStatus {
    RUNNING,
    COMPLETED,
    CANCELLED,
    /** It stopped on an error, or the instance running it stopped ("interrupted"). */
    FAILED
}
