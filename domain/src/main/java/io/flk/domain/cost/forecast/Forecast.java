package io.flk.domain.cost.forecast;

import java.util.List;

/**
 * Forecasts for steps 1..h after the last observation.
 *
 * @param level  coverage of the prediction intervals, e.g. 0.95
 * @param sigma  standard deviation of the one-step errors on the fitted history
 */
public record Forecast(HoltWinters.Parameters parameters, double level, double sigma, List<ForecastPoint> points) {

    public Forecast {
        points = List.copyOf(points);
    }

    public double totalPoint() {
        return points.stream().mapToDouble(ForecastPoint::point).sum();
    }
}
