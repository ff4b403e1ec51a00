package io.flk.api.observability;

import io.flk.domain.escalation.EscalationQueries.CountOpenEscalationsPerTenant;
import io.flk.domain.escalation.EscalationQueries.OpenEscalationCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code flk_escalations_open} per tenant, read from the escalation read model so that every instance of
 * the app reports the same figure and a restart does not reset it.
 */
@Component
public class OpenEscalationsGauge {

    private final QueryGateway queries;
    private final MultiGauge open;

    public OpenEscalationsGauge(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        this.open = MultiGauge.builder("flk.escalations.open")
                .description("Escalations waiting for a human verdict")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${flk.metrics.refresh-interval:PT5S}")
    public void refresh() {
        OpenEscalationCounts counts = queries.query(new CountOpenEscalationsPerTenant(), OpenEscalationCounts.class)
                .join();
        open.register(counts.counts().stream()
                .map(count -> MultiGauge.Row.of(Tags.of("tenant", count.tenantId()), count.open()))
                .toList(), true);
    }
}
