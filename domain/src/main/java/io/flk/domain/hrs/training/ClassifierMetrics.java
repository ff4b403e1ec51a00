package io.flk.domain.hrs.training;

import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.ModelMetrics.CurvePoint;
import io.flk.domain.hrs.ModelMetrics.ReliabilityBin;
import io.flk.domain.verification.evaluation.RocAuc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The offline metrics of calibrated risks against labels (hallucinated = positive). */
public final class ClassifierMetrics {

    /** Enough for a model card's curves, small enough to keep every registration event compact. */
    public static final int MAX_CURVE_POINTS = 101;
    public static final int RELIABILITY_BINS = 10;

    private ClassifierMetrics() {
    }

    /** @throws IllegalArgumentException unless both classes occur */
    public static ModelMetrics of(double[] risk, boolean[] hallucinated) {
        int n = risk.length;
        int positives = 0;
        for (boolean positive : hallucinated) {
            positives += positive ? 1 : 0;
        }
        double rocAuc = RocAuc.of(risk, hallucinated);
        List<CurvePoint> roc = new ArrayList<>();
        List<CurvePoint> pr = new ArrayList<>();
        double averagePrecision = curves(risk, hallucinated, positives, roc, pr);
        List<ReliabilityBin> reliability = reliability(risk, hallucinated);
        double ece = 0;
        for (ReliabilityBin bin : reliability) {
            ece += (double) bin.count() / n * Math.abs(bin.meanPredicted() - bin.observedRate());
        }
        return new ModelMetrics(rocAuc, averagePrecision, brier(risk, hallucinated), ece, n, positives,
                downsample(roc), downsample(pr), reliability);
    }

    /**
     * Walks the thresholds from the highest risk down, one point per distinct risk (tied risks enter
     * together), filling the ROC and precision-recall points; returns the average precision, the sum of
     * precision times the recall gained at each threshold.
     */
    private static double curves(double[] risk, boolean[] hallucinated, int positives, List<CurvePoint> roc,
                                 List<CurvePoint> pr) {
        int n = risk.length;
        int negatives = n - positives;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> risk[i]).reversed());
        roc.add(new CurvePoint(0, 0));
        double averagePrecision = 0;
        int truePositives = 0;
        int falsePositives = 0;
        int k = 0;
        while (k < n) {
            double threshold = risk[order[k]];
            int gained = 0;
            while (k < n && risk[order[k]] == threshold) {
                if (hallucinated[order[k]]) {
                    truePositives++;
                    gained++;
                } else {
                    falsePositives++;
                }
                k++;
            }
            double precision = (double) truePositives / (truePositives + falsePositives);
            double recall = (double) truePositives / positives;
            averagePrecision += precision * gained / positives;
            roc.add(new CurvePoint((double) falsePositives / negatives, recall));
            pr.add(new CurvePoint(recall, precision));
        }
        return averagePrecision;
    }

    /** Equal-width bins over [0, 1], the last one closed; empty bins are left out. */
    private static List<ReliabilityBin> reliability(double[] risk, boolean[] hallucinated) {
        int[] count = new int[RELIABILITY_BINS];
        double[] predicted = new double[RELIABILITY_BINS];
        int[] observed = new int[RELIABILITY_BINS];
        for (int i = 0; i < risk.length; i++) {
            int bin = Math.min(RELIABILITY_BINS - 1, (int) Math.floor(risk[i] * RELIABILITY_BINS));
            count[bin]++;
            predicted[bin] += risk[i];
            observed[bin] += hallucinated[i] ? 1 : 0;
        }
        List<ReliabilityBin> bins = new ArrayList<>();
        for (int bin = 0; bin < RELIABILITY_BINS; bin++) {
            if (count[bin] > 0) {
                bins.add(new ReliabilityBin((double) bin / RELIABILITY_BINS, (double) (bin + 1) / RELIABILITY_BINS,
                        count[bin], predicted[bin] / count[bin], (double) observed[bin] / count[bin]));
            }
        }
        return bins;
    }

    /** Evenly spaced points of the curve, keeping its first and last. */
    private static List<CurvePoint> downsample(List<CurvePoint> curve) {
        if (curve.size() <= MAX_CURVE_POINTS) {
            return curve;
        }
        List<CurvePoint> kept = new ArrayList<>(MAX_CURVE_POINTS);
        for (int i = 0; i < MAX_CURVE_POINTS; i++) {
            kept.add(curve.get((int) Math.round((double) i * (curve.size() - 1) / (MAX_CURVE_POINTS - 1))));
        }
        return kept;
    }

    /** Mean squared difference between risk and outcome. */
    static double brier(double[] risk, boolean[] hallucinated) {
        double sum = 0;
        for (int i = 0; i < risk.length; i++) {
            double error = risk[i] - (hallucinated[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / risk.length;
    }
}
