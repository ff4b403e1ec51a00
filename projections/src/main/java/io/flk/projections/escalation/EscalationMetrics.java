package io.flk.projections.escalation;

import io.flk.domain.escalation.EscalationEvent.EscalationResolved;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Records how long escalations waited for a human. A side effect on live traffic only: replaying history
 * would count old resolutions again.
 */
@Component
@ProcessingGroup(EscalationMetrics.GROUP)
public class EscalationMetrics {

    public static final String GROUP = "escalation-metrics";
    public static final String RESOLUTION_TIME = "flk.escalation.resolution";

    private final MeterRegistry registry;

    public EscalationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventHandler
    @DisallowReplay
    void on(EscalationResolved event) {
        Timer.builder(RESOLUTION_TIME)
                .description("Time from opening an escalation to its human verdict")
                .tag("tenant", event.tenantId().value())
                .tag("verdict", event.verdict().name())
                .serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                        Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24))
                .register(registry)
                .record(Duration.between(event.openedAt(), event.resolvedAt()));
    }
}
