package io.flk.benchmarks;

import io.flk.benchmarks.support.BenchmarkReport;
import io.flk.domain.cost.forecast.Backtest;
import io.flk.domain.cost.forecast.HoltWinters;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Rolling-origin backtest of the weekly Holt-Winters forecaster on the FOCUS 1.0 sample (daily sums of
 * EffectiveCost by the day of ChargePeriodStart) and, as the baseline of the same run, on a synthetic series
 * with known trend, weekly season and noise. Usage: {@code [path to focus_sample_1.0.csv]}.
 */
public final class ForecastBacktestReport {

    private ForecastBacktestReport() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/focus/focus_sample_1.0.csv");
        TreeMap<LocalDate, BigDecimal> daily = dailyEffectiveCost(csv);
        LocalDate first = daily.firstKey();
        double[] focus = new double[(int) ChronoUnit.DAYS.between(first, daily.lastKey()) + 1];
        daily.forEach((day, cost) -> focus[(int) ChronoUnit.DAYS.between(first, day)] = cost.doubleValue());

        HoltWinters model = HoltWinters.weekly();
        List<List<String>> rows = new ArrayList<>();
        for (int horizon : new int[] {1, 7}) {
            rows.add(row("FOCUS sample", focus.length, Backtest.rollingOrigin(focus, model, horizon, 14)));
        }
        double[] synthetic = synthetic(120, 42);
        for (int horizon : new int[] {7, 30}) {
            rows.add(row("synthetic (trend + weekly + noise)", synthetic.length,
                    Backtest.rollingOrigin(synthetic, model, horizon, 28)));
        }

        new BenchmarkReport("Forecast backtest (Holt-Winters, weekly)")
                .paragraph("""
                        Rolling origin: for every origin from the minimum training length on, fit alpha, beta, gamma
                        by BOBYQA on the days before it, forecast the horizon (fewer days near the end of the
                        series), and score each forecast day against the actual (MAPE over all scored days). The
                        FOCUS series is the sum of `EffectiveCost` per day of `ChargePeriodStart` in %s: %d days
                        (%s to %s), total %s USD. That is only %d weekly seasons: enough to fit the model (two
                        seasons), but the backtest has %d origins with 14 training days each, so the figure says
                        little about long-run accuracy; it is reported as it is.
                        """.formatted(csv.getFileName(), focus.length, first, daily.lastKey(),
                        daily.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString(),
                        focus.length / 7, focus.length - 14))
                .table(List.of("series", "days", "horizon", "min train", "origins", "days scored",
                        "zero actuals skipped", "MAPE %"), rows)
                .facts("FOCUS daily EffectiveCost (USD)", dailyFacts(daily))
                .publish();
    }

    private static List<String> row(String series, int days, Backtest.Result result) {
        return List.of(series, Integer.toString(days), Integer.toString(result.horizon()),
                Integer.toString(result.minTrain()), Integer.toString(result.origins()),
                Integer.toString(result.scored()), Integer.toString(result.zeroActualsSkipped()),
                String.format(Locale.ROOT, "%.2f", result.mape()));
    }

    private static Map<String, String> dailyFacts(TreeMap<LocalDate, BigDecimal> daily) {
        Map<String, String> facts = new TreeMap<>();
        daily.forEach((day, cost) -> facts.put(day.toString(), cost.setScale(6, java.math.RoundingMode.HALF_EVEN)
                .toPlainString()));
        return facts;
    }

    /** The same generator as the domain test: 80 USD/day + 0.6/day trend, weekday/weekend shape, 3 USD noise. */
    private static double[] synthetic(int days, long seed) {
        double[] shape = {1.00, 1.10, 1.15, 1.10, 1.05, 0.70, 0.60};
        Random random = new Random(seed);
        double[] series = new double[days];
        for (int t = 0; t < days; t++) {
            series[t] = 80 + 0.6 * t + 40 * (shape[t % 7] - 0.957) + 3 * random.nextGaussian();
        }
        return series;
    }

    /** A small quote-aware CSV reader: the FOCUS sample quotes text fields and writes NULL for empty ones. */
    static TreeMap<LocalDate, BigDecimal> dailyEffectiveCost(Path csv) throws IOException {
        TreeMap<LocalDate, BigDecimal> daily = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = split(reader.readLine());
            int cost = header.indexOf("EffectiveCost");
            int start = header.indexOf("ChargePeriodStart");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                List<String> fields = split(line);
                if (!"NULL".equals(fields.get(cost)) && !fields.get(cost).isEmpty()) {
                    daily.merge(LocalDate.parse(fields.get(start).substring(0, 10)), new BigDecimal(fields.get(cost)),
                            BigDecimal::add);
                }
            }
        }
        return daily;
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
