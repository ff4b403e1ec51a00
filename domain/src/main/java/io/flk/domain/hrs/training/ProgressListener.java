package io.flk.domain.hrs.training;

/**
 * Hears each finished stage of a training: {@code split}, {@code candidate:<id>}, {@code calibration},
 * {@code evaluation}.
 *
 * @see HrsTrainer#train
 */
@FunctionalInterface
public interface ProgressListener {

    /** @param step 1-based, out of {@code steps}; {@code detail} holds the stage's numbers */
    void progressed(String stage, int step, int steps, String detail);
}
