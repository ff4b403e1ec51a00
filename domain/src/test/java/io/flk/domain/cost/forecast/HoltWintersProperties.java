package io.flk.domain.cost.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HoltWintersProperties {

    @Property(tries = 60)
    void intervalsContainThePointForecastAndNeverNarrowWithTheHorizon(@ForAll("spendSeries") List<Double> series,
                                                                     @ForAll @IntRange(min = 1, max = 30) int horizon) {
        Forecast forecast = HoltWinters.weekly().forecast(toArray(series), horizon, 0.95);

        assertThat(forecast.points()).hasSize(horizon);
        double previousWidth = 0;
        for (ForecastPoint point : forecast.points()) {
            assertThat(point.lower()).isLessThanOrEqualTo(point.point());
            assertThat(point.point()).isLessThanOrEqualTo(point.upper());
            double width = point.upper() - point.lower();
            assertThat(width).isGreaterThanOrEqualTo(previousWidth - 1e-9 * Math.max(1, previousWidth));
            previousWidth = width;
        }
    }

    @Property(tries = 40)
    void aHigherCoverageNeverGivesANarrowerInterval(@ForAll("spendSeries") List<Double> series) {
        Forecast eighty = HoltWinters.weekly().forecast(toArray(series), 7, 0.80);
        Forecast ninetyFive = HoltWinters.weekly().forecast(toArray(series), 7, 0.95);

        for (int i = 0; i < 7; i++) {
            assertThat(ninetyFive.points().get(i).upper() - ninetyFive.points().get(i).lower())
                    .isGreaterThanOrEqualTo(eighty.points().get(i).upper() - eighty.points().get(i).lower() - 1e-9);
        }
    }

    @Property(tries = 40)
    void fittedParametersStayWithinTheUnitInterval(@ForAll("spendSeries") List<Double> series) {
        HoltWinters.Parameters parameters = HoltWinters.weekly().fit(toArray(series));

        assertThat(List.of(parameters.alpha(), parameters.beta(), parameters.gamma()))
                .allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
    }

    @Provide
    Arbitrary<List<Double>> spendSeries() {
        return Arbitraries.doubles().between(0, 1_000).list().ofMinSize(14).ofMaxSize(90);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
