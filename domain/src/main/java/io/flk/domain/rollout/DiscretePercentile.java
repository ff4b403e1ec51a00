package io.flk.domain.rollout;

/**
 * PostgreSQL's {@code percentile_disc}: the value at index ceil(q n) - 1 of the ascending order. Found by
 * selection rather than a sort, since a dry-run or backtest recomputes it over the whole step at every look.
 */
final class DiscretePercentile {

    private DiscretePercentile() {
    }

    /** Reorders {@code values}. */
    static long of(long[] values, double quantile) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a percentile needs at least one value");
        }
        return select(values, (int) Math.ceil(quantile * values.length) - 1);
    }

    /** The k-th smallest value (from 0): Hoare's selection, linear on average. */
    private static long select(long[] values, int k) {
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            long pivot = values[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }
}
