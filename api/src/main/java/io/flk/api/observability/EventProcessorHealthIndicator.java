package io.flk.api.observability;

import java.util.LinkedHashMap;
import java.util.Map;
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

    private final EventProcessorProgress progress;

    public EventProcessorHealthIndicator(EventProcessorProgress progress) {
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = progress.head();
        boolean healthy = true;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (EventProcessorProgress.Processor processor : progress.processors()) {
            healthy &= processor.running() && processor.error().isEmpty();
            processors.put(processor.name(), Map.of(
                    "running", processor.running(),
                    "error", processor.error().isPresent(),
                    "claimedSegments", processor.claimedSegments(),
                    // a processor whose segments another instance claims is not behind here
                    "lag", processor.lowestPosition().map(position -> Math.max(0, head - position)).orElse(0L)));
        }
        builder.status(healthy ? "UP" : "DOWN").withDetail("headGlobalIndex", head).withDetail("processors", processors);
    }
}
