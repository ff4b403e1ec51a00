package io.flk.domain.hrs.training;

import io.flk.domain.verification.training.PlattScaling;

/** The existing {@link PlattScaling}, as one of the calibrations a training chooses from. */
public record PlattCalibration(PlattScaling scaling) implements HrsCalibration {

    public static PlattCalibration fit(double[] rawRisk, boolean[] hallucinated) {
        return new PlattCalibration(PlattScaling.fit(rawRisk, hallucinated));
    }

    @Override
    public double calibrate(double rawRisk) {
        return scaling.calibrate(rawRisk);
    }

    @Override
    public String kind() {
        return "platt";
    }
}
