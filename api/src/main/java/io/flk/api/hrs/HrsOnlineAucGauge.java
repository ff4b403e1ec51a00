package io.flk.api.hrs;

import io.flk.domain.hrs.HrsModelQueries.FetchHrsOnlinePerformance;
import io.flk.domain.hrs.HrsModelQueries.HrsOnlinePerformance;
import io.flk.domain.tenant.TenantId;
import io.flk.domain.tenant.TenantQueries.FetchTenants;
import io.flk.domain.tenant.TenantQueries.TenantList;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code flk_hrs_online_auc{tenant,model_version}}: ROC AUC of each HRS version's live risk against the labels
 * humans gave later, deciding and shadow scores alike, read from the online-scores read model so that every
 * instance reports the same figure. A version appears once both classes have been labelled among its tasks.
 */
@Component
public class HrsOnlineAucGauge {

    private final QueryGateway queries;
    private final MultiGauge onlineAuc;

    public HrsOnlineAucGauge(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        this.onlineAuc = MultiGauge.builder("flk.hrs.online.auc")
                .description("ROC AUC of an HRS version's live risk against later human labels")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${flk.hrs.online-auc-refresh:PT30S}")
    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        queries.query(new FetchTenants(), TenantList.class).join().tenants().forEach(tenant ->
                queries.query(new FetchHrsOnlinePerformance(TenantId.of(tenant.tenantId())),
                                HrsOnlinePerformance.class).join().versions().stream()
                        .filter(version -> version.onlineAuc() != null)
                        .forEach(version -> rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant.tenantId(),
                                "model_version", version.modelVersion()), version.onlineAuc()))));
        onlineAuc.register(rows, true);
    }
}
