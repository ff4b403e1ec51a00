package io.flk.api.rollout;

import io.flk.domain.rollout.RolloutComponent;
import io.flk.domain.rollout.RolloutEvent.RolloutRequested;
import io.flk.domain.rollout.RolloutId;
import io.flk.domain.rollout.RolloutLaneId;
import io.flk.domain.rollout.RolloutQueries.FindRollout;
import io.flk.domain.rollout.RolloutQueries.RolloutView;
import io.flk.domain.tenant.TenantId;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Which lane (tenant and component) holds a rollout, for the commands that name only its id. The rollouts read
 * model knows every rollout it has caught up with; one requested a moment ago may not be there yet, so then the
 * lanes' own event streams are asked. Commands never wait for the read model, and a guess at the wrong lane is
 * never sent: it would record a refusal in a lane that has nothing to do with the rollout.
 */
@Component
class RolloutLanes {

    private final QueryGateway queries;
    private final EventStore eventStore;

    RolloutLanes(QueryGateway queries, EventStore eventStore) {
        this.queries = queries;
        this.eventStore = eventStore;
    }

    Optional<RolloutLaneId> find(TenantId tenantId, RolloutId rolloutId) {
        Optional<RolloutView> view = queries.query(new FindRollout(tenantId, rolloutId),
                ResponseTypes.optionalInstanceOf(RolloutView.class)).join();
        if (view.isPresent()) {
            return Optional.of(RolloutLaneId.of(tenantId, view.get().component()));
        }
        for (RolloutComponent component : RolloutComponent.values()) {
            RolloutLaneId lane = RolloutLaneId.of(tenantId, component);
            if (requestedIn(lane, rolloutId)) {
                return Optional.of(lane);
            }
        }
        return Optional.empty();
    }

    /**
     * From sequence number 0, so that a snapshot of the lane does not hide the request; only the request events
     * are deserialised.
     */
    private boolean requestedIn(RolloutLaneId lane, RolloutId rolloutId) {
        DomainEventStream events = eventStore.readEvents(lane.toString(), 0);
        while (events.hasNext()) {
            EventMessage<?> event = events.next();
            if (RolloutRequested.class.equals(event.getPayloadType())
                    && ((RolloutRequested) event.getPayload()).rolloutId().equals(rolloutId)) {
                return true;
            }
        }
        return false;
    }
}
