package io.flk.benchmarks.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one phase of a load run measured. Throughput counts only successful operations that completed inside the
 * measured window; {@code latencies} are those operations' latencies in nanoseconds, sorted.
 */
public record PhaseResult(String name, int clients, Duration window, long windowSuccesses, long windowErrors,
                          long totalSuccesses, long totalErrors, long[] latencies, Map<String, Long> errors,
                          Map<String, String> facts) {

    public double perSecond() {
        return windowSuccesses / (window.toNanos() / 1e9);
    }

    /** Nearest-rank percentile in milliseconds; NaN without samples. */
    public double percentileMillis(double percentile) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * latencies.length);
        return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))] / 1e6;
    }

    public double maxMillis() {
        return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
    }

    public double meanMillis() {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (long latency : latencies) {
            sum += latency;
        }
        return sum / latencies.length / 1e6;
    }

    /** One row for a results table: name, clients, window, commands/s, p50, p95, p99, max, errors. */
    public List<String> row() {
        return List.of(name, Integer.toString(clients), window.toSeconds() + " s", Long.toString(windowSuccesses),
                String.format("%,.0f", perSecond()), ms(percentileMillis(50)), ms(percentileMillis(95)),
                ms(percentileMillis(99)), ms(maxMillis()), Long.toString(windowErrors), Long.toString(totalErrors));
    }

    public static List<String> header() {
        return List.of("Phase", "Clients", "Window", "Commands ok", "Commands/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "Errors (window)", "Errors (whole phase)");
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : String.format("%.2f", millis);
    }
}
