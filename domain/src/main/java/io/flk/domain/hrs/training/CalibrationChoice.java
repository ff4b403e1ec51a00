package io.flk.domain.hrs.training;

import java.util.function.BiFunction;

/**
 * Chooses Platt or isotonic calibration by Brier score, cross-fitted on the validation split (fit on one half,
 * score the other, both ways, averaged) so that isotonic's flexibility is not rewarded for memorising its own
 * rows; the winner is then refitted on the whole split. Ties go to Platt, the simpler of the two.
 */
record CalibrationChoice(HrsCalibration calibration, double plattBrier, double isotonicBrier) {

    static CalibrationChoice choose(double[] rawRisk, boolean[] hallucinated) {
        double plattBrier = crossFitBrier(rawRisk, hallucinated, PlattCalibration::fit);
        double isotonicBrier = crossFitBrier(rawRisk, hallucinated, IsotonicCalibration::fit);
        HrsCalibration chosen = isotonicBrier < plattBrier
                ? IsotonicCalibration.fit(rawRisk, hallucinated) : PlattCalibration.fit(rawRisk, hallucinated);
        return new CalibrationChoice(chosen, plattBrier, isotonicBrier);
    }

    /** Halves by alternate rows: the validation split is in event order, so both halves span the window. */
    private static double crossFitBrier(double[] rawRisk, boolean[] hallucinated,
                                        BiFunction<double[], boolean[], HrsCalibration> fit) {
        Half even = Half.of(rawRisk, hallucinated, 0);
        Half odd = Half.of(rawRisk, hallucinated, 1);
        return (even.brierUnder(fit.apply(odd.rawRisk, odd.hallucinated))
                + odd.brierUnder(fit.apply(even.rawRisk, even.hallucinated))) / 2;
    }

    private record Half(double[] rawRisk, boolean[] hallucinated) {

        static Half of(double[] rawRisk, boolean[] hallucinated, int parity) {
            int size = (rawRisk.length + 1 - parity) / 2;
            double[] risks = new double[size];
            boolean[] labels = new boolean[size];
            for (int i = 0; i < size; i++) {
                risks[i] = rawRisk[2 * i + parity];
                labels[i] = hallucinated[2 * i + parity];
            }
            return new Half(risks, labels);
        }

        double brierUnder(HrsCalibration calibration) {
            double[] calibrated = new double[rawRisk.length];
            for (int i = 0; i < calibrated.length; i++) {
                calibrated[i] = calibration.calibrate(rawRisk[i]);
            }
            return ClassifierMetrics.brier(calibrated, hallucinated);
        }
    }
}
