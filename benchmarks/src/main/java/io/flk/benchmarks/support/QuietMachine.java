package io.flk.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Benchmarks share the machine with other work: before measuring, wait (bounded) until the 1-minute load
 * average is at most {@code bench.max-load} (default 3), and say in the report what was seen.
 */
public final class QuietMachine {

    private QuietMachine() {
    }

    /** @param maxWait default for {@code bench.max-load-wait}; returns the description for the report */
    public static String await(Duration maxWait) throws InterruptedException {
        double max = Double.parseDouble(System.getProperty("bench.max-load", "3.0"));
        Duration wait = Duration.parse(System.getProperty("bench.max-load-wait", maxWait.toString()));
        double first = loadAverage();
        long deadline = System.nanoTime() + wait.toNanos();
        double now = first;
        while (now > max && System.nanoTime() < deadline) {
            System.out.printf("Load average %.2f is above %.1f; waiting (at most %d s in all)%n", now, max,
                    wait.toSeconds());
            Thread.sleep(10_000);
            now = loadAverage();
        }
        if (now == first) {
            return String.format("%.2f (limit %.1f)", now, max);
        }
        return String.format("%.2f at first, %.2f after waiting (limit %.1f, waited at most %d s)%s", first, now, max,
                wait.toSeconds(), now > max ? "; ran anyway: rates are depressed by the competing load" : "");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
