package io.flk.projections.simulation;

/** The replay stopped between two rows because its cancellation was requested. */
public class ReplayCancelled extends RuntimeException {

    public ReplayCancelled() {
        super("the replay was cancelled");
    }
}
