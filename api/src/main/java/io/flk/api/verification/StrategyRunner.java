package io.flk.api.verification;

import io.flk.domain.verification.CostModel;
import io.flk.domain.verification.StrategyName;
import io.flk.domain.verification.StrategyOutcome;
import io.flk.domain.verification.StrategySettings;
import io.flk.domain.verification.StrategyVerdict;
import io.flk.domain.verification.VerificationInput;
import io.flk.domain.verification.VerificationStrategy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a task's strategies in parallel on a bounded pool, each under its own timeout. A strategy that
 * throws, times out or finds the pool full gets the vote of its failure mode, and the verdict says which
 * of those happened; its score stays empty rather than invented.
 */
public class StrategyRunner implements AutoCloseable {

    private final Map<StrategyName, VerificationStrategy> strategies;
    private final CostModel costs;
    private final VerificationMetrics metrics;
    private final ThreadPoolExecutor pool;

    public StrategyRunner(List<VerificationStrategy> strategies, CostModel costs, VerificationMetrics metrics,
                          int threads, int queueCapacity) {
        this.strategies = new EnumMap<>(strategies.stream()
                .collect(Collectors.toMap(VerificationStrategy::name, Function.identity())));
        this.costs = costs;
        this.metrics = metrics;
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), task -> {
                    Thread thread = new Thread(task, "flk-strategy-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    public boolean knows(StrategyName name) {
        return strategies.containsKey(name);
    }

    /** One verdict per strategy in {@code settings}, in the order of {@link StrategyName}. */
    public List<StrategyVerdict> run(VerificationInput input, Map<StrategyName, StrategySettings> settings) {
        Map<StrategyName, Future<Timed>> running = new EnumMap<>(StrategyName.class);
        long submitted = System.nanoTime();
        settings.keySet().forEach(name -> running.put(name, submit(name, input)));
        List<StrategyVerdict> verdicts = new ArrayList<>(settings.size());
        settings.forEach((name, setting) -> verdicts.add(await(name, setting, running.get(name), submitted)));
        return verdicts;
    }

    private Future<Timed> submit(StrategyName name, VerificationInput input) {
        VerificationStrategy strategy = strategies.get(name);
        try {
            return pool.submit(() -> {
                long start = System.nanoTime();
                StrategyOutcome outcome = strategy.evaluate(input);
                return new Timed(outcome, (System.nanoTime() - start) / 1_000);
            });
        } catch (RejectedExecutionException full) {
            return null;
        }
    }

    private StrategyVerdict await(StrategyName name, StrategySettings setting, Future<Timed> future, long submitted) {
        if (future == null) {
            metrics.strategyFailed(name);
            return StrategyVerdict.unavailable(name, setting.onFailure(), false, 0);
        }
        long deadline = submitted + TimeUnit.MILLISECONDS.toNanos(setting.timeoutMillis());
        try {
            Timed timed = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            metrics.strategyRan(name, timed.micros());
            return StrategyVerdict.scored(name, timed.outcome(), setting.groundedThreshold(), timed.micros(),
                    costs.costUsd(name, timed.outcome().costUnits()));
        } catch (TimeoutException slow) {
            future.cancel(true);
            metrics.strategyTimedOut(name);
            return StrategyVerdict.unavailable(name, setting.onFailure(), true, setting.timeoutMillis() * 1_000);
        } catch (ExecutionException failed) {
            metrics.strategyFailed(name);
            return StrategyVerdict.unavailable(name, setting.onFailure(), false, (System.nanoTime() - submitted) / 1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return StrategyVerdict.unavailable(name, setting.onFailure(), false, (System.nanoTime() - submitted) / 1_000);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Timed(StrategyOutcome outcome, long micros) {
    }
}
