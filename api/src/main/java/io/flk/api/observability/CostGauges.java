package io.flk.api.observability;

import io.flk.domain.cost.CostQueries.AttributedCostTotals;
import io.flk.domain.cost.CostQueries.FetchAttributedCostTotals;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code flk_cost_attributed_usd{tenant,component}}: all recorded internal cost, read from the attribution read
 * model so every instance reports the same figure and a restart or replay does not reset or double it. The
 * hot path's live {@code flk_cost_usd_total{tenant,strategy}} counter is a separate, per-instance series.
 */
@Component
public class CostGauges {

    private final QueryGateway queries;
    private final MultiGauge attributed;

    public CostGauges(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        this.attributed = MultiGauge.builder("flk.cost.attributed.usd")
                .description("Internal cost recorded per tenant and component (llm, verification, review), all time")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${flk.metrics.refresh-interval:PT5S}")
    public void refresh() {
        AttributedCostTotals totals = queries.query(new FetchAttributedCostTotals(), AttributedCostTotals.class).join();
        attributed.register(totals.totals().stream()
                .map(total -> MultiGauge.Row.of(Tags.of("tenant", total.tenantId(), "component",
                        total.component().id()), total.costUsd().doubleValue()))
                .toList(), true);
    }
}
