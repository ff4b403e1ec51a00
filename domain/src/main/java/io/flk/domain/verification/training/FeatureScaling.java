package io.flk.domain.verification.training;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Standardisation of named features (mean 0, standard deviation 1 on the training set), clipped to
 * +-{@value #CLIP} so that an extreme input cannot drive a linear model to a certain answer by itself.
 * Missing features count as 0 before scaling, which is what every share and count means when absent.
 */
public record FeatureScaling(List<String> names, double[] means, double[] deviations) implements Serializable {

    public static final double CLIP = 8;

    public FeatureScaling {
        names = List.copyOf(names);
        means = means.clone();
        deviations = deviations.clone();
    }

    public static FeatureScaling fit(List<String> names, List<Map<String, Double>> rows) {
        int width = names.size();
        double[] means = new double[width];
        double[] deviations = new double[width];
        for (int column = 0; column < width; column++) {
            String name = names.get(column);
            double sum = 0;
            for (Map<String, Double> row : rows) {
                sum += row.getOrDefault(name, 0.0);
            }
            double mean = rows.isEmpty() ? 0 : sum / rows.size();
            double squares = 0;
            for (Map<String, Double> row : rows) {
                double delta = row.getOrDefault(name, 0.0) - mean;
                squares += delta * delta;
            }
            double deviation = rows.isEmpty() ? 0 : Math.sqrt(squares / rows.size());
            means[column] = mean;
            // A constant column carries no information; dividing by 1 keeps it at 0 instead of NaN.
            deviations[column] = deviation > 1e-12 ? deviation : 1;
        }
        return new FeatureScaling(names, means, deviations);
    }

    public double[] scale(Map<String, Double> features) {
        double[] values = new double[names.size()];
        for (int column = 0; column < values.length; column++) {
            Double raw = features.get(names.get(column));
            double value = raw == null || !Double.isFinite(raw) ? 0 : raw;
            double scaled = (value - means[column]) / deviations[column];
            values[column] = Math.max(-CLIP, Math.min(CLIP, scaled));
        }
        return values;
    }
}
