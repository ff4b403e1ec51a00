package io.flk.api.simulation;

import io.flk.api.web.ApiProblem;
import io.flk.domain.simulation.SimulationProgress;
import io.flk.domain.simulation.SimulationResult;
import io.flk.domain.simulation.SimulationRun;
import io.flk.domain.simulation.SimulationStatus;
import io.flk.projections.simulation.ReplayCancelled;
import io.flk.projections.simulation.ReplayControl;
import io.flk.projections.simulation.ReplayTooLarge;
import io.flk.projections.simulation.SimulationRunStore;
import io.flk.projections.simulation.WhatIfSimulation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.HttpStatus;

/**
 * Runs what-if simulations as background jobs, off the hot path: a few at a time on an instance (more are refused,
 * nothing stored), each on a low-priority thread of its own, reading the event store on one connection. Runs are
 * rows of {@code simulation_run}, so any instance answers for any run; a run records its progress every heartbeat
 * and reads then whether a cancellation arrived on another instance. At startup an instance ends as FAILED the runs
 * it left running before it stopped; a run whose instance stopped for good is ended when someone asks for it.
 */
public class SimulationJobs implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulationJobs.class);

    private final WhatIfSimulation simulation;
    private final SimulationRunStore store;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final double configuredReviewUsd;
    private final SimulationProperties properties;
    private final String instanceId;
    private final Clock clock;
    private final Map<String, Job> running = new ConcurrentHashMap<>();
    private final SimulationMetrics metrics;

    public SimulationJobs(WhatIfSimulation simulation, SimulationRunStore store, ExecutorService executor,
                          double configuredReviewUsd, SimulationProperties properties, String instanceId, Clock clock,
                          MeterRegistry registry) {
        this.simulation = simulation;
        this.store = store;
        this.executor = executor;
        this.slots = new Semaphore(properties.maxConcurrent());
        this.configuredReviewUsd = configuredReviewUsd;
        this.properties = properties;
        this.instanceId = instanceId;
        this.clock = clock;
        this.metrics = new SimulationMetrics(registry, running);
    }

    /** Before the server takes requests: whatever this instance ran before it restarted is no longer running. */
    @Override
    public void afterSingletonsInstantiated() {
        int ended = store.failRunningOf(instanceId, "interrupted: the instance running it restarted; start the "
                + "simulation again", clock.instant());
        if (ended > 0) {
            log.warn("Ended {} simulation runs interrupted by the restart of instance {}", ended, instanceId);
        }
    }

    @Override
    public void destroy() {
        running.values().forEach(Job::cancel);
        store.failRunningOf(instanceId, "interrupted: the instance running it stopped; start the simulation again",
                clock.instant());
    }

    /** @throws ApiProblem 503 when this instance already runs as many simulations as it may (nothing is stored) */
    public SimulationRun start(SimulationOrder order) {
        if (!slots.tryAcquire()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "simulations-busy", "This instance already runs "
                    + properties.maxConcurrent() + " simulations; try again when one has ended", null);
        }
        Instant now = clock.instant();
        SimulationRun run = new SimulationRun(UUID.randomUUID().toString(), order.tenantId().value(),
                SimulationStatus.RUNNING, order.requestedBy(), now, order.from(), order.to(), order.candidate(),
                SimulationProgress.QUEUED, false, null, null, null);
        try {
            store.insert(run, instanceId);
        } catch (RuntimeException notStored) {
            slots.release();
            throw notStored;
        }
        Job job = new Job(run.id(), order);
        running.put(run.id(), job);
        try {
            executor.execute(job);
        } catch (RejectedExecutionException stopping) {
            running.remove(run.id());
            slots.release();
            store.fail(run.id(), SimulationProgress.QUEUED, "the instance is stopping; start the simulation again",
                    clock.instant());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "simulations-busy",
                    "This instance is stopping; try again", null);
        }
        return run;
    }

    /** The run, ended as FAILED first if it still shows as running but its instance has fallen silent. */
    public Optional<SimulationRun> find(String id) {
        Optional<SimulationRun> run = store.find(id);
        if (run.isPresent() && run.get().status() == SimulationStatus.RUNNING && !running.containsKey(id)) {
            Instant now = clock.instant();
            if (store.failIfSilent(id, now.minus(properties.silentAfter()), "interrupted: the instance running it "
                    + "stopped reporting; start the simulation again", now)) {
                return store.find(id);
            }
        }
        return run;
    }

    /** Asks a running run to stop, wherever it runs; returns it as it stands after the request. */
    public Optional<SimulationRun> cancel(String id) {
        Job job = running.get(id);
        if (job != null) {
            job.cancel();
        }
        store.requestCancel(id);
        return find(id);
    }

    /** One run on its worker thread: the replay's control, heartbeat and ending. */
    private final class Job implements Runnable, ReplayControl {

        private final String id;
        private final SimulationOrder order;
        private final long heartbeatNanos = properties.heartbeatInterval().toNanos();
        private volatile boolean cancelled;
        private SimulationProgress progress = SimulationProgress.QUEUED;
        private long lastBeat = System.nanoTime();

        Job(String id, SimulationOrder order) {
            this.id = id;
            this.order = order;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            SimulationStatus ended = SimulationStatus.FAILED;
            try {
                SimulationResult result = simulation.simulate(order.tenantId(), order.from(), order.to(),
                        order.candidate(), configuredReviewUsd, this);
                store.complete(id, progress, result, clock.instant());
                ended = SimulationStatus.COMPLETED;
                log.info("Simulation {} of tenant {} completed in {} ms: {} tasks", id, order.tenantId().value(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis(), result.counts().tasksRead());
            } catch (ReplayCancelled stopped) {
                store.cancelled(id, progress, clock.instant());
                ended = SimulationStatus.CANCELLED;
            } catch (ReplayTooLarge tooLarge) {
                store.fail(id, progress, tooLarge.getMessage(), clock.instant());
            } catch (RuntimeException | LinkageError failed) {
                log.error("Simulation {} of tenant {} failed", id, order.tenantId().value(), failed);
                store.fail(id, progress, "the simulation failed unexpectedly; the logs of instance " + instanceId
                        + " tell why", clock.instant());
            } finally {
                running.remove(id);
                slots.release();
                metrics.ended(ended, Duration.ofNanos(System.nanoTime() - started), progress.eventsRead());
            }
        }

        @Override
        public boolean cancelRequested() {
            return cancelled;
        }

        @Override
        public void progress(SimulationProgress next) {
            boolean phaseChanged = next.phase() != progress.phase();
            progress = next;
            long now = System.nanoTime();
            if (phaseChanged || now - lastBeat >= heartbeatNanos) {
                lastBeat = now;
                if (store.heartbeat(id, next, clock.instant())) {
                    cancelled = true;
                }
            }
        }
    }
}
