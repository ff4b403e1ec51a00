package io.flk.benchmarks.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The verification hot path's own meters over the window, read from the application's {@link MeterRegistry}: the
 * group commit (decisions per transaction, append time), the time from a request's arrival in the controller to its
 * durable record ({@code flk.verify}), each strategy in process ({@code flk.strategy}), strategy time-outs and
 * failures, the escalated share, and the server-side HTTP time ({@code http.server.requests}, which also covers the
 * filters: security, observation, body reading). Percentiles come from the meters' histogram buckets, so they are
 * bucket upper bounds. Also the whole machine's CPU time per successful operation.
 */
public final class VerificationMetersProbe implements LoadDriver.Probe {

    private static final String VERIFY_URI = "/api/v1/verifications";
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final MeterRegistry registry;
    private Map<String, Snapshot> before;
    private long busyTicksBefore;

    public VerificationMetersProbe(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void windowStarted() {
        before = snapshots();
        busyTicksBefore = busyTicks();
    }

    @Override
    public Map<String, String> windowEnded(Duration window, long successes) {
        Map<String, Snapshot> after = snapshots();
        long busy = busyTicks() - busyTicksBefore;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("machine CPU time per successful request (all processes)", successes == 0 ? "n/a"
                : String.format("%.2f ms", busy * 1000.0 / CLOCK_TICKS_PER_SECOND / successes));
        Snapshot commits = delta(after, "commit.size");
        Snapshot appends = delta(after, "commit.time");
        if (commits != null && commits.count > 0) {
            facts.put("group commits: transactions/s, decisions per commit mean / p50 / p90 / p99 (bucket) / max seen",
                    String.format("%,.0f/s, %.1f / %s / %s / %s / %.0f", commits.count / seconds(window),
                            commits.total / commits.count, commits.percentile(0.50), commits.percentile(0.90),
                            commits.percentile(0.99), after.get("commit.size").max));
            facts.put("group commit append, mean (flk.group.commit)", appends == null || appends.count == 0 ? "n/a"
                    : String.format("%.3f ms", appends.total / appends.count / 1e6));
        } else {
            facts.put("group commits", "none in the window");
        }
        Snapshot verify = delta(after, "verify");
        if (verify != null && verify.count > 0) {
            facts.put("server: controller entry -> durable record, mean / p99 (flk.verify)",
                    String.format("%.2f ms / %s ms", verify.total / verify.count / 1e6, verify.percentileMillis(0.99)));
            Snapshot escalated = delta(after, "escalations");
            if (escalated != null) {
                facts.put("escalated (202) share", String.format("%.1f %%", 100.0 * escalated.count / verify.count));
            }
        }
        Snapshot http = delta(after, "http");
        if (http != null && http.count > 0) {
            facts.put("server: HTTP request incl. filters and security, mean (http.server.requests)",
                    String.format("%.2f ms", http.total / http.count / 1e6));
        }
        StringBuilder strategies = new StringBuilder();
        after.keySet().stream().filter(key -> key.startsWith("strategy:")).sorted().forEach(key -> {
            Snapshot strategy = delta(after, key);
            if (strategy != null && strategy.count > 0) {
                if (!strategies.isEmpty()) {
                    strategies.append(", ");
                }
                strategies.append(String.format("%s %.3f / %s", key.substring("strategy:".length()),
                        strategy.total / strategy.count / 1e6, strategy.percentileMillis(0.99)));
            }
        });
        facts.put("strategies in process, mean / p99 ms (flk.strategy)",
                strategies.isEmpty() ? "n/a" : strategies.toString());
        Snapshot timeouts = delta(after, "timeouts");
        Snapshot failures = delta(after, "failures");
        facts.put("strategy time-outs / failures in the window", String.format("%,d / %,d",
                timeouts == null ? 0 : (long) timeouts.total, failures == null ? 0 : (long) failures.total));
        return facts;
    }

    private static double seconds(Duration window) {
        return window.toNanos() / 1e9;
    }

    private Snapshot delta(Map<String, Snapshot> after, String key) {
        Snapshot now = after.get(key);
        if (now == null) {
            return null;
        }
        Snapshot then = before.get(key);
        return then == null ? now : now.minus(then);
    }

    private Map<String, Snapshot> snapshots() {
        Map<String, Snapshot> snapshots = new TreeMap<>();
        DistributionSummary size = registry.find("flk.group.commit.size").summary();
        if (size != null) {
            snapshots.put("commit.size", Snapshot.of(size.takeSnapshot()));
        }
        Timer append = registry.find("flk.group.commit").timer();
        if (append != null) {
            snapshots.put("commit.time", Snapshot.of(append.takeSnapshot()));
        }
        snapshots.put("verify", Snapshot.sum(registry.find("flk.verify").timers()));
        snapshots.put("http", Snapshot.sum(registry.find("http.server.requests").tag("uri", VERIFY_URI).timers()));
        for (Timer strategy : registry.find("flk.strategy").timers()) {
            snapshots.put("strategy:" + strategy.getId().getTag("strategy"), Snapshot.of(strategy.takeSnapshot()));
        }
        snapshots.put("timeouts", Snapshot.counters(registry.find("flk.strategy.timeouts").counters()));
        snapshots.put("failures", Snapshot.counters(registry.find("flk.strategy.failures").counters()));
        snapshots.put("escalations", Snapshot.countersAsCount(registry.find("flk.verify.escalations").counters()));
        return snapshots;
    }

    private static long busyTicks() {
        List<String> lines = Machine.lines(Path.of("/proc/stat"));
        if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
            return 0;
        }
        String[] fields = lines.get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(fields[i]);
        }
        return busy;
    }

    /**
     * Count, total (nanoseconds for timers) and histogram of a meter; {@code buckets} maps a bucket's upper bound
     * (nanoseconds for timers) to the cumulative count at or below it.
     */
    private record Snapshot(long count, double total, double max, TreeMap<Double, Double> buckets) {

        static Snapshot of(HistogramSnapshot snapshot) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                buckets.put(bucket.bucket(), bucket.count());
            }
            return new Snapshot(snapshot.count(), snapshot.total(), snapshot.max(), buckets);
        }

        static Snapshot sum(Iterable<Timer> timers) {
            long count = 0;
            double total = 0;
            for (Timer timer : timers) {
                count += timer.count();
                total += timer.totalTime(TimeUnit.NANOSECONDS);
            }
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (Timer timer : timers) {
                for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
                    buckets.merge(bucket.bucket(), bucket.count(), Double::sum);
                }
            }
            return new Snapshot(count, total, 0, buckets);
        }

        static Snapshot counters(Iterable<Counter> counters) {
            double total = 0;
            for (Counter counter : counters) {
                total += counter.count();
            }
            return new Snapshot(0, total, 0, new TreeMap<>());
        }

        static Snapshot countersAsCount(Iterable<Counter> counters) {
            double total = 0;
            for (Counter counter : counters) {
                total += counter.count();
            }
            return new Snapshot((long) total, total, 0, new TreeMap<>());
        }

        Snapshot minus(Snapshot earlier) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            this.buckets.forEach((bound, cumulative) ->
                    buckets.put(bound, cumulative - earlier.buckets.getOrDefault(bound, 0.0)));
            return new Snapshot(count - earlier.count, total - earlier.total, max, buckets);
        }

        /** Upper bound of the bucket holding the quantile (in the meter's unit), or "n/a" without a histogram. */
        String percentile(double quantile) {
            Double bound = bound(quantile);
            return bound == null ? "n/a" : String.format("≤ %.0f", bound);
        }

        String percentileMillis(double quantile) {
            Double bound = bound(quantile);
            return bound == null ? "n/a" : String.format("≤ %.2f", bound / 1e6);
        }

        private Double bound(double quantile) {
            if (buckets.isEmpty() || count <= 0) {
                return null;
            }
            double rank = quantile * count;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= rank) {
                    return bucket.getKey();
                }
            }
            return null;
        }
    }
}
