package io.flk.domain.cost.forecast;

import java.util.Arrays;

/**
 * Rolling-origin evaluation: for every origin from {@code minTrain} on, fit on the days before it, forecast
 * {@code horizon} days (fewer near the end of the series), and score the forecasts against what happened. Days with zero actual spend have no
 * percentage error and are counted apart rather than silently scored.
 */
public final class Backtest {

    /** @param mape mean absolute percentage error in percent, NaN when nothing could be scored */
    public record Result(int period, int horizon, int minTrain, int origins, int scored, int zeroActualsSkipped,
                         double mape) {
    }

    private Backtest() {
    }

    public static Result rollingOrigin(double[] series, HoltWinters model, int horizon, int minTrain) {
        if (minTrain < model.minimumHistory()) {
            throw new InsufficientHistory(model.minimumHistory(), minTrain);
        }
        if (series.length < minTrain + 1) {
            throw new InsufficientHistory(minTrain + 1, series.length);
        }
        int origins = 0;
        int scored = 0;
        int zeros = 0;
        double sumApe = 0;
        for (int origin = minTrain; origin < series.length; origin++) {
            int steps = Math.min(horizon, series.length - origin);
            Forecast forecast = model.forecast(Arrays.copyOf(series, origin), steps, 0.95);
            origins++;
            for (ForecastPoint point : forecast.points()) {
                double actual = series[origin + point.step() - 1];
                if (actual == 0) {
                    zeros++;
                } else {
                    sumApe += Math.abs((actual - point.point()) / actual);
                    scored++;
                }
            }
        }
        return new Result(model.period(), horizon, minTrain, origins, scored, zeros,
                scored == 0 ? Double.NaN : 100 * sumApe / scored);
    }
}
