package io.flk.domain.rollout;

/** The variance of an observed proportion, as the gates' confidence sequences use it. */
final class Proportion {

    private Proportion() {
    }

    /**
     * p(1 - p) / n, floored as if one event in n had been seen: a proportion observed at 0 or 1 has no plug-in
     * variance, and an interval collapsed to a point would pass or fail a gate on a handful of samples. The floor
     * is the smallest rate such a sample cannot rule out, and it fades as n grows.
     */
    static double variance(long events, long n) {
        if (n < 1) {
            throw new IllegalArgumentException("a proportion needs at least one sample");
        }
        double p = (double) events / n;
        return Math.max(p * (1 - p), Math.min(0.25, 1.0 / n)) / n;
    }
}
