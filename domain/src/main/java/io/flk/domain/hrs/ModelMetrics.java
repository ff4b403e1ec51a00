package io.flk.domain.hrs;

import java.util.List;

/**
 * Offline metrics of a version on its held-out test split (hallucinated = positive), with the points a model
 * card draws: ROC (x = false-positive rate, y = true-positive rate), precision-recall (x = recall,
 * y = precision) and the reliability diagram.
 *
 * @param ece expected calibration error over the reliability bins, weighted by their counts
 */
public record ModelMetrics(double rocAuc, double prAuc, double brier, double ece, int rows, int positives,
                           List<CurvePoint> roc, List<CurvePoint> pr, List<ReliabilityBin> reliability) {

    public ModelMetrics {
        roc = List.copyOf(roc);
        pr = List.copyOf(pr);
        reliability = List.copyOf(reliability);
    }

    public record CurvePoint(double x, double y) {
    }

    /** Tasks whose predicted risk fell in [from, to): their mean risk against the share that were hallucinated. */
    public record ReliabilityBin(double from, double to, int count, double meanPredicted, double observedRate) {
    }
}
