package io.flk.benchmarks.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A closed-loop load driver: {@code clients} threads each run one operation after another, without think time,
 * for a warm-up period and then a measured window. An operation that returns normally is a success; one that
 * throws is an error, with its cause counted by type and message. Only operations that complete inside the
 * measured window count towards throughput and latency; the rest are kept in the totals so that a run can be
 * reconciled with what the system under test recorded.
 *
 * <p>Bounded: clients stop starting operations at the end of the window; a client still stuck in an operation
 * {@code grace} after the window is interrupted and reported as an error.
 */
public final class LoadDriver {

    /** One operation, e.g. one command. {@code client} is 0..clients-1, {@code sequence} counts per client. */
    @FunctionalInterface
    public interface Operation {
        void run(int client, long sequence) throws Exception;
    }

    /** Hooks called by the coordinating thread exactly at the start and the end of the measured window. */
    public interface Probe {
        void windowStarted();

        /**
         * Facts about the window, e.g. CPU or pool use, as label -> value. {@code successes} is the number of
         * operations that succeeded in the window, for figures per operation.
         */
        Map<String, String> windowEnded(Duration window, long successes);
    }

    private static final int MAX_DISTINCT_ERRORS = 20;

    private LoadDriver() {
    }

    public static PhaseResult run(String name, int clients, Duration warmup, Duration window, Duration grace,
                                  Operation operation, Probe... probes) {
        long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long windowStart = startNanos + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        Client[] workers = new Client[clients];
        CountDownLatch done = new CountDownLatch(clients);
        // Clients stay alive (idle) until the probes have read the window, so per-thread CPU is still readable.
        CountDownLatch probed = new CountDownLatch(1);
        LongAdder windowCounter = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(i, operation, startNanos, windowStart, windowEnd, done, probed,
                    windowCounter);
            workers[i] = client;
            Thread thread = new Thread(client, "bench-" + name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        sleepUntil(windowStart);
        long actualStart = System.nanoTime();
        for (Probe probe : probes) {
            probe.windowStarted();
        }
        sleepUntil(windowEnd);
        long actualEnd = System.nanoTime();
        Duration measured = Duration.ofNanos(actualEnd - actualStart);
        long successes = windowCounter.sum();
        Map<String, String> facts = new LinkedHashMap<>();
        try {
            for (Probe probe : probes) {
                facts.putAll(probe.windowEnded(measured, successes));
            }
        } finally {
            probed.countDown();
        }

        boolean finished = await(done, grace);
        int stuck = 0;
        if (!finished) {
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    stuck++;
                    thread.interrupt();
                }
            }
            await(done, Duration.ofSeconds(10));
        }
        return merge(name, clients, window, workers, stuck, facts);
    }

    private static PhaseResult merge(String name, int clients, Duration window, Client[] workers, int stuck,
                                     Map<String, String> facts) {
        int samples = 0;
        for (Client client : workers) {
            samples += client.latencyCount;
        }
        long[] latencies = new long[samples];
        int offset = 0;
        long windowSuccesses = 0;
        long windowErrors = 0;
        long totalSuccesses = 0;
        long totalErrors = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (Client client : workers) {
            System.arraycopy(client.latencies, 0, latencies, offset, client.latencyCount);
            offset += client.latencyCount;
            windowSuccesses += client.windowSuccesses;
            windowErrors += client.windowErrors;
            totalSuccesses += client.totalSuccesses;
            totalErrors += client.totalErrors;
            client.errors.forEach((key, count) -> errors.merge(key, count, Long::sum));
        }
        if (stuck > 0) {
            errors.merge("client still busy after the grace period (interrupted)", (long) stuck, Long::sum);
            totalErrors += stuck;
        }
        Arrays.sort(latencies);
        return new PhaseResult(name, clients, window, windowSuccesses, windowErrors, totalSuccesses, totalErrors,
                latencies, errors, facts);
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static final class Client implements Runnable {
        private final int id;
        private final Operation operation;
        private final long start;
        private final long windowStart;
        private final long windowEnd;
        private final CountDownLatch done;
        private final CountDownLatch probed;
        private final LongAdder windowCounter;
        private final Map<String, Long> errors = new LinkedHashMap<>();
        private long[] latencies = new long[4096];
        private int latencyCount;
        private long windowSuccesses;
        private long windowErrors;
        private long totalSuccesses;
        private long totalErrors;

        Client(int id, Operation operation, long start, long windowStart, long windowEnd, CountDownLatch done,
               CountDownLatch probed, LongAdder windowCounter) {
            this.probed = probed;
            this.windowCounter = windowCounter;
            this.id = id;
            this.operation = operation;
            this.start = start;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                sleepUntil(start);
                long sequence = 0;
                while (System.nanoTime() < windowEnd && !Thread.currentThread().isInterrupted()) {
                    long began = System.nanoTime();
                    Throwable failure = null;
                    try {
                        operation.run(id, sequence++);
                    } catch (Throwable e) {
                        failure = e;
                    }
                    long ended = System.nanoTime();
                    boolean inWindow = ended >= windowStart && ended < windowEnd;
                    if (failure == null) {
                        totalSuccesses++;
                        if (inWindow) {
                            windowSuccesses++;
                            windowCounter.increment();
                            record(ended - began);
                        }
                    } else {
                        totalErrors++;
                        if (inWindow) {
                            windowErrors++;
                        }
                        countError(failure);
                    }
                }
                probed.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }

        private void countError(Throwable failure) {
            String key = describe(failure);
            if (errors.containsKey(key) || errors.size() < MAX_DISTINCT_ERRORS) {
                errors.merge(key, 1L, Long::sum);
            } else {
                errors.merge("(other errors)", 1L, Long::sum);
            }
        }
    }

    /** Type and message of the failure and of its root cause, shortened. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (root != failure) {
            text += " / cause " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return text.length() > 240 ? text.substring(0, 240) + "…" : text;
    }
}
