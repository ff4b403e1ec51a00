package io.flk.benchmarks.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load driver: operations start on a fixed timetable ({@code rate} per second) whatever the system under
 * test does, each without waiting for the previous ones, and every latency is measured from the operation's
 * <em>scheduled</em> start. A stall therefore shows up in the latencies of every request that should have been sent
 * during it, instead of hiding behind a driver that stopped sending (coordinated omission).
 *
 * <p>Operations scheduled inside the measured window count; the window's throughput is its successes divided by its
 * length. Operations still unanswered {@code grace} after the last one was sent are errors.
 */
public final class OpenLoopDriver {

    /** Starts one operation; the future completes normally for a success and exceptionally for an error. */
    @FunctionalInterface
    public interface AsyncOperation {
        CompletableFuture<?> start(long sequence);
    }

    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_DISTINCT_ERRORS = 20;

    private OpenLoopDriver() {
    }

    public static PhaseResult run(String name, double rate, Duration warmup, Duration window, Duration grace,
                                  AsyncOperation operation, LoadDriver.Probe... probes) {
        double periodNanos = 1e9 / rate;
        int total = (int) Math.ceil(rate * (warmup.toNanos() + window.toNanos()) / 1e9);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        long[] scheduled = new long[total];
        long[] latency = new long[total];
        // 0 = not answered yet, 1 = success, 2 = error
        byte[] outcome = new byte[total];
        Map<String, Long> errors = new TreeMap<>();
        CountDownLatch answered = new CountDownLatch(total);
        AtomicInteger inFlight = new AtomicInteger();
        int[] maxInFlight = {0};
        long[] sendLag = new long[total];
        LongAdder windowSuccesses = new LongAdder();

        Thread sender = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * periodNanos);
                sleepUntil(due);
                scheduled[i] = due;
                sendLag[i] = System.nanoTime() - due;
                int now = inFlight.incrementAndGet();
                if (now > maxInFlight[0]) {
                    maxInFlight[0] = now;
                }
                int index = i;
                CompletableFuture<?> future;
                try {
                    future = operation.start(i);
                } catch (RuntimeException e) {
                    future = CompletableFuture.failedFuture(e);
                }
                future.whenComplete((ignored, failure) -> {
                    latency[index] = System.nanoTime() - due;
                    if (failure == null) {
                        outcome[index] = 1;
                        if (due >= windowStart && due < windowEnd) {
                            windowSuccesses.increment();
                        }
                    } else {
                        outcome[index] = 2;
                        synchronized (errors) {
                            String key = LoadDriver.describe(failure);
                            if (errors.containsKey(key) || errors.size() < MAX_DISTINCT_ERRORS) {
                                errors.merge(key, 1L, Long::sum);
                            } else {
                                errors.merge("(other errors)", 1L, Long::sum);
                            }
                        }
                    }
                    inFlight.decrementAndGet();
                    answered.countDown();
                });
            }
        }, "bench-open-loop-" + name);
        sender.setDaemon(true);
        sender.start();

        sleepUntil(windowStart);
        long actualStart = System.nanoTime();
        for (LoadDriver.Probe probe : probes) {
            probe.windowStarted();
        }
        sleepUntil(windowEnd);
        Duration measured = Duration.ofNanos(System.nanoTime() - actualStart);
        Map<String, String> facts = new LinkedHashMap<>();
        for (LoadDriver.Probe probe : probes) {
            facts.putAll(probe.windowEnded(measured, windowSuccesses.sum()));
        }
        try {
            sender.join();
            answered.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        long windowOk = 0;
        long windowErrors = 0;
        long totalOk = 0;
        long totalErrors = 0;
        long late = 0;
        long maxLag = 0;
        long[] latencies = new long[total];
        int samples = 0;
        synchronized (errors) {
            for (int i = 0; i < total; i++) {
                boolean inWindow = scheduled[i] >= windowStart && scheduled[i] < windowEnd;
                byte result = outcome[i];
                if (result == 0) {
                    errors.merge("no answer within " + grace.toSeconds() + " s after the last send", 1L, Long::sum);
                    result = 2;
                }
                if (result == 1) {
                    totalOk++;
                    if (inWindow) {
                        windowOk++;
                        latencies[samples++] = latency[i];
                    }
                } else {
                    totalErrors++;
                    if (inWindow) {
                        windowErrors++;
                    }
                }
                if (inWindow) {
                    late += sendLag[i] > LATE_NANOS ? 1 : 0;
                    maxLag = Math.max(maxLag, sendLag[i]);
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, samples);
        Arrays.sort(sorted);
        facts.put("open-loop driver: requests sent > 1 ms after their scheduled time / latest send",
                String.format("%,d of %,d / %.2f ms", late, windowOk + windowErrors, maxLag / 1e6));
        facts.put("open-loop driver: most requests in flight at once", Integer.toString(maxInFlight[0]));
        return new PhaseResult(name, maxInFlight[0], window, windowOk, windowErrors, totalOk, totalErrors, sorted,
                new TreeMap<>(errors), facts);
    }

    private static void sleepUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
