package io.flk.benchmarks.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rates measured once a round: the median reported, every round shown. */
public final class RoundRates {

    private RoundRates() {
    }

    public static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public static String joined(List<Double> rates) {
        return String.join(", ", rates.stream().map(RoundRates::fmt).toList());
    }

    public static String fmt(double rate) {
        return String.format(Locale.ROOT, "%,.0f", rate);
    }
}
