package io.flk.domain.hrs.training;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Isotonic regression by pool-adjacent-violators: the non-decreasing step function of raw risk closest to the
 * labels in squared error. Each pooled block becomes a knot (mean raw risk, share hallucinated); between knots
 * the calibration interpolates linearly, so that close raw risks do not jump a whole step, and outside them it
 * holds the end values.
 *
 * @param knots  raw risks of the blocks, strictly increasing
 * @param values calibrated probabilities at the knots, non-decreasing within [0, 1]
 */
public record IsotonicCalibration(double[] knots, double[] values) implements HrsCalibration {

    public IsotonicCalibration {
        knots = knots.clone();
        values = values.clone();
        if (knots.length == 0 || knots.length != values.length) {
            throw new IllegalArgumentException("isotonic calibration needs as many values as knots, at least one");
        }
        for (int i = 0; i < knots.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1) || !Double.isFinite(knots[i])
                    || (i > 0 && !(knots[i] > knots[i - 1] && values[i] >= values[i - 1]))) {
                throw new IllegalArgumentException("isotonic knots must increase and values must not decrease");
            }
        }
    }

    public static IsotonicCalibration fit(double[] rawRisk, boolean[] hallucinated) {
        int n = rawRisk.length;
        if (n == 0) {
            throw new IllegalArgumentException("isotonic calibration needs at least one labelled risk");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> rawRisk[i]));
        double[] sumX = new double[n];
        double[] sumY = new double[n];
        int[] count = new int[n];
        double[] lastRaw = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            // Equal raw risks must share one knot, or the knots would not increase strictly.
            if (blocks == 0 || rawRisk[i] != lastRaw[blocks - 1]) {
                blocks++;
            }
            int block = blocks - 1;
            sumX[block] += rawRisk[i];
            sumY[block] += hallucinated[i] ? 1 : 0;
            count[block]++;
            lastRaw[block] = rawRisk[i];
            while (block > 0 && violates(sumX, sumY, count, block)) {
                sumX[block - 1] += sumX[block];
                sumY[block - 1] += sumY[block];
                count[block - 1] += count[block];
                lastRaw[block - 1] = lastRaw[block];
                sumX[block] = 0;
                sumY[block] = 0;
                count[block] = 0;
                block--;
                blocks--;
            }
        }
        double[] knots = new double[blocks];
        double[] values = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            knots[b] = sumX[b] / count[b];
            values[b] = sumY[b] / count[b];
        }
        return new IsotonicCalibration(knots, values);
    }

    /**
     * A block must be pooled with the one before when its share is not above it, or when rounding made the
     * two mean raw risks equal (nearly equal risks), which would break the strictly increasing knots.
     */
    private static boolean violates(double[] sumX, double[] sumY, int[] count, int block) {
        return sumY[block - 1] / count[block - 1] >= sumY[block] / count[block]
                || sumX[block - 1] / count[block - 1] >= sumX[block] / count[block];
    }

    @Override
    public double calibrate(double rawRisk) {
        if (rawRisk <= knots[0]) {
            return values[0];
        }
        int last = knots.length - 1;
        if (rawRisk >= knots[last]) {
            return values[last];
        }
        int found = Arrays.binarySearch(knots, rawRisk);
        if (found >= 0) {
            return values[found];
        }
        int upper = -found - 1;
        int lower = upper - 1;
        double share = (rawRisk - knots[lower]) / (knots[upper] - knots[lower]);
        return values[lower] + share * (values[upper] - values[lower]);
    }

    @Override
    public String kind() {
        return "isotonic";
    }

    @Override
    public double[] knots() {
        return knots.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
