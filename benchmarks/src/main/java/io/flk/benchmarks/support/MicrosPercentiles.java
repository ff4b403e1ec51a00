package io.flk.benchmarks.support;

import java.util.Arrays;

/** In-process latency samples, taken in nanoseconds, read as percentiles in microseconds. */
public final class MicrosPercentiles {

    private final long[] sorted;

    private MicrosPercentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static MicrosPercentiles of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new MicrosPercentiles(sorted);
    }

    public int samples() {
        return sorted.length;
    }

    /** The nearest-rank percentile: the smallest sample with at least {@code quantile} of the samples at or below. */
    public double at(double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    public double max() {
        return sorted[sorted.length - 1] / 1000.0;
    }
}
