package io.flk.domain.verification.training;

/**
 * Platt scaling: calibrated probability = sigmoid(a * z + b), z the logit of the raw model probability,
 * fitted on a held-out calibration set with Platt's smoothed targets (so that a perfectly separated calibration
 * set does not push a to infinity). The fit is Lin, Lin and Weng's (2007) Newton's method with a backtracking
 * line search on a log-loss computed without overflow: plain Newton steps from (1, 0) overshoot on nearly
 * separated sets, where p(1 - p) vanishes, and can end on a huge negative {@code a} that inverts the model.
 */
public record PlattScaling(double a, double b) {

    private static final int MAX_ITERATIONS = 100;
    private static final double MIN_STEP = 1e-10;
    /** Keeps the Hessian positive definite where every p(1 - p) underflows. */
    private static final double RIDGE = 1e-12;
    private static final double GRADIENT_TOLERANCE = 1e-5;
    /** Armijo's sufficient-decrease constant. */
    private static final double SUFFICIENT_DECREASE = 1e-4;

    public static PlattScaling identity() {
        return new PlattScaling(1, 0);
    }

    public double calibrate(double rawProbability) {
        return sigmoid(a * logit(rawProbability) + b);
    }

    /** Fits a and b to raw probabilities and their true labels by minimising the log-loss on smoothed targets. */
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
        double a = 0;
        double b = Math.log((positives + 1.0) / (negatives + 1.0));
        double loss = logLoss(z, target, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double gradientA = 0;
            double gradientB = 0;
            double hessianAa = RIDGE;
            double hessianAb = 0;
            double hessianBb = RIDGE;
            for (int i = 0; i < z.length; i++) {
                double p = sigmoid(a * z[i] + b);
                double error = p - target[i];
                double weight = p * (1 - p);
                gradientA += error * z[i];
                gradientB += error;
                hessianAa += weight * z[i] * z[i];
                hessianAb += weight * z[i];
                hessianBb += weight;
            }
            if (Math.abs(gradientA) < GRADIENT_TOLERANCE && Math.abs(gradientB) < GRADIENT_TOLERANCE) {
                break;
            }
            double determinant = hessianAa * hessianBb - hessianAb * hessianAb;
            double directionA = -(hessianBb * gradientA - hessianAb * gradientB) / determinant;
            double directionB = -(hessianAa * gradientB - hessianAb * gradientA) / determinant;
            double slope = gradientA * directionA + gradientB * directionB;
            double step = 1;
            while (step >= MIN_STEP) {
                double nextLoss = logLoss(z, target, a + step * directionA, b + step * directionB);
                if (nextLoss < loss + SUFFICIENT_DECREASE * step * slope) {
                    a += step * directionA;
                    b += step * directionB;
                    loss = nextLoss;
                    break;
                }
                step /= 2;
            }
            if (step < MIN_STEP) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    /** The cross-entropy of sigmoid(a * z + b) against the targets, as log(1 + e^x) sums that cannot overflow. */
    private static double logLoss(double[] z, double[] target, double a, double b) {
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            double score = a * z[i] + b;
            loss += target[i] * softplus(-score) + (1 - target[i]) * softplus(score);
        }
        return loss;
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    public static double logit(double probability) {
        double p = Math.max(1e-6, Math.min(1 - 1e-6, probability));
        return Math.log(p / (1 - p));
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
