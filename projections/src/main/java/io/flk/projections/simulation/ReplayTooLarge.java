package io.flk.projections.simulation;

/** A replayed range holds more labelled or disagreeing tasks than a simulation may keep in memory. */
public class ReplayTooLarge extends RuntimeException {

    public ReplayTooLarge(String message) {
        super(message);
    }
}
