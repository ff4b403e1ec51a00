package io.flk.api.simulation;

import io.flk.domain.simulation.SimulationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * The simulation runs of this instance on the Prometheus scrape: how many run now, how long each took by how it
 * ended ({@code flk_simulation_duration_seconds_count} counts them) and the recorded events they replayed. Per
 * instance: a run is counted by the instance that ran it.
 */
final class SimulationMetrics {

    static final String RUNNING = "flk.simulations.running";
    static final String DURATION = "flk.simulation.duration";
    static final String EVENTS_REPLAYED = "flk.simulation.events.replayed";

    private final MeterRegistry registry;
    private final Counter eventsReplayed;

    SimulationMetrics(MeterRegistry registry, Map<String, ?> running) {
        this.registry = registry;
        Gauge.builder(RUNNING, running, Map::size).description("Simulation runs running on this instance")
                .register(registry);
        this.eventsReplayed = Counter.builder(EVENTS_REPLAYED)
                .description("Recorded events read from the event store by simulation runs").register(registry);
        for (SimulationStatus ended : SimulationStatus.values()) {
            if (ended != SimulationStatus.RUNNING) {
                timer(ended);
            }
        }
    }

    void ended(SimulationStatus status, Duration took, long eventsRead) {
        timer(status).record(took);
        eventsReplayed.increment(eventsRead);
    }

    /** Registered for every end from the start, so that a dashboard sees zeros rather than no series. */
    private Timer timer(SimulationStatus status) {
        return Timer.builder(DURATION).description("How long simulation runs took, by how they ended")
                .tag("outcome", status.name()).register(registry);
    }
}
