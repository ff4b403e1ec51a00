package io.flk.benchmarks.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Warms a JVM up until its JIT compilers are done. On a 2-core machine C2 keeps compiling for one to three minutes
 * after the application starts, and a figure measured meanwhile is far too low (a sequential loop ran at half its
 * later speed, REST at half). Under full load the compiler threads get little CPU, so their queue drains slowly and
 * their CPU use under load says nothing about how much is left. So warm-up runs in rounds: every path with the given
 * clients for {@code round}, then the first path with one client for a few seconds, which leaves a core free; the
 * JIT is done when the compiler threads used less than {@code quietPercent} of a core (CPU time, from /proc) during
 * that light part, after at least {@code min}, or at {@code max}.
 */
public final class JitWarmup {

    /** How a warm-up ended; {@code runs} hold the load runs, whose successes and errors still count. */
    public record Outcome(Duration took, double lastRoundCompilationPercent, boolean quiet, List<PhaseResult> runs) {

        public String describe() {
            return String.format("%d s; JIT compiler threads at %.0f %% of a core in the last light round%s",
                    took.toSeconds(),
                    lastRoundCompilationPercent, quiet ? "" : " (NOT quiet: maximum warm-up reached)");
        }
    }

    private static final Duration LIGHT = Duration.ofSeconds(4);

    private final Duration min;
    private final Duration max;
    private final Duration round;
    private final double quietPercent;

    public JitWarmup(Duration min, Duration max, Duration round, double quietPercent) {
        this.min = min;
        this.max = max;
        this.round = round;
        this.quietPercent = quietPercent;
    }

    /** From system properties {@code bench.jit-warmup-min} (PT30S), {@code -max} (PT240S), {@code -quiet-percent} (10). */
    public static JitWarmup fromSystemProperties() {
        return new JitWarmup(Duration.parse(System.getProperty("bench.jit-warmup-min", "PT30S")),
                Duration.parse(System.getProperty("bench.jit-warmup-max", "PT240S")),
                Duration.ofSeconds(5),
                Double.parseDouble(System.getProperty("bench.jit-warmup-quiet-percent", "10")));
    }

    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("JIT warm-up", String.format("rounds of %d s per path plus %d s with one client, at least %d s, "
                        + "until the JIT compiler threads use < %.0f %% of a core in the one-client part, at most %d s",
                round.toSeconds(), LIGHT.toSeconds(), min.toSeconds(), quietPercent, max.toSeconds()));
        return settings;
    }

    /** Runs every path in turn, round after round, until the JIT is quiet. */
    public Outcome run(int clients, Map<String, LoadDriver.Operation> paths) {
        boolean measurable = !CpuProbe.jitCompilerCpu().isNegative();
        List<PhaseResult> runs = new ArrayList<>();
        long began = System.nanoTime();
        double percent = Double.NaN;
        Map.Entry<String, LoadDriver.Operation> light = paths.entrySet().iterator().next();
        while (true) {
            paths.forEach((name, operation) -> runs.add(LoadDriver.run("JIT warm-up, " + name, clients, round,
                    Duration.ZERO, Duration.ofSeconds(60), operation)));
            long lightStart = System.nanoTime();
            long compiledBefore = CpuProbe.jitCompilerCpu().toMillis();
            runs.add(LoadDriver.run("JIT warm-up, " + light.getKey() + ", 1 client", 1, LIGHT, Duration.ZERO,
                    Duration.ofSeconds(60), light.getValue()));
            long roundMillis = (System.nanoTime() - lightStart) / 1_000_000;
            // Compiler threads come and go (dynamic compiler threads), so a delta can dip below zero.
            percent = measurable
                    ? Math.max(0, 100.0 * (CpuProbe.jitCompilerCpu().toMillis() - compiledBefore) / roundMillis)
                    : Double.NaN;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            boolean quiet = measurable && percent < quietPercent;
            System.out.printf("JIT warm-up: %d s, JIT compiler threads at %.0f %% of a core under light load%n",
                    elapsed.toSeconds(), percent);
            if ((quiet || !measurable) && elapsed.compareTo(min) >= 0) {
                return new Outcome(elapsed, percent, quiet, runs);
            }
            if (elapsed.compareTo(max) >= 0) {
                return new Outcome(elapsed, percent, false, runs);
            }
        }
    }
}
