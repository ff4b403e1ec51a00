package io.flk.domain.verification;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Log-bucketed latency counts: bucket {@code b} holds latencies up to {@code GROWTH^b} microseconds, so a
 * percentile read from the buckets is at most 5% above the true value, and histograms of several days or
 * policy versions add up bucket by bucket.
 */
public final class LatencyHistogram {

    static final double GROWTH = 1.05;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final SortedMap<Integer, Long> counts = new TreeMap<>();

    public static int bucketOf(long micros) {
        return micros <= 1 ? 0 : (int) Math.ceil(Math.log(micros) / LOG_GROWTH - 1e-9);
    }

    /** The largest latency a bucket holds, in milliseconds. */
    public static double upperBoundMillis(int bucket) {
        return Math.pow(GROWTH, bucket) / 1000.0;
    }

    public LatencyHistogram add(int bucket, long tasks) {
        counts.merge(bucket, tasks, Long::sum);
        return this;
    }

    public LatencyHistogram merge(LatencyHistogram other) {
        other.counts.forEach(this::add);
        return this;
    }

    /** The latency below which a share {@code quantile} of the tasks fell, or {@code null} without tasks. */
    public Double percentileMillis(double quantile) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return upperBoundMillis(bucket.getKey());
            }
        }
        return upperBoundMillis(counts.lastKey());
    }
}
