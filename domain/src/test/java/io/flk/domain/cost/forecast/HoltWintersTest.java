package io.flk.domain.cost.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HoltWintersTest {

    private static final double[] WEEKLY_SHAPE = {1.00, 1.10, 1.15, 1.10, 1.05, 0.70, 0.60};

    /** Known ground truth: 80 USD/day growing 0.6 USD/day, a weekday/weekend pattern, 3 USD of Gaussian noise. */
    static double[] syntheticSpend(int days, long seed) {
        Random random = new Random(seed);
        double[] series = new double[days];
        for (int t = 0; t < days; t++) {
            double trend = 80 + 0.6 * t;
            series[t] = trend + 40 * (WEEKLY_SHAPE[t % 7] - 0.957) + 3 * random.nextGaussian();
        }
        return series;
    }

    @Test
    void aRollingOriginBacktestOnASeriesWithTrendAndWeeklySeasonalityStaysWithinTenPercentMape() {
        double[] series = syntheticSpend(120, 42);

        Backtest.Result seven = Backtest.rollingOrigin(series, HoltWinters.weekly(), 7, 28);
        Backtest.Result thirty = Backtest.rollingOrigin(series, HoltWinters.weekly(), 30, 28);

        assertThat(seven.scored()).isGreaterThan(500);
        assertThat(seven.mape()).isLessThanOrEqualTo(10.0);
        assertThat(thirty.mape()).isLessThanOrEqualTo(10.0);
    }

    @Test
    void theForecastFollowsTheTrendAndTheWeeklyPattern() {
        double[] series = syntheticSpend(84, 7);

        Forecast forecast = HoltWinters.weekly().forecast(series, 14, 0.95);

        for (ForecastPoint point : forecast.points()) {
            int t = series.length - 1 + point.step();
            double truth = 80 + 0.6 * t + 40 * (WEEKLY_SHAPE[t % 7] - 0.957);
            assertThat(point.point()).as("step %d", point.step()).isCloseTo(truth, org.assertj.core.data.Offset.offset(12.0));
        }
        double weekday = forecast.points().get(0).point();
        assertThat(forecast.points()).hasSize(14);
        assertThat(weekday).isNotEqualTo(forecast.points().get(5).point());
    }

    @Test
    void ninetyFivePercentIntervalsCoverAboutNinetyFivePercentOfOneStepAheadOutcomes() {
        double[] series = syntheticSpend(200, 3);
        int covered = 0;
        int total = 0;
        for (int origin = 60; origin < series.length; origin++) {
            ForecastPoint next = HoltWinters.weekly().forecast(java.util.Arrays.copyOf(series, origin), 1, 0.95)
                    .points().get(0);
            covered += series[origin] >= next.lower() && series[origin] <= next.upper() ? 1 : 0;
            total++;
        }
        assertThat((double) covered / total).isBetween(0.85, 1.0);
    }

    @Test
    void lessThanTwoWeeklySeasonsIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> HoltWinters.weekly().forecast(new double[13], 7, 0.95))
                .isInstanceOf(InsufficientHistory.class)
                .hasMessageContaining("at least 14 days")
                .hasMessageContaining("13 available");
    }

    @Test
    void aConstantSeriesForecastsTheConstantWithNoSpread() {
        double[] flat = new double[28];
        java.util.Arrays.fill(flat, 5.0);

        Forecast forecast = HoltWinters.weekly().forecast(flat, 30, 0.95);

        assertThat(forecast.points()).allSatisfy(point -> {
            assertThat(point.point()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(point.upper() - point.lower()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        });
    }
}
