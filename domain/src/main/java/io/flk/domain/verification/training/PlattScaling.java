package io.flk.domain.verification.training;

/**
 * Platt scaling: calibrated probability = sigmoid(a * z + b), z the logit of the raw model probability,
 * fitted by Newton's method on a held-out calibration set with Platt's smoothed targets (so that a
 * perfectly separated calibration set does not push a to infinity).
 */
public record PlattScaling(double a, double b) {

    private static final int MAX_ITERATIONS = 100;
    private static final double EPSILON = 1e-7;

    public static PlattScaling identity() {
        return new PlattScaling(1, 0);
    }

    public double calibrate(double rawProbability) {
        return sigmoid(a * logit(rawProbability) + b);
    }

    /** Fits a and b to raw probabilities and their true labels. */
    public static PlattScaling fit(double[] rawProbabilities, boolean[] positive) {
        int positives = 0;
        for (boolean label : positive) {
            positives += label ? 1 : 0;
        }
        int negatives = positive.length - positives;
        if (positives == 0 || negatives == 0) {
            return identity();
        }
        double highTarget = (positives + 1.0) / (positives + 2.0);
        double lowTarget = 1.0 / (negatives + 2.0);
        double[] z = new double[rawProbabilities.length];
        double[] target = new double[rawProbabilities.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logit(rawProbabilities[i]);
            target[i] = positive[i] ? highTarget : lowTarget;
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gradientA = 0;
            double gradientB = 0;
            double hessianAa = 1e-9;
            double hessianAb = 0;
            double hessianBb = 1e-9;
            for (int i = 0; i < z.length; i++) {
                double p = sigmoid(a * z[i] + b);
                double error = p - target[i];
                double weight = Math.max(p * (1 - p), 1e-12);
                gradientA += error * z[i];
                gradientB += error;
                hessianAa += weight * z[i] * z[i];
                hessianAb += weight * z[i];
                hessianBb += weight;
            }
            double determinant = hessianAa * hessianBb - hessianAb * hessianAb;
            if (Math.abs(determinant) < 1e-18) {
                break;
            }
            double stepA = (hessianBb * gradientA - hessianAb * gradientB) / determinant;
            double stepB = (hessianAa * gradientB - hessianAb * gradientA) / determinant;
            a -= stepA;
            b -= stepB;
            if (Math.abs(stepA) < EPSILON && Math.abs(stepB) < EPSILON) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    public static double logit(double probability) {
        double p = Math.max(1e-6, Math.min(1 - 1e-6, probability));
        return Math.log(p / (1 - p));
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
