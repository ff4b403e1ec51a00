package io.flk.api.observability;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Where each streaming event processor of this instance stands against the head of the event store: the
 * health indicator reports it, and tests and benchmarks wait on it before they compare or time read models.
 */
@Component
public class EventProcessorProgress {

    /**
     * One processor. {@code lowestPosition} is the global index its least advanced claimed segment has handled,
     * -1 when a claimed segment has handled nothing yet, empty when this instance claims no segment.
     */
    public record Processor(String name, boolean running, int claimedSegments, Optional<String> error,
                            Optional<Long> lowestPosition) {

        /** Whether every claimed segment has handled every event up to {@code globalIndex}, without error. */
        public boolean hasHandled(long globalIndex) {
            return error.isEmpty() && lowestPosition.map(position -> position >= globalIndex).orElse(false);
        }
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public EventProcessorProgress(org.axonframework.config.Configuration axon, EventStore eventStore) {
        this.processing = axon.eventProcessingConfiguration();
        this.eventStore = eventStore;
    }

    /** The global index of the newest stored event, -1 when the store is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public List<Processor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .map(EventProcessorProgress::progressOf).toList();
    }

    /** The processors that have not yet handled every event up to {@code globalIndex}, or are in error. */
    public List<Processor> behind(long globalIndex) {
        return processors().stream().filter(processor -> !processor.hasHandled(globalIndex)).toList();
    }

    private static Processor progressOf(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        Optional<String> error = status.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> "segment " + segment.getSegment().getSegmentId() + ": " + segment.getError())
                .findFirst();
        Optional<Long> lowest = status.values().stream()
                .map(segment -> segment.getCurrentPosition().orElse(-1))
                .min(Long::compare);
        return new Processor(processor.getName(), processor.isRunning(), status.size(), error, lowest);
    }
}
