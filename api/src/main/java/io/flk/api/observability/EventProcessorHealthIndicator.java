package io.flk.api.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} part {@code eventProcessors}: per processor whether it runs, its segments and
 * how many events it is behind the head of the event store. DOWN when a processor stopped or a segment is
 * in error; lag alone is reported, not judged.
 */
@Component("eventProcessors")
public class EventProcessorHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public EventProcessorHealthIndicator(org.axonframework.config.Configuration axon, EventStore eventStore) {
        this.processing = axon.eventProcessingConfiguration();
        this.eventStore = eventStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = position(eventStore.createHeadToken());
        boolean healthy = true;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList()) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            boolean inError = status.values().stream().anyMatch(EventTrackerStatus::isErrorState);
            long lowest = status.values().stream()
                    .mapToLong(segment -> position(segment.getCurrentPosition().isPresent() ? segment.getTrackingToken() : null))
                    .min().orElse(head);
            healthy &= processor.isRunning() && !inError;
            processors.put(processor.getName(), Map.of(
                    "running", processor.isRunning(),
                    "error", inError,
                    "claimedSegments", status.size(),
                    "lag", Math.max(0, head - lowest)));
        }
        builder.status(healthy ? "UP" : "DOWN").withDetail("headGlobalIndex", head).withDetail("processors", processors);
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
