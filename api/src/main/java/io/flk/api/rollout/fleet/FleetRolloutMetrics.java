package io.flk.api.rollout.fleet;

import io.flk.api.rollout.RolloutMetrics;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutAborted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutCompleted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutHalted;
import io.flk.domain.rollout.fleet.FleetRolloutEvent.FleetRolloutRejected;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.FleetRolloutView;
import io.flk.domain.rollout.fleet.FleetRolloutQueries.ListActiveFleetRollouts;
import io.flk.domain.rollout.fleet.FleetRolloutStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The fleet rollout metrics; each tenant's own rollout reports under {@link RolloutMetrics} as any other.
 * <ul>
 *   <li>{@code flk_fleet_rollouts_active{status}}: fleet rollouts pending approval, running (baking included) or
 *   paused, from the read model, so that every instance reports the same figure (dashboards take the max).</li>
 *   <li>{@code flk_fleet_rollouts_ended_total{outcome}}: fleet rollouts ended, by how (COMPLETED, HALTED, ABORTED,
 *   REJECTED). Counted in the publishing thread after the commit, by the instance that ended the fleet, as
 *   {@link RolloutMetrics} counts its decisions; every outcome exists from zero, so that {@code increase()} sees the
 *   first halt too.</li>
 * </ul>
 */
@Component
@ProcessingGroup(RolloutMetrics.GROUP)
public class FleetRolloutMetrics {

    static final String ACTIVE = "flk.fleet.rollouts.active";
    static final String ENDED = "flk.fleet.rollouts.ended";
    private static final List<FleetRolloutStatus> ACTIVE_STATUSES = Arrays.stream(FleetRolloutStatus.values())
            .filter(FleetRolloutStatus::active).toList();
    private static final List<FleetRolloutStatus> END_STATUSES = List.of(FleetRolloutStatus.COMPLETED,
            FleetRolloutStatus.HALTED, FleetRolloutStatus.ABORTED, FleetRolloutStatus.REJECTED);

    private final QueryGateway queries;
    private final MeterRegistry registry;
    private final MultiGauge active;

    public FleetRolloutMetrics(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        this.registry = registry;
        this.active = MultiGauge.builder(ACTIVE)
                .description("Fleet rollouts pending approval, running or paused")
                .register(registry);
        END_STATUSES.forEach(this::ended);
    }

    @EventHandler
    void on(FleetRolloutCompleted event, UnitOfWork<?> unitOfWork) {
        countAfterCommit(FleetRolloutStatus.COMPLETED, unitOfWork);
    }

    @EventHandler
    void on(FleetRolloutHalted event, UnitOfWork<?> unitOfWork) {
        countAfterCommit(FleetRolloutStatus.HALTED, unitOfWork);
    }

    @EventHandler
    void on(FleetRolloutAborted event, UnitOfWork<?> unitOfWork) {
        countAfterCommit(FleetRolloutStatus.ABORTED, unitOfWork);
    }

    @EventHandler
    void on(FleetRolloutRejected event, UnitOfWork<?> unitOfWork) {
        countAfterCommit(FleetRolloutStatus.REJECTED, unitOfWork);
    }

    @Scheduled(fixedDelayString = "${flk.metrics.refresh-interval:PT5S}")
    public void refresh() {
        Map<FleetRolloutStatus, Integer> counts = new EnumMap<>(FleetRolloutStatus.class);
        ACTIVE_STATUSES.forEach(status -> counts.put(status, 0));
        queries.query(new ListActiveFleetRollouts(), ResponseTypes.multipleInstancesOf(FleetRolloutView.class))
                .join().forEach(fleet -> counts.merge(fleet.status(), 1, Integer::sum));
        active.register(counts.entrySet().stream()
                .map(count -> MultiGauge.Row.of(Tags.of("status", count.getKey().name()), count.getValue()))
                .toList(), true);
    }

    private void countAfterCommit(FleetRolloutStatus outcome, UnitOfWork<?> unitOfWork) {
        Counter counter = ended(outcome);
        unitOfWork.afterCommit(committed -> counter.increment());
    }

    private Counter ended(FleetRolloutStatus outcome) {
        return Counter.builder(ENDED).description("Fleet rollouts ended, by how they ended")
                .tags("outcome", outcome.name())
                .register(registry);
    }
}
