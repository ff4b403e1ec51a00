package io.flk.domain.hrs.training;

/** Maps a classifier's raw risk to a calibrated probability of hallucination. */
public sealed interface HrsCalibration permits PlattCalibration, IsotonicCalibration {

    double calibrate(double rawRisk);

    /** {@code platt} or {@code isotonic}, as registered. */
    String kind();
}
