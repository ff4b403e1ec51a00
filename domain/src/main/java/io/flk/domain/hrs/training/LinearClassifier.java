package io.flk.domain.hrs.training;

import io.flk.domain.verification.training.PlattScaling;

/**
 * Logistic regression: risk = sigmoid(w . x + bias). A two-class softmax is the sigmoid of the difference of
 * its two scores, so Tribuo's per-class weights fold into one vector.
 */
public record LinearClassifier(double[] weights, double bias) implements HrsClassifier {

    public LinearClassifier {
        weights = weights.clone();
    }

    @Override
    public double rawRisk(double[] scaled) {
        double score = bias;
        for (int i = 0; i < weights.length; i++) {
            score += weights[i] * scaled[i];
        }
        return PlattScaling.sigmoid(score);
    }

    @Override
    public String algorithm() {
        return "tribuo-logistic-regression";
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
